// joblib writes NumPy arrays INSIDE its pickle stream: right after the BUILD of a
// joblib.numpy_pickle.NumpyArrayWrapper come (optionally) a padding-length byte and 0xff padding,
// then the raw array bytes (or, for object arrays, a whole nested protocol-2 pickle). The walker
// must step over those bytes to keep reading opcodes. This tracker watches the wrapper's state
// (shape tuple, dtype descr, alignment) as the walker pushes values, and says what follows a BUILD.

export type AfterBuild = { kind: 'raw'; bytes: number; padded: boolean } | { kind: 'nested-pickle' } | undefined;

/** bytes per element for a NumPy dtype descr such as 'i8', '<f4', '|b1', 'S10', '<U5', '<M8[ns]'; undefined when not fixed-size */
export function itemSize(descr: string): number | 'object' | undefined {
  const m = /^[<>|=]?([a-zA-Z?])(\d*)(\[\w+\])?$/.exec(descr);
  if (!m) return undefined;
  const kind = m[1];
  const n = m[2] === '' ? undefined : Number.parseInt(m[2], 10);
  switch (kind) {
    case 'O':
      return 'object';
    case '?':
    case 'b':
      return n ?? 1;
    case 'U':
      return n === undefined ? undefined : n * 4;
    case 'i': case 'u': case 'f': case 'c': case 'S': case 'a': case 'V': case 'M': case 'm':
      return n;
    default:
      return undefined;
  }
}

/** a numpy.dtype object built in the stream, with its descr */
export interface DtypeRef {
  descr: string;
}

export class JoblibArrays {
  /** the current dict literal has a 'subclass' key (NumpyArrayWrapper state) */
  private wrapperState = false;
  private expectDescr = false;
  private key: string | undefined;
  private shape: number[] | undefined;
  private descr: string | undefined;
  private aligned = false;
  /** descr read after a numpy.dtype global; the next REDUCE builds that dtype */
  pendingDescr: string | undefined;
  /** set once a NumpyArrayWrapper global is seen; before that nothing is tracked */
  active = false;

  onGlobal(module: string, name: string): void {
    if (module === 'joblib.numpy_pickle' && name === 'NumpyArrayWrapper') {
      this.active = true;
    } else if (this.active && module === 'numpy' && name === 'dtype') this.expectDescr = true;
  }

  /** every value the walker pushes (literal or from the memo) while active */
  onPush(v: unknown, isDict: boolean): void {
    if (isDict) {
      // a new dict literal: the state of a wrapper starts like this
      this.wrapperState = false;
      this.shape = undefined;
      this.descr = undefined;
      this.aligned = false;
      this.key = undefined;
      return;
    }
    if (typeof v === 'string') {
      if (this.expectDescr) {
        this.pendingDescr = v;
        this.expectDescr = false;
      } else {
        this.key = v;
        if (v === 'subclass') this.wrapperState = true;
      }
      return;
    }
    switch (this.key) {
      case 'shape':
        if (Array.isArray(v)) {
          this.shape = v.filter((x): x is number => typeof x === 'number');
          this.key = undefined;
        }
        break;
      case 'dtype':
        if (typeof v === 'object' && v !== null && 'descr' in v && typeof v.descr === 'string') {
          this.descr = v.descr;
          this.key = undefined;
        }
        break;
      case 'numpy_array_alignment_bytes':
        this.aligned = typeof v === 'number' && Number.isInteger(v);
        this.key = undefined;
        break;
    }
  }

  /** a BUILD whose state is a dict: if it completes a wrapper, what raw data follows */
  onBuild(stateIsDict: boolean): AfterBuild {
    if (!this.wrapperState || !stateIsDict) return undefined;
    this.wrapperState = false;
    const size = this.descr === undefined ? undefined : itemSize(this.descr);
    const shape = this.shape;
    this.shape = undefined;
    this.descr = undefined;
    if (size === 'object') return { kind: 'nested-pickle' };
    if (size === undefined || shape === undefined) return undefined;
    let n = size;
    for (const d of shape) n *= d;
    return Number.isSafeInteger(n) && n >= 0 ? { kind: 'raw', bytes: n, padded: this.aligned } : undefined;
  }
}
