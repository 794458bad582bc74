// A relaxed, bounded zip reader over random access. It lists entries from the central directory
// (ZIP64 aware) and falls back to scanning local headers when the central directory is missing or
// broken. Bad flags and CRCs are tolerated (CRCs are not checked: the data is scanned, not trusted).
// Entry data streams out through node:zlib (stored and deflate) and stops past `maxBytes`.
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';

export interface RandomAccess {
  size: number;
  read(start: number, end: number): Promise<Buffer>;
}

/**
 * A RandomAccess that serves small reads from one block read ahead. Listing and reading a zip's members asks
 * for a few small ranges per member, in file order; each range read on its own costs an open, a read and a
 * close (a zip of 8 000 small members took 3 s). Reads larger than half a block go straight through.
 */
export function readAhead(src: RandomAccess, block = 1 << 20): RandomAccess {
  let at = 0;
  let buf: Buffer | undefined;
  return {
    size: src.size,
    async read(begin: number, end: number): Promise<Buffer> {
      // the range clamped to the file, as every RandomAccess reads it
      const start = Math.max(0, begin);
      const stop = Math.min(end, src.size);
      if (stop - start > block / 2 || stop <= start) return src.read(begin, end);
      if (buf && start >= at && stop <= at + buf.length) return buf.subarray(start - at, stop - at);
      const b = await src.read(start, Math.min(src.size, start + block));
      buf = b;
      at = start;
      return b.subarray(0, Math.min(b.length, stop - start));
    },
  };
}

/** a file's bytes (a ScanFile's range()) as a RandomAccess that reads ahead, for listing and reading a zip */
export function zipSource(file: { size: number; range(start: number, end: number): Promise<Buffer> }): RandomAccess {
  return readAhead({ size: file.size, read: (s, e) => file.range(s, e) });
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  dataOffset?: number;
  isDirectory: boolean;
  isSymlink: boolean;
  encrypted: boolean;
  source: 'central' | 'local';
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_Z64_LOC = 0x07064b50;
const SIG_Z64_EOCD = 0x06064b50;
const MAX_CD_BYTES = 256 * 1024 * 1024;
const WINDOW = 1 << 20;

/** true when the data starts with a local file header or is an empty zip */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

interface Eocd {
  count: number;
  cdSize: number;
  cdOffset: number;
}

async function findEocd(src: RandomAccess, warnings: string[]): Promise<Eocd | undefined> {
  const tailLen = Math.min(src.size, 65_557);
  const tailStart = src.size - tailLen;
  const tail = await src.read(tailStart, src.size);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== SIG_EOCD) continue;
    let eocd: Eocd = { count: tail.readUInt16LE(i + 10), cdSize: tail.readUInt32LE(i + 12), cdOffset: tail.readUInt32LE(i + 16) };
    const locAt = i - 20;
    if (locAt >= 0 && tail.readUInt32LE(locAt) === SIG_Z64_LOC) {
      const z64Off = Number(tail.readBigUInt64LE(locAt + 8));
      if (z64Off >= 0 && z64Off + 56 <= src.size) {
        const z = await src.read(z64Off, z64Off + 56);
        if (z.length === 56 && z.readUInt32LE(0) === SIG_Z64_EOCD) {
          eocd = { count: Number(z.readBigUInt64LE(32)), cdSize: Number(z.readBigUInt64LE(40)), cdOffset: Number(z.readBigUInt64LE(48)) };
        } else warnings.push('ZIP64 end record not found where the locator points');
      }
    }
    return eocd;
  }
  return undefined;
}

function zip64Extra(extra: Buffer, e: { usize: number; csize: number; offset: number }): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    const end = Math.min(extra.length, p + 4 + len);
    if (id === 0x0001) {
      let q = p + 4;
      const take = (): number | undefined => {
        if (q + 8 > end) return undefined;
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (e.usize === 0xffffffff) e.usize = take() ?? e.usize;
      if (e.csize === 0xffffffff) e.csize = take() ?? e.csize;
      if (e.offset === 0xffffffff) e.offset = take() ?? e.offset;
      return;
    }
    p = end;
  }
}

function parseCentral(cd: Buffer, max: number, warnings: string[]): ZipEntry[] | undefined {
  const out: ZipEntry[] = [];
  let p = 0;
  while (p + 46 <= cd.length && cd.readUInt32LE(p) === SIG_CENTRAL) {
    if (out.length >= max) {
      warnings.push(`more than ${max} entries; the rest are not listed`);
      break;
    }
    const madeBy = cd.readUInt16LE(p + 4);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const ext = cd.readUInt32LE(p + 38);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cd.length) return undefined;
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
    const f = { usize: cd.readUInt32LE(p + 24), csize: cd.readUInt32LE(p + 20), offset: cd.readUInt32LE(p + 42) };
    zip64Extra(cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), f);
    const unixMode = madeBy >> 8 === 3 ? ext >>> 16 : 0;
    out.push({
      name,
      method,
      compressedSize: f.csize,
      uncompressedSize: f.usize,
      localHeaderOffset: f.offset,
      isDirectory: name.endsWith('/') || (unixMode & 0o170000) === 0o040000,
      isSymlink: (unixMode & 0o170000) === 0o120000,
      encrypted: (flags & 1) === 1,
      source: 'central',
    });
    p = end;
  }
  return out;
}

/** Scan the whole file for local headers (used when the central directory is unusable). */
async function scanLocal(src: RandomAccess, max: number, warnings: string[]): Promise<ZipEntry[]> {
  const found: ZipEntry[] = [];
  const starts: number[] = [];
  const seen = new Set<number>();
  for (let off = 0; off < src.size && found.length < max; off += WINDOW - 3) {
    const win = await src.read(off, Math.min(src.size, off + WINDOW));
    for (let i = win.indexOf('PK\u0003\u0004', 0, 'latin1'); i >= 0; i = win.indexOf('PK\u0003\u0004', i + 1, 'latin1')) {
      const at = off + i;
      if (seen.has(at)) continue;
      const h = await src.read(at, Math.min(src.size, at + 30 + 65_535 * 2));
      if (h.length < 30) continue;
      const flags = h.readUInt16LE(6);
      const nameLen = h.readUInt16LE(26);
      const extraLen = h.readUInt16LE(28);
      if (30 + nameLen + extraLen > h.length) continue;
      const f = { usize: h.readUInt32LE(22), csize: h.readUInt32LE(18), offset: at };
      zip64Extra(h.subarray(30 + nameLen, 30 + nameLen + extraLen), f);
      const name = h.toString('utf8', 30, 30 + nameLen);
      starts.push(at);
      seen.add(at);
      found.push({
        name,
        method: h.readUInt16LE(8),
        compressedSize: f.csize,
        uncompressedSize: f.usize,
        localHeaderOffset: at,
        dataOffset: at + 30 + nameLen + extraLen,
        isDirectory: name.endsWith('/'),
        isSymlink: false,
        encrypted: (flags & 1) === 1,
        source: 'local',
      });
      if (found.length >= max) {
        warnings.push(`more than ${max} entries; the rest are not listed`);
        break;
      }
    }
  }
  // sizes unknown (data descriptor) or implausible: bound each entry by the next header
  const sigs = [...starts];
  for (let k = 0; k < found.length; k++) {
    const e = found[k];
    const limit = (sigs[k + 1] ?? src.size) - (e.dataOffset ?? 0);
    if (e.compressedSize === 0 || e.compressedSize > limit) e.compressedSize = Math.max(0, limit);
  }
  return found;
}

export async function listZip(src: RandomAccess, limits: { maxEntries?: number } = {}): Promise<{ entries: ZipEntry[]; warnings: string[] }> {
  const max = limits.maxEntries ?? 100_000;
  const warnings: string[] = [];
  if (src.size < 22) {
    if (src.size >= 30) return { entries: await scanLocal(src, max, warnings), warnings: [...warnings, 'no end of central directory'] };
    return { entries: [], warnings: ['too small to be a zip'] };
  }
  const eocd = await findEocd(src, warnings);
  if (eocd && eocd.cdOffset + eocd.cdSize <= src.size && eocd.cdSize <= MAX_CD_BYTES) {
    const cd = await src.read(eocd.cdOffset, eocd.cdOffset + eocd.cdSize);
    const entries = parseCentral(cd, max, warnings);
    if (entries && (entries.length === eocd.count || entries.length >= max) && (await localHeadersOk(src, entries))) return { entries, warnings };
    warnings.push('central directory is broken; entries recovered from local headers');
  } else warnings.push(eocd ? 'central directory out of bounds; entries recovered from local headers' : 'no end of central directory; entries recovered from local headers');
  return { entries: await scanLocal(src, max, warnings), warnings };
}

async function localHeadersOk(src: RandomAccess, entries: ZipEntry[]): Promise<boolean> {
  for (const e of entries.slice(0, 64)) {
    const h = await src.read(e.localHeaderOffset, e.localHeaderOffset + 30);
    if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL) return false;
    const nameLen = h.readUInt16LE(26);
    const local = await src.read(e.localHeaderOffset + 30, e.localHeaderOffset + 30 + nameLen);
    if (local.toString('utf8') !== e.name) return false;
  }
  return true;
}

async function* rawData(src: RandomAccess, start: number, length: number): AsyncGenerator<Buffer> {
  const end = Math.min(src.size, start + length);
  for (let off = start; off < end; off += WINDOW) yield await src.read(off, Math.min(end, off + WINDOW));
}

export class ZipEntryTooLarge extends Error {
  constructor(name: string, maxBytes: number) {
    super(`zip entry ${name} is larger than ${maxBytes} bytes once decompressed; stopped (zip bomb guard)`);
  }
}

/** Stream an entry's decompressed bytes; throws past maxBytes and for unsupported methods. */
export async function* readZipEntry(src: RandomAccess, e: ZipEntry, opts: { maxBytes: number }): AsyncIterable<Buffer> {
  let dataOffset = e.dataOffset;
  if (dataOffset === undefined) {
    const h = await src.read(e.localHeaderOffset, e.localHeaderOffset + 30);
    if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL) throw new Error(`zip entry ${e.name}: local header missing`);
    dataOffset = e.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  }
  const csize = Math.min(e.compressedSize, Math.max(0, src.size - dataOffset));
  let total = 0;
  if (e.method === 0) {
    for await (const chunk of rawData(src, dataOffset, csize)) {
      total += chunk.length;
      if (total > opts.maxBytes) throw new ZipEntryTooLarge(e.name, opts.maxBytes);
      yield chunk;
    }
    return;
  }
  if (e.method !== 8) throw new Error(`zip entry ${e.name}: compression method ${e.method} is not supported`);
  const inflater = createInflateRaw();
  const input = Readable.from(rawData(src, dataOffset, csize));
  input.on('error', (err: Error) => inflater.destroy(err));
  input.pipe(inflater);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > opts.maxBytes) throw new ZipEntryTooLarge(e.name, opts.maxBytes);
      yield chunk;
    }
  } finally {
    input.destroy();
    inflater.destroy();
  }
}
