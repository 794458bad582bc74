// A ScanFile over a file on disk. Reads are bounded and positional; the whole-file hash comes from the
// scan's shared HashPool, so however many detectors ask, the file is hashed once. Small files are read
// once and served from memory to every detector; folder listings are shared across the scan.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
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

/** one buffer for the synchronous small-file reads (the event loop runs one at a time) */
const SMALL_BUF = Buffer.allocUnsafe(SMALL_FILE + 1);

/** open, read up to SMALL_FILE + 1 bytes, close: no stat call. Undefined when the file is larger. */
function readSmallSync(abs: string): Buffer | undefined {
  const fd = openSync(abs, 'r');
  try {
    let n = 0;
    for (;;) {
      const got = readSync(fd, SMALL_BUF, n, SMALL_BUF.length - n, n);
      if (got === 0) break;
      n += got;
      if (n === SMALL_BUF.length) return undefined;
    }
    return Buffer.from(SMALL_BUF.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

class DiskFile implements ScanFile {
  readonly path: string;
  readonly name: string;
  readonly ext: string;
  readonly dependency?: FileRef['dependency'];
  readonly archive?: string;
  #small?: Promise<Buffer | undefined>;
  #text?: Promise<string | undefined>;

  constructor(
    private readonly ref: FileRef,
    private readonly abs: string,
    private readonly hashes: HashPool,
    private readonly dirs: DirCache,
  ) {
    this.path = ref.path;
    this.name = ref.name;
    this.ext = ref.ext;
    this.dependency = ref.dependency;
    this.archive = ref.archive;
  }

  /** read lazily: the walk's FileRef stats the file only when asked */
  get size(): number {
    return this.ref.size;
  }

  /** the whole content when the file is small (read synchronously, without a stat call), else undefined */
  #readSmall(): Promise<Buffer | undefined> {
    this.#small ??= new Promise<Buffer | undefined>((res, rej) => {
      try {
        res(readSmallSync(this.abs));
      } catch (e) {
        rej(e);
      }
    });
    return this.#small;
  }

  async range(start: number, end: number): Promise<Buffer> {
    const small = await this.#readSmall();
    if (!small) return readRange(this.abs, this.size, start, end);
    return small.subarray(Math.max(0, start), Math.min(small.length, Math.max(start, end)));
  }

  head(n: number): Promise<Buffer> {
    return this.range(0, n);
  }

  stream(): AsyncIterable<Buffer> {
    return createReadStream(this.abs, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
  }

  async text(maxBytes = DEFAULT_TEXT_MAX): Promise<string | undefined> {
    // every detector that asks gets the same string: the file is read and decoded once
    const small = await this.#readSmall();
    if (small) {
      if (small.length > maxBytes) return undefined;
      this.#text ??= Promise.resolve(looksBinary(small) ? undefined : small.toString('utf8'));
      return this.#text;
    }
    if (this.size > maxBytes) return undefined;
    this.#text ??= readRange(this.abs, this.size, 0, this.size).then((buf) => (looksBinary(buf) ? undefined : buf.toString('utf8')));
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
