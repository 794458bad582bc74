// A ScanFile over a file on disk. Reads are bounded and positional; the whole-file hash comes from the
// scan's shared HashPool, so however many detectors ask, the file is hashed once. Small files are read
// once and served from memory to every detector; folder listings are shared across the scan.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { lstat, open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { FileRef, ScanFile } from '../detect/types.js';
import { looksBinary } from '../detect/memory-file.js';
import type { HashPool } from '../enrich/hash-pool.js';

/** what a file needs from the scan's hash pool (a scan worker forwards the request to the main thread) */
export type FileHasher = Pick<HashPool, 'sha256'>;

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

/** what a small-file read asks for: a file that fills it is larger than SMALL_FILE */
export const SMALL_READ_LIMIT = SMALL_FILE + 1;
/** one buffer for the synchronous small-file reads (the event loop runs one at a time) */
const SMALL_BUF = Buffer.allocUnsafe(SMALL_READ_LIMIT);

/** A FileRef that may already hold the file's content: the walk's lazy size reads a small file whole
 *  instead of calling stat (the read is needed anyway when a detector wants the file). */
export interface PrefetchingRef extends FileRef {
  /** hands over (and forgets) the whole content of a small file, 'large' when the file is bigger than
   *  SMALL_FILE, undefined when it was not read; the ref never holds the bytes after this call */
  takePrefetched(): Buffer | 'large' | undefined;
  /** keeps bytes read elsewhere (the runner's pre-check) for the next takePrefetched(); a buffer also fixes the size */
  holdContent(content: Buffer | 'large'): void;
}

/** drops the bytes a ref read ahead, when no detector wants the file (bounded memory: the walk keeps a
 *  folder's refs until the folder is done) */
export function releasePrefetched(ref: FileRef): void {
  (ref as Partial<PrefetchingRef>).takePrefetched?.();
}

/** open, read up to SMALL_FILE + 1 bytes, close: no stat call. Undefined when the file is larger. A first read
 *  that returns less than 64 KiB is the whole file (regular files read short only at their end), so a typical
 *  source file costs three system calls; after a longer read, reading goes on until the end is seen (some
 *  file systems, FUSE for one, cap a single read). */
export function readSmallSync(abs: string): Buffer | undefined {
  const view = readSmallView(abs);
  return view && Buffer.from(view);
}

/** readSmallSync() without the copy: a view of a shared buffer, valid only until the next read on this thread */
export function readSmallView(abs: string): Buffer | undefined {
  const fd = openSync(abs, 'r');
  try {
    const want = SMALL_BUF.length;
    let n = readSync(fd, SMALL_BUF, 0, want, 0);
    if (n >= 65536) {
      for (let got = n; got > 0 && n < want; n += got) got = readSync(fd, SMALL_BUF, n, want - n, n);
    }
    return n === want ? undefined : SMALL_BUF.subarray(0, n);
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
    private readonly hashes: FileHasher,
    private readonly dirs: DirCache,
    private readonly listing?: readonly string[],
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
      const pre = (this.ref as Partial<PrefetchingRef>).takePrefetched?.();
      if (pre !== undefined) return res(pre === 'large' ? undefined : pre);
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

  async isSymlinkNearby(relPath: string): Promise<boolean> {
    const dir = dirname(this.abs);
    const target = join(dir, relPath);
    if (!target.startsWith(dir + sep)) return false;
    try {
      return (await lstat(target)).isSymbolicLink();
    } catch {
      return false;
    }
  }

  siblings(): Promise<string[]> {
    if (this.listing) return Promise.resolve([...this.listing]);
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

/** `listing`: the folder's sorted entry names when the walk already read them (saves a readdir) */
export function fsFile(ref: FileRef, abs: string, hashes: FileHasher, dirs: DirCache = new Map(), listing?: readonly string[]): ScanFile {
  return new DiskFile(ref, abs, hashes, dirs, listing);
}
