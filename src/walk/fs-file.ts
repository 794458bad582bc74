// A ScanFile over a file on disk. Reads are bounded and positional; the whole-file hash comes from the
// scan's shared HashPool, so however many detectors ask, the file is hashed once. Small files are read
// once and served from memory to every detector; folder listings are shared across the scan.
import { createReadStream, readFileSync } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileRef, ScanFile } from '../detect/types.js';
import { looksBinary } from '../detect/memory-file.js';
import type { HashPool } from '../enrich/hash-pool.js';

const DEFAULT_TEXT_MAX = 2 << 20;
/** files up to this size are read once and served from memory to every detector */
const SMALL_FILE = 256 * 1024;

/** per-scan cache of folder listings (several detectors ask for a file's siblings) */
export type DirCache = Map<string, Promise<string[]>>;

async function readRange(abs: string, size: number, start: number, end: number): Promise<Buffer> {
  const s = Math.max(0, Math.min(start, size));
  const e = Math.max(s, Math.min(end, size));
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
}

class DiskFile implements ScanFile {
  readonly path: string;
  readonly name: string;
  readonly ext: string;
  readonly size: number;
  readonly dependency?: FileRef['dependency'];
  readonly archive?: string;
  #whole?: Promise<Buffer>;
  #text?: Promise<string | undefined>;

  constructor(
    ref: FileRef,
    private readonly abs: string,
    private readonly hashes: HashPool,
    private readonly dirs: DirCache,
  ) {
    this.path = ref.path;
    this.name = ref.name;
    this.ext = ref.ext;
    this.size = ref.size;
    this.dependency = ref.dependency;
    this.archive = ref.archive;
  }

  /** synchronous read for small files: far cheaper than the promise API's open/stat/read/close round trips */
  #readWhole(): Promise<Buffer> {
    this.#whole ??= new Promise<Buffer>((res, rej) => {
      try {
        res(readFileSync(this.abs));
      } catch (e) {
        rej(e);
      }
    });
    return this.#whole;
  }

  async range(start: number, end: number): Promise<Buffer> {
    if (this.size > SMALL_FILE) return readRange(this.abs, this.size, start, end);
    const buf = await this.#readWhole();
    return buf.subarray(Math.max(0, start), Math.min(buf.length, Math.max(start, end)));
  }

  head(n: number): Promise<Buffer> {
    return this.range(0, n);
  }

  stream(): AsyncIterable<Buffer> {
    return createReadStream(this.abs, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
  }

  text(maxBytes = DEFAULT_TEXT_MAX): Promise<string | undefined> {
    if (this.size > maxBytes) return Promise.resolve(undefined);
    // every detector that asks gets the same string: the file is read and decoded once
    this.#text ??= (this.size > SMALL_FILE ? readRange(this.abs, this.size, 0, this.size) : this.#readWhole()).then((buf) =>
      looksBinary(buf) ? undefined : buf.toString('utf8'),
    );
    return this.#text;
  }

  sha256(): Promise<string> {
    return this.hashes.sha256(this.abs);
  }

  async sibling(name: string, maxBytes = DEFAULT_TEXT_MAX): Promise<Buffer | undefined> {
    if (name.includes('/') || name.includes('\\') || name === '..' || name === '.') return undefined;
    const p = join(dirname(this.abs), name);
    try {
      const st = await stat(p);
      if (!st.isFile() || st.size > maxBytes) return undefined;
      return await readFile(p);
    } catch {
      return undefined;
    }
  }

  siblings(): Promise<string[]> {
    const dir = dirname(this.abs);
    let listing = this.dirs.get(dir);
    if (!listing) {
      listing = readdir(dir).then(
        (names) => names.sort(),
        () => [],
      );
      this.dirs.set(dir, listing);
    }
    return listing.then((names) => [...names]);
  }
}

export function fsFile(ref: FileRef, abs: string, hashes: HashPool, dirs: DirCache = new Map()): ScanFile {
  return new DiskFile(ref, abs, hashes, dirs);
}
