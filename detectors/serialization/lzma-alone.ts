// Streaming decoder for the legacy .lzma ("LZMA alone") format that Python's lzma.FORMAT_ALONE and
// joblib's compress='lzma' write: a 13-byte header (properties, dictionary size, size or -1) and one
// LZMA1 range-coded stream, usually ending with an end marker. No npm package decodes it as a stream
// without native code or a whole-buffer copy, so it is written here after the public-domain LZMA
// specification (LzmaSpec by Igor Pavlov). Bounded: the dictionary (the only large buffer) is refused
// above `maxDict` and grows with the output; each pull() emits at most OUT_CHUNK bytes; the input kept
// between feeds is a few hundred bytes. Bad data throws an Error with a plain message.

const LOOKAHEAD = 128; // one symbol reads far fewer bytes than this
const OUT_CHUNK = 1 << 16;
const PROB_INIT = 1024;
const TOP = 2 ** 24;
export const DEFAULT_MAX_DICT = 64 * 1024 * 1024;

const probs = (n: number): Uint16Array => new Uint16Array(n).fill(PROB_INIT);

interface LenCoder { choice: Uint16Array; low: Uint16Array; mid: Uint16Array; high: Uint16Array }
const lenCoder = (): LenCoder => ({ choice: probs(2), low: probs(16 << 3), mid: probs(16 << 3), high: probs(256) });

export class LzmaAloneDecoder {
  private input: Buffer = Buffer.alloc(0);
  private inPos = 0;
  private ended = false;
  private started = false;
  done = false;
  private failure: Error | undefined;
  // header
  private lc = 0;
  private lp = 0;
  private pb = 0;
  private dictSize = 0;
  private remaining = -1; // -1: unknown size, an end marker closes the stream
  // range decoder
  private range = 0xffffffff;
  private code = 0;
  // window
  private win = new Uint8Array(0);
  private pos = 0;
  private full = false;
  private total = 0;
  // model
  private state = 0;
  private reps = [0, 0, 0, 0];
  private literal = probs(0);
  private isMatch = probs(192);
  private isRep = probs(12);
  private isRepG0 = probs(12);
  private isRepG1 = probs(12);
  private isRepG2 = probs(12);
  private isRep0Long = probs(192);
  private posSlot = [probs(64), probs(64), probs(64), probs(64)];
  private posDecoders = probs(115);
  private align = probs(16);
  private len = lenCoder();
  private repLen = lenCoder();
  private out = Buffer.allocUnsafe(OUT_CHUNK);
  private outLen = 0;

  constructor(private readonly maxDict = DEFAULT_MAX_DICT) {}

  feed(chunk: Buffer): void {
    this.input = this.inPos < this.input.length ? Buffer.concat([this.input.subarray(this.inPos), chunk]) : chunk;
    this.inPos = 0;
  }

  /** no more input: the rest of the stream must decode from what was fed */
  finish(): void {
    this.ended = true;
  }

  /** Decode what the fed input allows; returns an output chunk, or undefined when more input is needed or the stream is done. */
  pull(): Buffer | undefined {
    if (this.failure) throw this.failure;
    try {
      while (!this.done && this.outLen < OUT_CHUNK - 300 && (this.ended || this.input.length - this.inPos >= LOOKAHEAD)) {
        if (!this.started) this.start();
        else this.step();
      }
      if (this.done && this.input.length - this.inPos > 0) throw new Error('lzma: data after the end of the stream (not scanned)');
    } catch (e) {
      // hand out what was decoded before the error first: the caller still scans it
      this.failure = e instanceof Error ? e : new Error(String(e));
      if (this.outLen === 0) throw this.failure;
    }
    if (this.outLen === 0) return undefined;
    const o = Buffer.from(this.out.subarray(0, this.outLen));
    this.outLen = 0;
    return o;
  }

  private byte(): number {
    if (this.inPos >= this.input.length) throw new Error('lzma: truncated data');
    return this.input[this.inPos++];
  }

  private start(): void {
    if (this.input.length - this.inPos < 18) throw new Error('lzma: truncated header');
    const h = this.input.subarray(this.inPos, this.inPos + 13);
    let d = h[0];
    if (d >= 9 * 5 * 5) throw new Error('lzma: invalid properties byte');
    this.lc = d % 9;
    d = Math.floor(d / 9);
    this.lp = d % 5;
    this.pb = Math.floor(d / 5);
    this.dictSize = Math.max(h.readUInt32LE(1), 4096);
    if (this.dictSize > this.maxDict) throw new Error(`lzma: dictionary of ${this.dictSize} bytes is larger than ${this.maxDict} (refused)`);
    const lo = h.readUInt32LE(5);
    const hi = h.readUInt32LE(9);
    this.remaining = lo === 0xffffffff && hi === 0xffffffff ? -1 : hi * 2 ** 32 + lo;
    this.literal = probs(0x300 << (this.lc + this.lp));
    this.win = new Uint8Array(Math.min(this.dictSize, 1 << 16));
    this.inPos += 13;
    if (this.byte() !== 0) throw new Error('lzma: corrupt data (range coder)');
    for (let i = 0; i < 4; i++) this.code = (this.code * 256 + this.byte()) >>> 0;
    if (this.code === this.range) throw new Error('lzma: corrupt data (range coder)');
    this.started = true;
    if (this.remaining === 0) this.done = this.code === 0;
  }

  private bit(p: Uint16Array, i: number): number {
    const v = p[i];
    const bound = (this.range >>> 11) * v;
    let b: number;
    if (this.code < bound) {
      p[i] = v + ((2048 - v) >>> 5);
      this.range = bound;
      b = 0;
    } else {
      p[i] = v - (v >>> 5);
      this.code -= bound;
      this.range -= bound;
      b = 1;
    }
    if (this.range < TOP) {
      this.range = (this.range * 256) >>> 0;
      this.code = (this.code * 256 + this.byte()) >>> 0;
    }
    return b;
  }

  private direct(n: number): number {
    let r = 0;
    for (; n > 0; n--) {
      this.range = this.range >>> 1;
      let b = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        b = 1;
      }
      r = r * 2 + b;
      if (this.range < TOP) {
        this.range = (this.range * 256) >>> 0;
        this.code = (this.code * 256 + this.byte()) >>> 0;
      }
    }
    return r;
  }

  private tree(p: Uint16Array, base: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) + this.bit(p, base + m);
    return m - (1 << bits);
  }

  private reverse(p: Uint16Array, base: number, bits: number): number {
    let m = 1;
    let s = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(p, base + m);
      m = (m << 1) + b;
      s |= b << i;
    }
    return s;
  }

  private length(c: LenCoder, posState: number): number {
    if (this.bit(c.choice, 0) === 0) return this.tree(c.low, posState << 3, 3);
    if (this.bit(c.choice, 1) === 0) return 8 + this.tree(c.mid, posState << 3, 3);
    return 16 + this.tree(c.high, 0, 8);
  }

  private get(dist: number): number {
    let i = this.pos - dist;
    if (i < 0) i += this.win.length;
    return this.win[i];
  }

  private put(b: number): void {
    if (this.pos === this.win.length) {
      if (this.win.length < this.dictSize) {
        const bigger = new Uint8Array(Math.min(this.dictSize, this.win.length * 2));
        bigger.set(this.win);
        this.win = bigger;
      } else {
        this.pos = 0;
        this.full = true;
      }
    }
    this.win[this.pos++] = b;
    this.out[this.outLen++] = b;
    this.total++;
    if (this.remaining > 0) this.remaining--;
  }

  private step(): void {
    if (this.remaining === 0 && this.code === 0) {
      this.done = true; // declared size reached (an end marker may also follow; then code is not 0 yet)
      return;
    }
    const posState = this.total & ((1 << this.pb) - 1);
    const s = this.state;
    const r = this.reps;
    if (this.bit(this.isMatch, (s << 4) + posState) === 0) {
      if (this.remaining === 0) throw new Error('lzma: corrupt data (output longer than the declared size)');
      const prev = this.total === 0 ? 0 : this.get(1);
      const base = 0x300 * (((this.total & ((1 << this.lp) - 1)) << this.lc) + (prev >>> (8 - this.lc)));
      let sym = 1;
      if (s >= 7) {
        let match = this.get(r[0] + 1);
        do {
          const mb = (match >>> 7) & 1;
          match <<= 1;
          const b = this.bit(this.literal, base + ((1 + mb) << 8) + sym);
          sym = (sym << 1) | b;
          if (mb !== b) break;
        } while (sym < 0x100);
      }
      while (sym < 0x100) sym = (sym << 1) | this.bit(this.literal, base + sym);
      this.put(sym - 0x100);
      this.state = s < 4 ? 0 : s < 10 ? s - 3 : s - 6;
      return;
    }
    let len: number;
    if (this.bit(this.isRep, s) !== 0) {
      if (this.total === 0 || this.remaining === 0) throw new Error('lzma: corrupt data (repeat before any output or past the declared size)');
      if (this.bit(this.isRepG0, s) === 0) {
        if (this.bit(this.isRep0Long, (s << 4) + posState) === 0) {
          this.state = s < 7 ? 9 : 11;
          this.put(this.get(r[0] + 1));
          return;
        }
      } else {
        let dist: number;
        if (this.bit(this.isRepG1, s) === 0) dist = r[1];
        else {
          if (this.bit(this.isRepG2, s) === 0) dist = r[2];
          else {
            dist = r[3];
            r[3] = r[2];
          }
          r[2] = r[1];
        }
        r[1] = r[0];
        r[0] = dist;
      }
      len = this.length(this.repLen, posState);
      this.state = s < 7 ? 8 : 11;
    } else {
      r[3] = r[2];
      r[2] = r[1];
      r[1] = r[0];
      len = this.length(this.len, posState);
      this.state = s < 7 ? 7 : 10;
      const dist = this.distance(len);
      if (dist === 0xffffffff) {
        if (this.code !== 0 || this.remaining > 0) throw new Error('lzma: corrupt data (end marker)');
        this.done = true;
        return;
      }
      if (dist >= this.dictSize || (!this.full && dist >= this.pos)) throw new Error('lzma: corrupt data (distance beyond the output)');
      r[0] = dist;
    }
    len += 2;
    if (this.remaining >= 0 && this.remaining < len) throw new Error('lzma: corrupt data (output longer than the declared size)');
    for (let i = 0; i < len; i++) this.put(this.get(r[0] + 1));
  }

  private distance(len: number): number {
    const slot = this.tree(this.posSlot[Math.min(len, 3)], 0, 6);
    if (slot < 4) return slot;
    const bits = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** bits;
    if (slot < 14) dist += this.reverse(this.posDecoders, dist - slot, bits);
    else dist += this.direct(bits - 4) * 16 + this.reverse(this.align, 0, 4);
    return dist;
  }
}
