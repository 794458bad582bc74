// Multi-keyword prefilter: an Aho-Corasick automaton compiled to a dense DFA over ASCII, so a file
// is tested for hundreds of keywords in one pass (unlike a regex alternation, which retries every
// keyword at every position). Each keyword carries a group bit; `scan` returns the bits of the
// groups whose keywords occur. Non-ASCII characters never match.
const ALPHA = 128;

export class KeywordSet {
  private readonly delta: Int32Array;
  private readonly accept: Int32Array;
  private readonly all: number;
  private readonly fold: Uint8Array;
  readonly size: number;

  constructor(words: Iterable<string | [string, number]>, opts: { caseInsensitive?: boolean } = {}) {
    const fold = new Uint8Array(ALPHA);
    for (let c = 0; c < ALPHA; c++) fold[c] = opts.caseInsensitive && c >= 65 && c <= 90 ? c + 32 : c;
    this.fold = fold;
    const goto: Map<number, number>[] = [new Map()];
    const acc: number[] = [0];
    let count = 0;
    let all = 0;
    for (const entry of words) {
      const [raw, bit] = typeof entry === 'string' ? [entry, 1] : entry;
      all |= bit;
      const w = opts.caseInsensitive ? raw.toLowerCase() : raw;
      if (w.length === 0 || [...w].some((ch) => ch.charCodeAt(0) >= ALPHA)) continue;
      count++;
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let t = goto[s].get(c);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          acc.push(0);
          goto[s].set(c, t);
        }
        s = t;
      }
      acc[s] |= bit;
    }
    this.size = count;
    this.all = all;
    // breadth-first: failure links folded into a complete transition table
    const n = goto.length;
    const delta = new Int32Array(n * ALPHA);
    const accept = new Int32Array(n);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let c = 0; c < ALPHA; c++) {
      const t = goto[0].get(c);
      delta[c] = t ?? 0;
      if (t !== undefined) queue.push(t);
    }
    accept[0] = acc[0];
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      accept[s] = acc[s] | accept[fail[s]];
      for (let c = 0; c < ALPHA; c++) {
        const t = goto[s].get(c);
        if (t !== undefined) {
          fail[t] = delta[fail[s] * ALPHA + c];
          delta[s * ALPHA + c] = t;
          queue.push(t);
        } else {
          delta[s * ALPHA + c] = delta[fail[s] * ALPHA + c];
        }
      }
    }
    this.delta = delta;
    this.accept = accept;
  }

  /** the group bits of the keywords that occur in the text (stops once every group is found) */
  scan(text: string): number {
    const { delta, accept, fold, all } = this;
    let s = 0;
    let found = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      s = c < ALPHA ? delta[s * ALPHA + fold[c]] : 0;
      const a = accept[s];
      if (a !== 0) {
        found |= a;
        if (found === all) break;
      }
    }
    return found;
  }

  /** true when any keyword occurs in the text */
  test(text: string): boolean {
    return this.scan(text) !== 0;
  }
}
