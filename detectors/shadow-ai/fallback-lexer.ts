// A small lexer for languages without a bundled tree-sitter grammar (Kotlin, Scala, Swift, PHP,
// shell, Dockerfile, Makefile, Modelfile): finds comments and string literals, nothing more.
import type { StringLit } from './source-view.js';

export interface LexerSpec {
  line: string[];
  block: [string, string][];
  quotes: string[];
}

const C_LIKE: LexerSpec = { line: ['//'], block: [['/*', '*/']], quotes: ['"""', '"', "'"] };
const HASH: LexerSpec = { line: ['#'], block: [], quotes: ['"', "'"] };
const PHP: LexerSpec = { line: ['//', '#'], block: [['/*', '*/']], quotes: ['"', "'"] };

const BY_EXT: Record<string, LexerSpec> = {
  '.kt': C_LIKE,
  '.kts': C_LIKE,
  '.scala': C_LIKE,
  '.swift': C_LIKE,
  '.dart': C_LIKE,
  '.php': PHP,
  '.sh': HASH,
  '.bash': HASH,
  '.zsh': HASH,
  '.ps1': HASH,
  '.r': HASH,
  '.pl': HASH,
  '.mk': HASH,
};
const BY_NAME: Record<string, LexerSpec> = { dockerfile: HASH, makefile: HASH, modelfile: HASH, containerfile: HASH };

/** Selection hints for the files lexerFor() accepts: extensions, exact names and name prefixes (any case). */
export const LEXER_HINTS = { extensions: [...Object.keys(BY_EXT), '.dockerfile'], names: Object.keys(BY_NAME), prefixes: ['dockerfile.'] };

/** lexerFor() without building the lower-case path: by FileRef extension first, the name only when needed */
const LEXER_EXTS = new Set([...Object.keys(BY_EXT), '.dockerfile']);
const LEXER_NAMES = new Set(Object.keys(BY_NAME));

export function hasLexer(ext: string, name: string): boolean {
  if (LEXER_EXTS.has(ext)) return true;
  const n = name.toLowerCase();
  return LEXER_NAMES.has(n) || n.startsWith('dockerfile.');
}

export function lexerFor(path: string): LexerSpec | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (BY_NAME[name] || name.startsWith('dockerfile.') || name.endsWith('.dockerfile')) return BY_NAME[name] ?? HASH;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? BY_EXT[name.slice(dot)] : undefined;
}

/** Blank comments, collect strings. A `#` starts a comment only at line start or after whitespace. */
export function lexSource(text: string, spec: LexerSpec): { code: string; strings: StringLit[] } {
  const out: string[] = [];
  const strings: StringLit[] = [];
  let i = 0;
  let last = 0;
  const n = text.length;
  const blankTo = (from: number, to: number) => {
    out.push(text.slice(last, from), text.slice(from, to).replace(/[^\n]/g, ' '));
    last = to;
  };
  outer: while (i < n) {
    for (const lc of spec.line) {
      if (text.startsWith(lc, i) && (lc !== '#' || i === 0 || /\s/.test(text[i - 1]))) {
        const end = text.indexOf('\n', i);
        const stop = end < 0 ? n : end;
        blankTo(i, stop);
        i = stop;
        continue outer;
      }
    }
    for (const [open, close] of spec.block) {
      if (text.startsWith(open, i)) {
        const end = text.indexOf(close, i + open.length);
        const stop = end < 0 ? n : end + close.length;
        blankTo(i, stop);
        i = stop;
        continue outer;
      }
    }
    for (const q of spec.quotes) {
      if (text.startsWith(q, i)) {
        let j = i + q.length;
        while (j < n && !text.startsWith(q, j)) {
          if (text[j] === '\\' && q !== "'") j++;
          else if (q.length === 1 && text[j] === '\n' && spec.line[0] !== '#') break;
          j++;
        }
        const stop = Math.min(n, j + q.length);
        const raw = text.slice(i, stop);
        strings.push({ raw, value: text.slice(i + q.length, Math.min(j, n)), start: i, end: stop, line: 0 });
        i = stop;
        continue outer;
      }
    }
    i++;
  }
  out.push(text.slice(last));
  return { code: out.join(''), strings };
}
