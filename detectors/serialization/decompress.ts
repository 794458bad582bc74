// Streaming decompression of compressed pickle streams (joblib `compress=`): zlib and gzip with
// node:zlib, bzip2 with unbzip2-stream's block decoder (pure JavaScript, see bzip2.ts), xz with
// xz-decompress (xz-embedded in WebAssembly, shipped inside the npm package), legacy .lzma with our
// LzmaAloneDecoder. Every decoder is driven chunk by chunk, so memory stays bounded: bzip2 holds one
// block (at most about 46 MB of output), xz and lzma a dictionary of at most 64 MiB (larger ones are
// refused). The total output is capped (decompression bombs). Bad data becomes an Error with a plain
// message thrown from the returned iterator, which the caller turns into a scan error.
import { createGunzip, createInflate } from 'node:zlib';
import { Readable } from 'node:stream';
import { bunzip2 } from './bzip2.js';
import xzDecompress from 'xz-decompress';
import { LzmaAloneDecoder } from './lzma-alone.js';

export type Codec = 'zlib' | 'gzip' | 'bz2' | 'xz' | 'lzma';

/** Yield at most `max` bytes; more is an error naming `what` (decompression bomb guard). */
export async function* capped(src: AsyncIterable<Buffer>, max: number, what: string): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const c of src) {
    total += c.length;
    if (total > max) throw new Error(`${what} decompresses to more than ${max} bytes; stopped (decompression bomb guard)`);
    yield c;
  }
}

async function* zlibFamily(codec: 'zlib' | 'gzip', input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const inflater = codec === 'zlib' ? createInflate() : createGunzip();
  const src = Readable.from(input);
  src.on('error', (err: Error) => inflater.destroy(err));
  try {
    for await (const c of src.pipe(inflater) as AsyncIterable<Buffer>) yield c;
  } finally {
    src.destroy();
    inflater.destroy();
  }
}

const XZ_ERRORS: Record<string, string> = {
  '2': 'unsupported integrity check',
  '3': 'out of memory',
  '4': 'dictionary larger than 64 MiB (refused)',
  '5': 'not an xz stream',
  '6': 'unsupported xz options or filters',
  '7': 'corrupt data',
  '8': 'truncated data',
};

function xzMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const code = /error code (\d+)/.exec(msg)?.[1];
  return code && XZ_ERRORS[code] ? `xz: ${XZ_ERRORS[code]}` : `xz decoder failed: ${msg}`;
}

async function* xz(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  const source = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const n = await it.next();
      if (n.done) controller.close();
      else controller.enqueue(new Uint8Array(n.value.buffer, n.value.byteOffset, n.value.byteLength));
    },
    async cancel() {
      await it.return?.();
    },
  });
  const reader = new xzDecompress.XzReadableStream(source).getReader();
  let done = false;
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        done = true; // an errored stream has already released its decoder
        throw new Error(xzMessage(e));
      }
      if (r.done) {
        done = true;
        return;
      }
      if (r.value.length > 0) yield Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    }
  } finally {
    // the decoder is shared behind a lock: a stream left open would block every later xz file
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

async function* lzmaAlone(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const dec = new LzmaAloneDecoder();
  let o: Buffer | undefined;
  for await (const chunk of input) {
    dec.feed(chunk);
    while ((o = dec.pull()) !== undefined) yield o;
  }
  dec.finish();
  while ((o = dec.pull()) !== undefined) yield o;
  if (!dec.done) throw new Error('lzma: truncated data');
}

/** Decompressed chunks of `input`, at most `max` bytes in all. Errors are thrown from the iterator. */
export function decompress(codec: Codec, input: AsyncIterable<Buffer>, max: number, what: string): AsyncGenerator<Buffer> {
  const raw = codec === 'bz2' ? bunzip2(input) : codec === 'xz' ? xz(input) : codec === 'lzma' ? lzmaAlone(input) : zlibFamily(codec, input);
  return capped(raw, max, what);
}
