// Lazy loader over the tree-sitter WASM runtime and grammars shipped by @vscode/tree-sitter-wasm.
// The runtime and each grammar are loaded once per process, on first use; nothing is loaded for
// scans that never parse source code.
//
// Walking a tree (web-tree-sitter API, see node_modules/@vscode/tree-sitter-wasm/wasm/web-tree-sitter.d.ts):
//   const tree = await parseSource('python', text);
//   try {
//     const cursor = tree.walk();                 // fast depth-first walk, or:
//     for (const n of tree.rootNode.descendantsOfType('import_statement')) {
//       n.type; n.text; n.startPosition.row /* 0-based line */; n.childForFieldName('name');
//     }
//   } finally { tree.delete(); }                  // trees live in WASM memory: always delete them
// Node types per grammar: see each grammar's node-types.json (tree-sitter-python etc.); comments are
// `comment` (Python, JS/TS, Go, Rust `line_comment`/`block_comment`, Java `line_comment`/`block_comment`).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

export type Tree = TreeSitter.Tree;
export type SyntaxNode = TreeSitter.Node;
export type SourceLang = 'python' | 'javascript' | 'typescript' | 'tsx' | 'go' | 'java' | 'csharp' | 'rust' | 'ruby';

const EXT_LANG: Record<string, SourceLang> = {
  '.py': 'python',
  '.pyi': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
  '.rs': 'rust',
  '.rb': 'ruby',
};

const GRAMMAR_FILE: Record<SourceLang, string> = {
  python: 'tree-sitter-python.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  go: 'tree-sitter-go.wasm',
  java: 'tree-sitter-java.wasm',
  csharp: 'tree-sitter-c-sharp.wasm',
  rust: 'tree-sitter-rust.wasm',
  ruby: 'tree-sitter-ruby.wasm',
};

/** The extensions (lower case, with the dot) that have a grammar. */
export const SOURCE_EXTENSIONS: readonly string[] = Object.keys(EXT_LANG);
const BY_EXT = new Map<string, SourceLang>(Object.entries(EXT_LANG));

/** The language of a source file by its FileRef extension (lower case, with the dot). */
export function languageForExt(ext: string): SourceLang | undefined {
  return BY_EXT.get(ext);
}

/** The language of a source file by its extension (case-insensitive); undefined for others (Kotlin included). */
export function languageForPath(path: string): SourceLang | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (base.endsWith('.d.ts')) return 'typescript';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? EXT_LANG[base.slice(dot)] : undefined;
}

type Runtime = typeof TreeSitter;
let runtime: Promise<{ ts: Runtime; dir: string }> | undefined;
const languages = new Map<SourceLang, Promise<TreeSitter.Language>>();
const parsers = new Map<SourceLang, TreeSitter.Parser>();

function loadRuntime(): Promise<{ ts: Runtime; dir: string }> {
  runtime ??= (async () => {
    const require = createRequire(import.meta.url);
    const main = require.resolve('@vscode/tree-sitter-wasm');
    const dir = dirname(main);
    const ts = require(main) as Runtime;
    await ts.Parser.init({ locateFile: (file: string) => join(dir, file) });
    return { ts, dir };
  })();
  return runtime;
}

async function loadLanguage(lang: SourceLang): Promise<TreeSitter.Language> {
  let p = languages.get(lang);
  if (!p) {
    p = (async () => {
      const { ts, dir } = await loadRuntime();
      const bytes = await readFile(join(dir, GRAMMAR_FILE[lang]));
      return ts.Language.load(new Uint8Array(bytes));
    })();
    languages.set(lang, p);
  }
  return p;
}

/** Parse source text. The caller owns the returned tree and must call `tree.delete()` when done.
 *  Throws only when the runtime or grammar cannot be loaded (installation problem) or parsing was cancelled. */
export async function parseSource(lang: SourceLang, text: string): Promise<Tree> {
  const language = await loadLanguage(lang);
  const { ts } = await loadRuntime();
  let parser = parsers.get(lang);
  if (!parser) {
    parser = new ts.Parser();
    parser.setLanguage(language);
    parsers.set(lang, parser);
  }
  const tree = parser.parse(text);
  if (!tree) {
    parser.reset();
    throw new Error(`tree-sitter: parsing ${lang} source failed`);
  }
  return tree;
}

/** Node types that are comments in the supported grammars. */
export const COMMENT_TYPES: ReadonlySet<string> = new Set(['comment', 'line_comment', 'block_comment', 'doc_comment']);

/** True when the node is (inside) a comment. */
export function isComment(node: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = node; n; n = n.parent) if (COMMENT_TYPES.has(n.type)) return true;
  return false;
}

export type TreeCursor = TreeSitter.TreeCursor;

/** Depth-first visit of every node (cursor based, no recursion: deep trees cannot overflow the stack).
 *  `visit` gets the node's type; `node()` builds the node object only when it is needed (a node object costs
 *  several calls into WebAssembly, and most visits look at the type alone); the cursor answers startIndex,
 *  endIndex and currentDepth cheaply. Return false from `visit` to skip a node's children. */
export function walkTree(tree: Tree, visit: (type: string, node: () => SyntaxNode, cursor: TreeCursor) => boolean | void): void {
  const cursor = tree.walk();
  const node = () => cursor.currentNode;
  try {
    for (;;) {
      const descend = visit(cursor.nodeType, node, cursor) !== false;
      if (descend && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

const INTERPOLATION_TYPES: ReadonlySet<string> = new Set(['template_substitution', 'interpolation', 'interpolated_string_expression']);

/** The value of a string literal node: quotes and prefixes stripped; undefined when it has interpolation. */
export function stringValue(node: SyntaxNode): string | undefined {
  for (const c of node.namedChildren) if (c && INTERPOLATION_TYPES.has(c.type)) return undefined;
  const raw = node.text;
  const m = /^(?:[rRbBuUfF]{0,2}|@|\$@?)("""|'''|"|'|`)([\s\S]*)\1$/.exec(raw);
  if (m) return m[2];
  const rawRust = /^r(#*)"([\s\S]*)"\1$/.exec(raw);
  if (rawRust) return rawRust[2];
  return undefined;
}
