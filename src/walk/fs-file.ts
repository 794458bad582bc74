// A ScanFile over a file on disk. Reads are bounded and positional; the whole-file hash comes from the
// scan's shared HashPool, so however many detectors ask, the file is hashed once.
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileRef, ScanFile } from '../detect/types.js';
import { looksBinary } from '../detect/memory-file.js';
import type { HashPool } from '../enrich/hash-pool.js';

const DEFAULT_TEXT_MAX = 2 << 20;

/** files up to this size are read once and served from memory to every detector */
const SMALL_FILE = 256 * 1024;

export function fsFile(ref: FileRef, abs: string, hashes: HashPool): ScanFile {
  let whole: Promise<Buffer> | undefined;
  let decoded: Promise<string | undefined> | undefined;
  const readWhole = () => (whole ??= readFile(abs));
  const rawRange = async (start: number, end: number): Promise<Buffer> => {
    const s = Math.max(0, Math.min(start, ref.size));
    const e = Math.max(s, Math.min(end, ref.size));
    if (e === s) return Buffer.alloc(0);
    const fh = await open(abs, 'r');
    try {
      const buf = Buffer.allocUnsafe(e - s);
      let off = 0;
      while (off < buf.length) {
        const { bytesRead } = await fh.read(buf, off, buf.length - off, s + off);
        if (bytesRead === 0) break;
        off += bytesRead;
      }
      return off === buf.length ? buf : buf.subarray(0, off);
    } finally {
      await fh.close();
    }
  };
  const range = async (start: number, end: number): Promise<Buffer> => {
    if (ref.size > SMALL_FILE) return rawRange(start, end);
    const buf = await readWhole();
    return buf.subarray(Math.max(0, start), Math.min(buf.length, Math.max(start, end)));
  };
  const dir = dirname(abs);
  return {
    ...ref,
    head: (n) => range(0, n),
    range,
    stream: () => createReadStream(abs, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>,
    text: async (maxBytes = DEFAULT_TEXT_MAX) => {
      if (ref.size > maxBytes) return undefined;
      // every detector that asks gets the same string: the file is read and decoded once
      decoded ??= (ref.size > SMALL_FILE ? rawRange(0, ref.size) : readWhole()).then((buf) => (looksBinary(buf) ? undefined : buf.toString('utf8')));
      return decoded;
    },
    sha256: () => hashes.sha256(abs),
    sibling: async (name, maxBytes = DEFAULT_TEXT_MAX) => {
      if (name.includes('/') || name.includes('\\') || name === '..' || name === '.') return undefined;
      const p = join(dir, name);
      try {
        const st = await stat(p);
        if (!st.isFile() || st.size > maxBytes) return undefined;
        return await readFile(p);
      } catch {
        return undefined;
      }
    },
    siblings: async () => {
      try {
        return (await readdir(dir)).sort();
      } catch {
        return [];
      }
    },
  };
}
