// A bounded, buffered sequential reader over a random-access byte source, shared by the model
// format parsers (GGUF, protobuf walks). It never allocates more than one window plus the bytes a
// caller asks for, and every request is checked against the bytes that remain in the source.
import type { ScanFile } from '../detect/types.js';

export type ByteSource = Pick<ScanFile, 'size' | 'range'>;

/** Thrown (and caught inside the parsers) when a length runs past the end of the data. */
export class TruncatedError extends Error {
  constructor(what: string, public readonly at: number) {
    super(`truncated: ${what} at byte ${at} runs past the end of the file`);
  }
}

export class SeqReader {
  private buf: Buffer = Buffer.alloc(0);
  private bufStart = 0;
  pos: number;

  constructor(
    private readonly src: ByteSource,
    start = 0,
    private readonly window = 1 << 20,
  ) {
    this.pos = start;
  }

  get size(): number {
    return this.src.size;
  }

  remaining(): number {
    return Math.max(0, this.src.size - this.pos);
  }

  seek(pos: number): void {
    if (pos < 0 || pos > this.src.size) throw new TruncatedError('seek', pos);
    this.pos = pos;
  }

  skip(n: number, what = 'field'): void {
    if (!Number.isFinite(n) || n < 0 || n > this.remaining()) throw new TruncatedError(what, this.pos);
    this.pos += n;
  }

  /** n bytes at the current position; the returned buffer may share memory with the window. */
  async bytes(n: number, what = 'field'): Promise<Buffer> {
    if (!Number.isFinite(n) || n < 0 || n > this.remaining()) throw new TruncatedError(what, this.pos);
    const inWindow = this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.buf.length;
    if (!inWindow) {
      const end = Math.min(this.src.size, this.pos + Math.max(n, this.window));
      this.buf = await this.src.range(this.pos, end);
      this.bufStart = this.pos;
      if (this.buf.length < n) throw new TruncatedError(what, this.pos);
    }
    const off = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(off, off + n);
  }

  /** Skip `count` items each made of a little-endian length (4 or 8 bytes) and that many bytes,
   *  decoding the lengths synchronously while they lie in the current window. */
  async skipLengthPrefixed(count: number, lenSize: 4 | 8, what = 'string'): Promise<void> {
    for (let i = 0; i < count; i++) {
      let off = this.pos - this.bufStart;
      if (off < 0 || off + lenSize > this.buf.length) {
        await this.bytes(lenSize, what);
        this.pos -= lenSize;
        off = this.pos - this.bufStart;
      }
      const n = lenSize === 4 ? this.buf.readUInt32LE(off) : Number(this.buf.readBigUInt64LE(off));
      this.pos += lenSize;
      this.skip(n, what);
    }
  }

  async u8(): Promise<number> {
    return (await this.bytes(1, 'u8'))[0];
  }
  async u16(): Promise<number> {
    return (await this.bytes(2, 'u16')).readUInt16LE(0);
  }
  async u32(): Promise<number> {
    return (await this.bytes(4, 'u32')).readUInt32LE(0);
  }
  async i32(): Promise<number> {
    return (await this.bytes(4, 'i32')).readInt32LE(0);
  }
  async u64(): Promise<bigint> {
    return (await this.bytes(8, 'u64')).readBigUInt64LE(0);
  }
  async i64(): Promise<bigint> {
    return (await this.bytes(8, 'i64')).readBigInt64LE(0);
  }
  async f32(): Promise<number> {
    return (await this.bytes(4, 'f32')).readFloatLE(0);
  }
  async f64(): Promise<number> {
    return (await this.bytes(8, 'f64')).readDoubleLE(0);
  }

  /** protobuf base-128 varint as a number (exact up to 2^53, larger values lose precision) */
  async varint(): Promise<number> {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = await this.u8();
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new TruncatedError('varint longer than 10 bytes', this.pos);
  }
}

/** A u64 as a number when it is safe, else undefined. */
export function safeNumber(v: bigint): number | undefined {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : undefined;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
