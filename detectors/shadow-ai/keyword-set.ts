// Multi-keyword prefilter: an Aho-Corasick automaton compiled to a dense DFA over ASCII, so a file
// is tested for hundreds of keywords in one pass (unlike a regex alternation, which retries every
// keyword at every position). Each keyword carries a group bit; `scan` returns the bits of the
// groups whose keywords occur. Non-ASCII characters never match.
const ALPHA = 128;

/** a built automaton as plain data (KeywordSet.snapshot / restore): the prefilter keeps one on disk */
export interface KeywordSetSnapshot {
  delta: Int32Array;
  accept: Int32Array;
  fold: Uint8Array;
  /** all, size, unmatchable, nonAscii, start, startAccept */
  numbers: [number, number, number, number, number, number];
}

export class KeywordSet {
  private readonly delta!: Int32Array;
  private readonly accept!: Int32Array;
  private readonly all!: number;
  private readonly fold!: Uint8Array;
  readonly size!: number;
  /** group bits with a keyword the automaton cannot match (empty or non-ASCII): treat them as always present */
  readonly unmatchable!: number;

  /** the bit scan() adds when the text has a character (or byte) outside ASCII; 0 for none */
  private readonly nonAscii!: number;
  /** the state a scan starts in: after a virtual newline when `lineStart` is set, so that a keyword written as
   *  "\nword" also matches "word" at the very start of the text */
  private start = 0;
  private startAccept = 0;

  constructor(words: Iterable<string | [string, number]>, opts: { caseInsensitive?: boolean; nonAsciiBit?: number; lineStart?: boolean } = {}, restored?: KeywordSetSnapshot) {
    if (restored) {
      this.delta = restored.delta;
      this.accept = restored.accept;
      this.fold = restored.fold;
      [this.all, this.size, this.unmatchable, this.nonAscii, this.start, this.startAccept] = restored.numbers;
      return;
    }
    this.nonAscii = opts.nonAsciiBit ?? 0;
    const fold = new Uint8Array(ALPHA);
    for (let c = 0; c < ALPHA; c++) fold[c] = opts.caseInsensitive && c >= 65 && c <= 90 ? c + 32 : c;
    this.fold = fold;
    // the trie as a dense table (-1: no edge), grown by doubling; it becomes the DFA in place
    let trie = new Int32Array(64 * ALPHA).fill(-1);
    let acc = new Int32Array(64);
    let states = 1;
    let count = 0;
    let all = 0;
    let unmatchable = 0;
    for (const entry of words) {
      const [raw, bit] = typeof entry === 'string' ? [entry, 1] : entry;
      all |= bit;
      const w = opts.caseInsensitive ? raw.toLowerCase() : raw;
      if (w.length === 0 || [...w].some((ch) => ch.charCodeAt(0) >= ALPHA)) {
        unmatchable |= bit;
        continue;
      }
      count++;
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let t = trie[s * ALPHA + c];
        if (t < 0) {
          if (states === acc.length) {
            const bigger = new Int32Array(trie.length * 2).fill(-1);
            bigger.set(trie);
            trie = bigger;
            const a2 = new Int32Array(acc.length * 2);
            a2.set(acc);
            acc = a2;
          }
          t = states++;
          trie[s * ALPHA + c] = t;
        }
        s = t;
      }
      acc[s] |= bit;
    }
    this.size = count;
    this.unmatchable = unmatchable;
    this.all = all;
    // breadth-first: failure links folded into a complete transition table
    const delta = trie.length === states * ALPHA ? trie : trie.slice(0, states * ALPHA);
    const accept = acc.slice(0, states);
    const fail = new Int32Array(states);
    const queue = new Int32Array(states);
    let qn = 0;
    for (let c = 0; c < ALPHA; c++) {
      const t = delta[c];
      if (t < 0) delta[c] = 0;
      else queue[qn++] = t;
    }
    for (let qi = 0; qi < qn; qi++) {
      const s = queue[qi];
      const f = fail[s];
      accept[s] |= accept[f];
      const row = s * ALPHA;
      const frow = f * ALPHA;
      for (let c = 0; c < ALPHA; c++) {
        const t = delta[row + c];
        if (t >= 0) {
          fail[t] = delta[frow + c];
          queue[qn++] = t;
        } else {
          delta[row + c] = delta[frow + c];
        }
      }
    }
    this.delta = delta;
    this.accept = accept;
    if (opts.lineStart) {
      this.start = delta[10];
      this.startAccept = accept[this.start];
    }
  }

  /** the automaton as plain data, for restore() */
  snapshot(): KeywordSetSnapshot {
    return { delta: this.delta, accept: this.accept, fold: this.fold, numbers: [this.all, this.size, this.unmatchable, this.nonAscii, this.start, this.startAccept] };
  }

  /** an automaton from snapshot(), without building it again */
  static restore(snapshot: KeywordSetSnapshot): KeywordSet {
    return new KeywordSet([], {}, snapshot);
  }

  /** the group bits of the keywords that occur in the text (stops once every group is found) */
  scan(text: string): number {
    const { delta, accept, fold, all, nonAscii } = this;
    let s = this.start;
    let found = this.startAccept;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= ALPHA) {
        found |= nonAscii;
        s = 0;
        continue;
      }
      s = delta[s * ALPHA + fold[c]];
      const a = accept[s];
      if (a !== 0) {
        found |= a;
        if (found === all) break;
      }
    }
    return found;
  }

  /** scan() over bytes: ASCII bytes are matched as characters, any other byte (UTF-8 sequences) breaks a match,
   *  so for UTF-8 content the result equals scan() of the decoded text */
  scanBytes(bytes: Uint8Array): number {
    const { delta, accept, fold, all, nonAscii } = this;
    let s = this.start;
    let found = this.startAccept;
    for (let i = 0, n = bytes.length; i < n; i++) {
      const c = bytes[i];
      if (c >= ALPHA) {
        found |= nonAscii;
        s = 0;
        continue;
      }
      s = delta[s * ALPHA + fold[c]];
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
