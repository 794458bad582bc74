// Line numbers for dependencies found in structured files (JSON, TOML, YAML, XML). A manifest with thousands of
// dependencies asks for thousands of lines of the same text: the line starts and the names written in it are
// indexed once per text (the last text asked about), so each question costs a lookup, not a scan.

import { lineOf as lineOfOffset, lineStarts } from '../../util/line-starts.js';

/** the text the indexes below belong to */
let current: { text: string; starts?: number[]; exact?: Map<string, number>; pypi?: Map<string, number> } | undefined;

function indexFor(text: string): NonNullable<typeof current> {
  if (current?.text !== text) current = { text };
  return current;
}

/** 1-based line of the first occurrence of `needle` at or after `from` (character offset); undefined when absent. */
export function lineOf(text: string, needle: string, from = 0): number | undefined {
  const at = text.indexOf(needle, from);
  return at < 0 ? undefined : lineAt(text, at);
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  const idx = indexFor(text);
  idx.starts ??= lineStarts(text);
  return lineOfOffset(idx.starts, offset);
}

// what may stand before and after a name (the regular expression in lineOfNameByRegex says the same)
const LEFT = /["'\s[{,:]/;
const RIGHT = /["'\s=<>!~[;:@,)]/;
/** names this long, or with characters that end a name or are not ASCII, are looked up by the expression */
const MAX_INDEXED = 256;
const NOT_INDEXABLE = /["'\s=<>!~[;:@,)]|[^\x21-\x7e]/;
const NON_ASCII = /[^\x00-\x7f]/;

const pypiKey = (s: string): string => s.toLowerCase().replace(/[-_.]/g, '-');

/** each name-like token of the text (after a LEFT character or at the start, up to a RIGHT character or the end)
 *  with the offset of its first occurrence, exact or in PyPI's normal form */
function tokens(text: string, pypi: boolean): Map<string, number> {
  const idx = indexFor(text);
  const have = pypi ? idx.pypi : idx.exact;
  if (have) return have;
  const out = new Map<string, number>();
  const n = text.length;
  // where the token starting at each offset ends: the next RIGHT character or the end of the text
  const end = new Int32Array(n + 1);
  end[n] = n;
  for (let i = n - 1; i >= 0; i--) end[i] = RIGHT.test(text[i]) ? i : end[i + 1];
  for (let p = 0; p < n; p++) {
    if (p > 0 && !LEFT.test(text[p - 1])) continue;
    const e = end[p];
    if (e === p || e - p > MAX_INDEXED) continue;
    const tok = text.slice(p, e);
    // names are ASCII, and no other character matches an ASCII one (not even ignoring case)
    if (NON_ASCII.test(tok)) continue;
    const key = pypi ? pypiKey(tok) : tok;
    if (!out.has(key)) out.set(key, p);
  }
  if (pypi) idx.pypi = out;
  else idx.exact = out;
  return out;
}

/** Line of a dependency name written as a key or a quoted string, tolerant of case and -/_ for PyPI. */
export function lineOfName(text: string, name: string, pypi = false): number | undefined {
  if (name === '' || name.length > MAX_INDEXED || NOT_INDEXABLE.test(name)) return lineOfNameByRegex(text, name, pypi);
  const at = tokens(text, pypi).get(pypi ? pypiKey(name) : name);
  return at === undefined ? undefined : lineAt(text, at);
}

/** lineOfName() by a regular expression over the whole text: for names the token index cannot hold */
export function lineOfNameByRegex(text: string, name: string, pypi = false): number | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = pypi ? esc.replace(/(?:\\\.|-|_)/g, '[-_.]') : esc;
  const re = new RegExp(`(^|["'\\s\\[{,:])${body}(?=$|["'\\s=<>!~\\[;:@,)])`, pypi ? 'im' : 'm');
  const m = re.exec(text);
  return m ? lineAt(text, m.index + m[1].length) : undefined;
}
