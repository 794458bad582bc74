// Import statements per language, read from tree-sitter syntax trees (so comments, strings and docs never
// count) or, for Kotlin, from the comment-blanking lexer. Returns module paths as written, with 1-based lines.
import { kotlinImports } from './clike-lexer.js';
import { stringValue, walkTree, withTree } from './tree-sitter.js';
import type { SourceLang, SyntaxNode, Tree } from './tree-sitter.js';

export interface ImportRef {
  /** Python dotted module, JS specifier, Go path, Java/Kotlin package path, C# namespace, Rust crate, Ruby require */
  module: string;
  line: number;
}

const line = (n: SyntaxNode): number => n.startPosition.row + 1;

function firstString(args: SyntaxNode | null): SyntaxNode | undefined {
  const first = args?.namedChildren.find((c) => c !== null && c.type !== 'comment');
  return first && /string/.test(first.type) ? first : undefined;
}

/** The nodes of these types, in document order, from one tree-sitter call: a cursor walk would cross into
 *  WebAssembly for every node of the tree (~0.3 ms for a two-line Python file). Nested nodes of these types are
 *  included; for the import statements below none can be nested in another's subtree that a walk would skip. */
const PY_TYPES = ['import_statement', 'import_from_statement', 'call'];
const JS_TYPES = ['import_statement', 'export_statement', 'call_expression'];

function ofTypes(tree: Tree, types: string[]): SyntaxNode[] {
  return tree.rootNode.descendantsOfType(types).filter((n): n is SyntaxNode => n !== null);
}

function python(tree: Tree, out: ImportRef[]): void {
  for (const n of ofTypes(tree, PY_TYPES)) {
    if (n.type === 'import_statement') {
      for (const c of n.namedChildren) {
        const name = c?.type === 'aliased_import' ? c.childForFieldName('name') : c;
        if (name?.type === 'dotted_name') out.push({ module: name.text, line: line(n) });
      }
    } else if (n.type === 'import_from_statement') {
      const mod = n.childForFieldName('module_name');
      if (!mod || mod.type !== 'dotted_name') continue; // relative import
      out.push({ module: mod.text, line: line(n) });
      // `from google import genai` names a submodule: google.genai
      for (const c of n.childrenForFieldName('name')) {
        const name = c?.type === 'aliased_import' ? c.childForFieldName('name') : c;
        if (name?.type === 'dotted_name') out.push({ module: `${mod.text}.${name.text}`, line: line(n) });
      }
    } else {
      const fn = n.childForFieldName('function')?.text;
      if (fn === '__import__' || fn === 'importlib.import_module' || fn === 'import_module') {
        const str = firstString(n.childForFieldName('arguments'));
        const v = str ? stringValue(str) : undefined;
        if (v) out.push({ module: v, line: line(n) });
      }
    }
  }
}

function javascript(tree: Tree, out: ImportRef[]): void {
  for (const n of ofTypes(tree, JS_TYPES)) {
    if (n.type === 'import_statement' || n.type === 'export_statement') {
      const src = n.childForFieldName('source');
      const v = src ? stringValue(src) : undefined;
      if (v) out.push({ module: v, line: line(n) });
      if (n.type === 'import_statement') {
        // TypeScript `import x = require("y")`
        for (const c of n.namedChildren) {
          if (c?.type === 'import_require_clause') {
            const str = c.childForFieldName('source') ?? c.namedChildren.find((x) => x?.type === 'string') ?? null;
            const rv = str ? stringValue(str) : undefined;
            if (rv) out.push({ module: rv, line: line(n) });
          }
        }
      }
    } else {
      const fn = n.childForFieldName('function');
      if (fn && (fn.type === 'import' || (fn.type === 'identifier' && fn.text === 'require'))) {
        const str = firstString(n.childForFieldName('arguments'));
        const v = str ? stringValue(str) : undefined;
        if (v !== undefined) out.push({ module: v, line: line(n) });
      }
    }
  }
}

function go(tree: Tree, out: ImportRef[]): void {
  walkTree(tree, (type, at) => {
    if (type === 'import_spec') {
      const n = at();
      const p = n.childForFieldName('path');
      const v = p ? stringValue(p) : undefined;
      if (v) out.push({ module: v, line: line(n) });
      return false;
    }
    return type === 'source_file' || type === 'import_declaration' || type === 'import_spec_list';
  });
}

/** Java, C#, Rust: the declaration node's own text (a parsed declaration, never a comment). */
function declarations(tree: Tree, types: Set<string>, re: RegExp, out: ImportRef[], deep: Set<string>): void {
  walkTree(tree, (type, at, cursor) => {
    if (types.has(type)) {
      const n = at();
      const m = re.exec(n.text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ').replace(/\s+/g, ' '));
      if (m) out.push({ module: m[1], line: line(n) });
      return false;
    }
    return deep.has(type) || cursor.currentDepth === 0 || type === 'program' || type === 'compilation_unit' || type === 'source_file';
  });
}

function rust(tree: Tree, out: ImportRef[]): void {
  walkTree(tree, (type, at) => {
    if (type !== 'use_declaration' && type !== 'extern_crate_declaration' && type !== 'scoped_identifier' && type !== 'scoped_type_identifier') {
      return !(type === 'line_comment' || type === 'block_comment' || type === 'string_literal' || type === 'raw_string_literal');
    }
    const n = at();
    if (n.type === 'use_declaration' || n.type === 'extern_crate_declaration') {
      const m = /^(?:pub(?:\([^)]*\))?\s+)?(?:use|extern crate)\s+(?:::)?\{?\s*([A-Za-z_]\w*)/.exec(n.text);
      if (m) out.push({ module: m[1], line: line(n) });
      return false;
    }
    if (n.type === 'scoped_identifier' || n.type === 'scoped_type_identifier') {
      // fully qualified use without `use`: async_openai::Client::new()
      const m = /^(?:::)?([A-Za-z_]\w*)::/.exec(n.text);
      if (m) out.push({ module: m[1], line: line(n) });
    }
    return false;
  });
}

function ruby(tree: Tree, out: ImportRef[]): void {
  walkTree(tree, (type, at) => {
    if (type !== 'call') return true;
    const n = at();
    if (!n.childForFieldName('receiver')) {
      const method = n.childForFieldName('method')?.text;
      if (method === 'require' || method === 'gem') {
        const s = firstString(n.childForFieldName('arguments'));
        const v = s ? stringValue(s) : undefined;
        if (v) out.push({ module: v, line: line(n) });
      }
    }
    return true;
  });
}

/** Imports of a source file. With `cut`, only text[0, cut) is parsed (imports come first in most files);
 *  when that prefix does not parse cleanly (the cut fell inside a string or comment) the whole text is parsed.
 *  Throws only when the tree-sitter runtime cannot load. */
export async function extractImports(lang: SourceLang | 'kotlin', text: string, cut = text.length): Promise<ImportRef[]> {
  if (lang === 'kotlin') return kotlinImports(text).map((i) => ({ module: i.path, line: i.line }));
  const prefix = cut < text.length ? text.slice(0, cut) : text;
  const collect = (tree: Tree): ImportRef[] => {
    const out: ImportRef[] = [];
    switch (lang) {
      case 'python':
        python(tree, out);
        break;
      case 'javascript':
      case 'typescript':
      case 'tsx':
        javascript(tree, out);
        break;
      case 'go':
        go(tree, out);
        break;
      case 'java':
        declarations(tree, new Set(['import_declaration']), /^import\s+(?:static\s+)?([\w.]+?)(?:\.\*)?\s*;/, out, new Set());
        break;
      case 'csharp':
        declarations(tree, new Set(['using_directive']), /^(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;/, out, new Set(['namespace_declaration', 'file_scoped_namespace_declaration', 'declaration_list']));
        break;
      case 'rust':
        rust(tree, out);
        break;
      case 'ruby':
        ruby(tree, out);
        break;
    }
    return out;
  };
  // the tree is shared with the other detectors of the file (withTree)
  const out = await withTree(lang, prefix, (tree) => (prefix !== text && tree.rootNode.hasError ? undefined : collect(tree)));
  if (out) return out;
  return withTree(lang, text, collect);
}
