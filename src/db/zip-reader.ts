// A minimal, bounded ZIP reader for OSV exports (central directory, ZIP64, stored/deflate),
// used until src/parsers/zip.ts is available. Every length is checked against the file size
// before anything is allocated; a damaged archive throws a ZipError naming the problem.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const MAX_CD_BYTES = 512 << 20;

function readAt(fd: number, start: number, length: number, fileSize: number): Buffer {
  if (start < 0 || length < 0 || start + length > fileSize) throw new ZipError('truncated or corrupt zip (offset beyond end of file)');
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, start + done);
    if (n === 0) throw new ZipError('unexpected end of zip file');
    done += n;
  }
  return buf;
}

export class ZipFile {
  private readonly fd: number;
  readonly size: number;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  close(): void {
    closeSync(this.fd);
  }

  entries(): ZipEntry[] {
    const tailLen = Math.min(this.size, 65557);
    const tail = readAt(this.fd, this.size - tailLen, tailLen, this.size);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('not a zip file (no end of central directory record)');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locPos = this.size - tailLen + eocd - 20;
      const loc = readAt(this.fd, locPos, 20, this.size);
      if (loc.readUInt32LE(0) !== 0x07064b50) throw new ZipError('zip64 locator missing');
      const z = readAt(this.fd, Number(loc.readBigUInt64LE(8)), 56, this.size);
      if (z.readUInt32LE(0) !== 0x06064b50) throw new ZipError('zip64 end record missing');
      count = Number(z.readBigUInt64LE(32));
      cdSize = Number(z.readBigUInt64LE(40));
      cdOffset = Number(z.readBigUInt64LE(48));
    }
    if (cdSize > MAX_CD_BYTES || cdOffset + cdSize > this.size) throw new ZipError('central directory out of bounds');
    const cd = readAt(this.fd, cdOffset, cdSize, this.size);
    const out: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipError('corrupt central directory');
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      if (p + 46 + nameLen + extraLen + commentLen > cd.length) throw new ZipError('corrupt central directory entry');
      const e: ZipEntry = {
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
      };
      this.applyZip64(e, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
      out.push(e);
      p += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  }

  private applyZip64(e: ZipEntry, extra: Buffer): void {
    for (let q = 0; q + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(q);
      const len = extra.readUInt16LE(q + 2);
      if (id === 0x0001) {
        let r = q + 4;
        const next = (): number => {
          if (r + 8 > q + 4 + len || r + 8 > extra.length) throw new ZipError('corrupt zip64 extra field');
          const v = Number(extra.readBigUInt64LE(r));
          r += 8;
          return v;
        };
        if (e.size === 0xffffffff) e.size = next();
        if (e.compressedSize === 0xffffffff) e.compressedSize = next();
        if (e.localOffset === 0xffffffff) e.localOffset = next();
      }
      q += 4 + len;
    }
  }

  /** the entry's bytes, refusing entries larger than maxBytes */
  read(e: ZipEntry, maxBytes: number): Buffer {
    if (e.size > maxBytes) throw new ZipError(`${e.name}: ${e.size} bytes exceeds the ${maxBytes}-byte cap`);
    const h = readAt(this.fd, e.localOffset, 30, this.size);
    if (h.readUInt32LE(0) !== 0x04034b50) throw new ZipError(`${e.name}: bad local header`);
    const start = e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    const data = readAt(this.fd, start, e.compressedSize, this.size);
    if (e.method === 0) return data;
    if (e.method === 8) {
      try {
        return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
      } catch (err) {
        throw new ZipError(`${e.name}: cannot inflate (${(err as Error).message})`);
      }
    }
    throw new ZipError(`${e.name}: unsupported compression method ${e.method}`);
  }
}
