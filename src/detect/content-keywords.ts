// The keyword automaton of the detectors' content pre-check, as data the native reader can run (it reads files
// ahead of the walk and finds each file's keyword bits with its bytes), and the way back: the pre-check is told
// the bits the reader found, so that the detectors' rejects() do not scan those bytes again. The detectors'
// keyword module (detectors/shadow-ai/prefilter.ts) registers itself when it loads; without it (a scan with other
// detectors only) there is nothing to run, and every pre-check scans for itself.

/** a KeywordSet snapshot (detectors/shadow-ai/keyword-set.ts) as the native reader takes it */
export interface KeywordAutomaton {
  delta: Int32Array;
  accept: Int32Array;
  fold: Uint8Array;
  /** all, nonAscii, start, startAccept */
  numbers: Int32Array;
}

export interface ContentKeywords {
  automaton(): KeywordAutomaton;
  /** the keyword bits of `bytes`, found elsewhere by the same automaton: the next scan of exactly these bytes
   *  returns them */
  prime(bytes: Uint8Array, bits: number): void;
  /** the bits the detectors' keyword test (prefilterMaskBytes()) gives every file, besides those the automaton
   *  finds in it (keywords it cannot match always count as present) */
  always(): number;
}

let registered: ContentKeywords | undefined;

export function registerContentKeywords(k: ContentKeywords): void {
  registered = k;
}

export function contentKeywords(): ContentKeywords | undefined {
  return registered;
}
