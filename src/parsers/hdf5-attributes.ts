// HDF5 attribute decoding shared by the root-group walk (hdf5.ts): attribute messages, variable-
// length strings in the global heap, and dense attribute storage in a fractal heap's direct blocks.
import type { ByteSource } from './magic-reader.js';

export const HDF5_LIMITS = { maxHeaderBlock: 1 << 20, maxContinuations: 64, maxHeap: 32 << 20, scanBytes: 8 << 20, maxConfig: 8 << 20 };

export interface Hdf5AttrSink {
  attributes: Record<string, string>;
  names: string[];
}

export interface Geo {
  src: ByteSource;
  base: number;
  o: number;
  l: number;
}

export function readUInt(b: Buffer, at: number, n: number): number {
  if (at + n > b.length) throw new Error('HDF5 structure truncated');
  if (n === 1) return b[at];
  if (n === 2) return b.readUInt16LE(at);
  if (n === 4) return b.readUInt32LE(at);
  const v = b.readBigUInt64LE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

export async function readAt(g: Geo, addr: number, len: number, what: string): Promise<Buffer> {
  const start = g.base + addr;
  if (addr < 0 || len < 0 || start + len > g.src.size) throw new Error(`${what} at ${addr} (+${len}) lies outside the ${g.src.size}-byte file`);
  return g.src.range(start, start + len);
}

const pad8 = (n: number): number => (n + 7) & ~7;

async function globalHeapString(g: Geo, addr: number, index: number): Promise<string> {
  const head = await readAt(g, addr, 8 + g.l, 'global heap');
  if (head.subarray(0, 4).toString('latin1') !== 'GCOL') throw new Error(`no global heap collection at ${addr}`);
  const size = readUInt(head, 8, g.l);
  if (size > HDF5_LIMITS.maxHeap) throw new Error(`global heap collection of ${size} bytes exceeds the cap`);
  const col = await readAt(g, addr, size, 'global heap collection');
  let p = 8 + g.l;
  while (p + 8 + g.l <= col.length) {
    const idx = col.readUInt16LE(p);
    const objSize = readUInt(col, p + 8, g.l);
    const data = p + 8 + g.l;
    if (idx === 0) break;
    if (data + objSize > col.length) throw new Error('global heap object runs past its collection');
    if (idx === index) return col.subarray(data, data + objSize).toString('utf8');
    p = data + pad8(objSize);
  }
  throw new Error(`global heap object ${index} not found`);
}

export async function decodeAttribute(g: Geo, m: Buffer, out: Hdf5AttrSink): Promise<number> {
  const version = m[0];
  const nameSize = m.readUInt16LE(2);
  const dtSize = m.readUInt16LE(4);
  const dsSize = m.readUInt16LE(6);
  let p = version === 3 ? 9 : 8;
  const padded = version === 1 ? pad8 : (n: number): number => n;
  const name = m.subarray(p, p + nameSize).toString('utf8').replace(/\0+$/, '');
  p += padded(nameSize);
  const dt = m.subarray(p, p + dtSize);
  p += padded(dtSize);
  const ds = m.subarray(p, p + dsSize);
  p += padded(dsSize);
  out.names.push(name);
  if (dt.length < 8 || ds.length < 2) throw new Error(`attribute ${name}: datatype or dataspace truncated`);
  const cls = dt[0] & 0x0f;
  const elSize = dt.readUInt32LE(4);
  const rank = ds[1];
  const dimAt = ds[0] === 1 ? 8 : 4;
  let elems = ds[0] === 2 && ds[3] === 2 ? 0 : 1;
  for (let i = 0; i < rank; i++) elems *= readUInt(ds, dimAt + i * g.l, g.l);
  const end = p + elems * elSize;
  if (elems !== 1) return end;
  if (cls === 3) {
    if (p + elSize > m.length) throw new Error(`attribute ${name}: data truncated`);
    out.attributes[name] = m.subarray(p, p + elSize).toString('utf8').replace(/\0+$/, '');
  } else if (cls === 9 && (dt[1] & 0x0f) === 1) {
    const len = readUInt(m, p, 4);
    const addr = readUInt(m, p + 4, g.o);
    const idx = readUInt(m, p + 4 + g.o, 4);
    if (len === 0) out.attributes[name] = '';
    else out.attributes[name] = await globalHeapString(g, addr, idx);
  }
  return end;
}

/** Dense attribute storage: attribute messages packed in the fractal heap's direct blocks (the root
 *  direct block, or the direct blocks of the root indirect block; deeper indirection is not walked). */
export async function readDenseAttributes(g: Geo, heapAddr: number, out: Hdf5AttrSink): Promise<void> {
  const h = await readAt(g, heapAddr, Math.max(0, Math.min(160, g.src.size - g.base - heapAddr)), 'fractal heap header');
  if (h.subarray(0, 4).toString('latin1') !== 'FRHP') throw new Error(`no fractal heap at ${heapAddr}`);
  const filterLen = h.readUInt16LE(7);
  const flags = h[9];
  let p = 14 + g.l + g.o + g.l + g.o + 8 * g.l; // up to table width
  p += 2; // table width
  const width = h.readUInt16LE(p - 2);
  const startBlock = readUInt(h, p, g.l);
  const maxDirect = readUInt(h, p + g.l, g.l);
  p += 2 * g.l; // starting block size, max direct block size
  const maxHeapBits = h.readUInt16LE(p);
  p += 4; // max heap size, starting rows
  const root = readUInt(h, p, g.o);
  const rows = h.readUInt16LE(p + g.o);
  if (filterLen !== 0) throw new Error('dense attributes in a filtered fractal heap are not read');
  const offBytes = Math.ceil(maxHeapBits / 8);
  const blocks: { addr: number; size: number }[] = [];
  if (rows === 0) blocks.push({ addr: root, size: startBlock });
  else {
    // root indirect block: child direct block addresses, row by row (row r holds blocks of start * 2^max(0, r-1))
    const entries = Math.min(rows * width, 4096);
    const ib = await readAt(g, root, 5 + g.o + offBytes + entries * g.o, 'fractal heap indirect block');
    if (ib.subarray(0, 4).toString('latin1') !== 'FHIB') throw new Error('fractal heap indirect block signature missing');
    for (let i = 0; i < entries; i++) {
      const size = startBlock * 2 ** Math.max(0, Math.floor(i / width) - 1);
      if (size > maxDirect) break;
      const addr = readUInt(ib, 5 + g.o + offBytes + i * g.o, g.o);
      if (addr !== Number.MAX_SAFE_INTEGER && addr !== 0) blocks.push({ addr, size });
    }
  }
  let total = 0;
  for (const b of blocks) {
    total += b.size;
    if (total > HDF5_LIMITS.maxHeap) throw new Error('fractal heap larger than the cap');
    const block = await readAt(g, b.addr, b.size, 'fractal heap direct block');
    if (block.subarray(0, 4).toString('latin1') !== 'FHDB') throw new Error('fractal heap direct block signature missing');
    let q = 5 + g.o + offBytes + ((flags & 2) !== 0 ? 4 : 0);
    while (q + 9 <= block.length && block[q] === 3) {
      const len = await decodeAttribute(g, block.subarray(q), out);
      if (len <= 0) break;
      q += len;
    }
  }
}

