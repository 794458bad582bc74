// A view of source code for pattern matching: the text with comments (and Python docstrings)
// blanked out, offsets and newlines preserved, plus every string literal with its line.
// Languages with a tree-sitter grammar use it; others (Kotlin, shell, Dockerfile...) a small lexer.
import { blankRanges, COMMENT_TYPES, languageForPath, pythonCommentRuns, withTree, type SyntaxNode } from '../../src/parsers/source/tree-sitter.js';
import { lexSource, lexerFor } from './fallback-lexer.js';
import { lineOf, lineStarts } from '../../src/util/line-starts.js';

export interface StringLit {
  /** the literal as written, quotes included */
  raw: string;
  /** content between the quotes (escapes not processed) */
  value: string;
  start: number;
  end: number;
  line: number;
}

export interface SourceView {
  text: string;
  /** text with comments replaced by spaces (newlines kept) */
  code: string;
  strings: StringLit[];
  lineAt(offset: number): number;
  /** true when [start, end) lies inside one string literal */
  inString(offset: number): StringLit | undefined;
}

const STRING_TYPES = new Set([
  'string',
  'template_string',
  'interpreted_string_literal',
  'raw_string_literal',
  'string_literal',
  'verbatim_string_literal',
  'interpolated_string_expression',
  'text_block',
]);

const VIEW_TYPES = [...COMMENT_TYPES, ...STRING_TYPES];

export { lineOf, lineStarts } from '../../src/util/line-starts.js';

export function makeView(text: string, code: string, strings: StringLit[], lineMap?: number[]): SourceView {
  const starts = lineStarts(text);
  const lineAt = (offset: number): number => {
    const line = lineOf(starts, offset);
    return lineMap ? (lineMap[line - 1] ?? line) : line;
  };
  for (const s of strings) s.line = lineAt(s.start);
  const sorted = [...strings].sort((a, b) => a.start - b.start);
  const inString = (offset: number): StringLit | undefined => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = sorted[mid];
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  return { text, code, strings: sorted, lineAt, inString };
}

function stripQuotes(raw: string): string {
  const m = /^(?:[A-Za-z]{0,3}|@|\$@?|\$)(#*)("""|'''|"|'|`)([\s\S]*?)\2\1$/.exec(raw);
  return m ? m[3] : raw;
}

function isDocstring(node: SyntaxNode): boolean {
  const p = node.parent;
  return node.type === 'string' && p !== null && p.type === 'expression_statement' && p.namedChildCount === 1;
}

// the view of the last file: the shadow-AI and model-reference detectors look at the same text in turn
let last: { path: string; text: string; view: Promise<SourceView | undefined> } | undefined;

/** Build the view for a file; undefined when the language is not supported for code analysis. Views are
 *  read-only, so the last one is shared by the detectors that ask for the same path and text. */
export function sourceView(path: string, text: string, lineMap?: number[]): Promise<SourceView | undefined> {
  if (lineMap) return buildView(path, text, lineMap);
  if (last && last.text === text && last.path === path) return last.view;
  const view = buildView(path, text);
  last = { path, text, view };
  return view;
}

async function buildView(path: string, text: string, lineMap?: number[]): Promise<SourceView | undefined> {
  const lang = path.endsWith('.ipynb') ? 'python' : languageForPath(path);
  if (!lang) {
    const lexer = lexerFor(path);
    if (!lexer) return undefined;
    const { code, strings } = lexSource(text, lexer);
    return makeView(text, code, strings, lineMap);
  }
  /** comment (and docstring) ranges to blank, in order */
  const blanks: [number, number][] = [];
  const strings: StringLit[] = [];
  await withTree(lang, text, (tree) => {
    // comments and strings in document order (one call into WebAssembly); a node inside one already taken (a
    // string in a template's substitution, a comment in a docstring) is part of it
    let taken = -1;
    for (const n of tree.rootNode.descendantsOfType(VIEW_TYPES)) {
      // `string` is also a keyword (the TypeScript type): only named nodes are literals and comments
      if (!n || !n.isNamed) continue;
      const start = n.startIndex;
      if (start < taken) continue;
      const type = n.type;
      if (COMMENT_TYPES.has(type) || (lang === 'python' && type === 'string' && isDocstring(n))) {
        const end = n.endIndex;
        blanks.push([start, end]);
        taken = end;
      } else if (STRING_TYPES.has(type)) {
        const end = n.endIndex;
        const raw = text.slice(start, end);
        strings.push({ raw, value: stripQuotes(raw), start, end, line: 0 });
        taken = end;
      }
    }
  });
  // long runs of Python comment lines were blanked before parsing (pythonCommentRuns): they are comments too
  const runs = lang === 'python' ? pythonCommentRuns(text) : [];
  const all = runs.length === 0 ? blanks : [...blanks, ...runs].sort((a, b) => a[0] - b[0]);
  return makeView(text, blankRanges(text, all), strings, lineMap);
}
