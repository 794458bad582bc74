// Streaming bzip2 decoding with the block decoder of unbzip2-stream (pure JavaScript). Its own stream
// wrapper keeps each decoded block as an array of JavaScript numbers (8 bytes per output byte: about
// 370 MB for a block of long runs), so this driver feeds the same block decoder and collects bytes in
// 64 KiB Buffers instead. Memory: the compressed input of one block (< 2.3 MB), the block's BWT table
// (3.6 MB) and one block's output (at most about 46 MB, for a block made only of runs).
import bz2 from 'unbzip2-stream/lib/bzip2.js';
import bitIterator, { type BitReader } from 'unbzip2-stream/lib/bit_iterator.js';

const OUT_CHUNK = 1 << 16;

class Collector {
  chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(OUT_CHUNK);
  private len = 0;
  readonly write = (b: number): void => {
    this.buf[this.len++] = b;
    if (this.len === OUT_CHUNK) this.flush();
  };
  flush(): void {
    if (this.len === 0) return;
    this.chunks.push(Buffer.from(this.buf.subarray(0, this.len)));
    this.len = 0;
  }
}

function bzError(e: unknown): Error {
  // the library's own messages are whimsical: keep what they mean
  if (e instanceof Error && e.name === 'Bzip2Error') return new Error(/crc/i.test(e.message) ? 'bz2: corrupt data (CRC mismatch)' : 'bz2: corrupt data');
  return new Error('bz2: truncated data');
}

export async function* bunzip2(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let received = 0;
  let ended = false;
  const nextBuffer = (): Buffer => {
    const next = queue.shift();
    if (next === undefined) throw new Error('bz2: truncated data');
    return next;
  };
  let bits: BitReader | undefined; // created with the first chunk: it reads one at once
  let blockSize = 0; // 0: a stream header comes next
  let streamCRC: number | null = null;
  let table = new Int32Array(0);
  const out = new Collector();
  /** decode one stream header or one block */
  const step = (bits: BitReader): void => {
    if (blockSize === 0) {
      blockSize = bz2.header(bits);
      streamCRC = 0;
      if (table.length !== 100000 * blockSize) table = new Int32Array(100000 * blockSize);
      return;
    }
    streamCRC = bz2.decompress(bits, out.write, table, table.length, streamCRC);
    if (streamCRC === null) blockSize = 0; // end of stream: another may follow (pbzip2, concatenation)
  };
  const pending = (): number => received - (bits?.bytesRead ?? 0);
  const run = function* (): Generator<Buffer> {
    // decode a block only when all of it must be buffered: at most 100 k symbols per block-size unit of at
    // most 20 bits each (250 kB), plus the tables (under 25 kB); a stream header is 4 bytes
    while (bits && (ended ? pending() > 0 : pending() >= (blockSize === 0 ? 4 : 25000 + 250000 * blockSize))) {
      try {
        step(bits);
      } catch (e) {
        out.flush();
        yield* out.chunks.splice(0);
        throw bzError(e);
      }
      out.flush();
      yield* out.chunks.splice(0);
    }
  };
  for await (const chunk of input) {
    if (chunk.length === 0) continue;
    queue.push(chunk);
    received += chunk.length;
    bits ??= bitIterator(nextBuffer);
    yield* run();
  }
  ended = true;
  if (received === 0) throw new Error('bz2: truncated data');
  yield* run();
  if (streamCRC !== null) throw new Error('bz2: truncated data');
}
