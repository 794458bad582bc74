// Maven: the ordering of org.apache.maven.artifact.versioning.ComparableVersion (Maven 3),
// re-implemented from its documented algorithm: items split on "." and "-" and on digit/letter
// transitions, trailing null items trimmed, qualifiers ordered alpha < beta < milestone < rc <
// snapshot < release < sp < any other (lexical).
import type { VersionOrder } from './types.js';

type Item = { t: 'int'; v: bigint } | { t: 'str'; v: string } | { t: 'list'; v: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function strItem(value: string, followedByDigit: boolean): Item {
  let v = value;
  if (followedByDigit && v.length === 1) v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  return { t: 'str', v: ALIASES[v] ?? v };
}

function parseItem(isDigit: boolean, s: string): Item {
  return isDigit ? { t: 'int', v: BigInt(s) } : strItem(s, false);
}

function isNull(it: Item): boolean {
  if (it.t === 'int') return it.v === 0n;
  if (it.t === 'str') return it.v === '';
  return it.v.length === 0;
}

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i];
    if (isNull(last)) list.splice(i, 1);
    else if (last.t !== 'list') break;
  }
}

export function parseMaven(version: string): Item {
  const text = version.trim().toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let isDigit = false;
  let start = 0;
  const push = (): void => {
    const next: Item[] = [];
    list.push({ t: 'list', v: next });
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '.' || c === '-') {
      list.push(i === start ? { t: 'int', v: 0n } : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
      if (c === '-') push();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(strItem(text.slice(start, i), true));
        start = i;
        push();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, text.slice(start, i)));
        start = i;
        push();
      }
      isDigit = false;
    }
  }
  if (text.length > start) list.push(parseItem(isDigit, text.slice(start)));
  while (stack.length > 0) normalize(stack.pop() as Item[]);
  return { t: 'list', v: root };
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** compare an item with "nothing" (the padding of a shorter list) */
function cmpNull(a: Item): number {
  if (a.t === 'int') return a.v === 0n ? 0 : 1;
  if (a.t === 'str') return cmpStr(qualifierKey(a.v), RELEASE_INDEX);
  return a.v.length === 0 ? 0 : cmpNull(a.v[0]);
}

function cmp(a: Item, b: Item): number {
  if (a.t === 'int') {
    if (b.t === 'int') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    return 1;
  }
  if (a.t === 'str') {
    if (b.t === 'str') return cmpStr(qualifierKey(a.v), qualifierKey(b.v));
    return -1;
  }
  if (b.t === 'int') return -1;
  if (b.t === 'str') return 1;
  const n = Math.max(a.v.length, b.v.length);
  for (let i = 0; i < n; i++) {
    const l = a.v[i];
    const r = b.v[i];
    const res = l === undefined ? (r === undefined ? 0 : -cmpNull(r)) : r === undefined ? cmpNull(l) : cmp(l, r);
    if (res !== 0) return res;
  }
  return 0;
}

export const mavenOrder: VersionOrder = {
  ecosystem: 'Maven',
  valid: (v) => v.trim().length > 0 && v.length <= 256,
  compare: (a, b) => cmp(parseMaven(a), parseMaven(b)),
};
