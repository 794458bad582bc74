// Lazy loader over the tree-sitter WASM runtime and grammars shipped by @vscode/tree-sitter-wasm.
// The runtime and each grammar are loaded once per process, on first use; nothing is loaded for
// scans that never parse source code. Small scans parse on a Liftoff-only copy of the runtime, larger ones
// move on to one that V8 optimises (engines.ts).
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
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import { engineFor, engineLanguage, noteParse, type Engine } from './engines.js';

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

/** Parse source text. The caller owns the returned tree and must call `tree.delete()` when done.
 *  Throws only when the runtime or grammar cannot be loaded (installation problem) or parsing was cancelled. */
export async function parseSource(lang: SourceLang, text: string): Promise<Tree> {
  const engine = await engineFor(text.length);
  const language = await engineLanguage(engine, GRAMMAR_FILE[lang]);
  return parseNow(engine, lang, language, text);
}

/** a parse that runs longer than this is cancelled (parseSource throws): one hostile or pathological file must
 *  not stall a scan (AIBOM_PARSE_TIMEOUT_MS changes it; tests use a short one) */
const PARSE_TIMEOUT_MS = Number(process.env.AIBOM_PARSE_TIMEOUT_MS) > 0 ? Number(process.env.AIBOM_PARSE_TIMEOUT_MS) : 10_000;

function parseNow(engine: Engine, lang: SourceLang, language: TreeSitter.Language, text: string): Tree {
  let parser = engine.parsers.get(lang);
  if (!parser) {
    parser = new engine.ts.Parser();
    parser.setLanguage(language);
    engine.parsers.set(lang, parser);
  }
  noteParse(engine);
  const input = lang === 'python' ? blankRanges(text, pythonCommentRuns(text)) : text;
  const deadline = performance.now() + PARSE_TIMEOUT_MS;
  // tree-sitter calls it between parser steps (not while one token is scanned)
  const progressCallback = (): boolean => performance.now() > deadline;
  const tree = parser.parse(input, null, { progressCallback });
  if (!tree) {
    parser.reset();
    const late = performance.now() > deadline;
    throw new Error(late ? `tree-sitter: parsing ${lang} source took longer than ${PARSE_TIMEOUT_MS / 1000} s and was stopped` : `tree-sitter: parsing ${lang} source failed`);
  }
  return tree;
}

/** runs of at least this many comment-only lines are blanked before a Python text is parsed */
const COMMENT_RUN = 16;

/**
 * The comment-only lines of a Python text that lie in runs of COMMENT_RUN or more, as [start, end) offsets of
 * each comment (from its `#` to the end of its line). tree-sitter-python takes time quadratic in the length of
 * such a run (its scanner looks past every following comment line at each line end: 10 000 lines take ~14 s),
 * while blank lines cost nothing; so parseSource() parses Python with these comments replaced by spaces
 * (offsets and lines unchanged) and its trees have no nodes for them. A small lexer keeps `#` lines inside
 * string literals (a prompt's Markdown headings) out of the runs.
 */
export function pythonCommentRuns(text: string): [number, number][] {
  // the parse and then the source view ask for the same text
  if (lastRuns?.text !== text) lastRuns = { text, runs: findCommentRuns(text) };
  return lastRuns.runs;
}

let lastRuns: { text: string; runs: [number, number][] } | undefined;

function findCommentRuns(text: string): [number, number][] {
  const runs: [number, number][] = [];
  if (!text.includes('#')) return runs;
  let run: [number, number][] = [];
  const flush = () => {
    if (run.length >= COMMENT_RUN) for (const r of run) runs.push(r);
    run = [];
  };
  const n = text.length;
  let i = 0;
  /** the closing quote of the string the lexer is in ('' outside strings) */
  let quote = '';
  let lineStart = true;
  while (i < n) {
    const c = text[i];
    if (quote === '') {
      if (lineStart) {
        // a new line outside any string: comment-only, blank, or code
        let j = i;
        while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\f')) j++;
        if (text[j] === '#') {
          let e = text.indexOf('\n', j);
          if (e < 0) e = n;
          const end = text[e - 1] === '\r' ? e - 1 : e;
          run.push([j, end]);
          i = e + 1;
          continue;
        }
        if (j < n && text[j] !== '\n' && text[j] !== '\r') flush();
        lineStart = false;
        i = j;
        continue;
      }
      if (c === '\n') lineStart = true;
      else if (c === '#') {
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e;
        continue;
      } else if (c === '"' || c === "'") {
        quote = text.startsWith(c + c + c, i) ? c + c + c : c;
        i += quote.length;
        continue;
      } else if (c === '\\') i++;
      i++;
      continue;
    }
    // inside a string: escapes, the closing quote, or a line end (which ends a one-line string)
    if (c === '\\') i += 2;
    else if (text.startsWith(quote, i)) {
      i += quote.length;
      quote = '';
    } else {
      if (c === '\n' && quote.length === 1) {
        quote = '';
        lineStart = true;
      }
      i++;
    }
  }
  flush();
  return runs;
}

/** The text with the given [start, end) ranges (in order; a range inside an earlier one is skipped) blanked:
 *  every character but line breaks becomes a space, so offsets and lines stay the same. */
export function blankRanges(text: string, ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let pos = 0;
  for (const [start, end] of ranges) {
    if (start < pos) continue;
    parts.push(text.slice(pos, start), text.slice(start, end).replace(/[^\n]/g, ' '));
    pos = end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** the last tree withTree() parsed on this thread: the detectors of one file (imports, the source view, system
 *  prompts) ask for the same text in turn, so it is parsed once. One tree at most is kept, and none for a large
 *  text (its tree is freed as soon as it has been used). */
let lastTree: { lang: SourceLang; text: string; tree: Tree } | undefined;
const KEEP_TREE_CHARS = 256 << 10;

/** Runs `use` on the syntax tree of `text`, which this module owns: `use` must not keep the tree or its nodes
 *  beyond its (synchronous) return, nor delete the tree. Throws like parseSource(). */
export async function withTree<T>(lang: SourceLang, text: string, use: (tree: Tree) => T): Promise<T> {
  // the grammar first: from here on everything is synchronous, so no other caller can replace the kept tree
  const engine = await engineFor(text.length);
  const language = await engineLanguage(engine, GRAMMAR_FILE[lang]);
  if (lastTree && lastTree.lang === lang && lastTree.text === text) return use(lastTree.tree);
  const tree = parseNow(engine, lang, language, text);
  if (lastTree) lastTree.tree.delete();
  lastTree = undefined;
  if (text.length > KEEP_TREE_CHARS) {
    try {
      return use(tree);
    } finally {
      tree.delete();
    }
  }
  lastTree = { lang, text, tree };
  return use(tree);
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
