import { describe, expect, it } from 'vitest';
import { rng } from '../helpers/rng.js';
import { listZip, readAhead, readZipEntry, ZipEntryTooLarge, type RandomAccess } from '../../src/parsers/zip.js';
import { makeZip } from '../helpers/zip-writer.js';
import { fixture } from './helpers.js';

const ra = (b: Buffer): RandomAccess => ({ size: b.length, read: async (s, e) => b.subarray(Math.max(0, s), Math.min(b.length, e)) });

async function readAll(src: RandomAccess, e: Parameters<typeof readZipEntry>[1], maxBytes = 1 << 20): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of readZipEntry(src, e, { maxBytes })) out.push(c);
  return Buffer.concat(out);
}

/** a stored zip with ZIP64 central-directory fields and a ZIP64 end record, written by hand */
function zip64(name: string, data: Buffer): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(45, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const cdOffset = 30 + n.length + data.length;
  const extra = Buffer.alloc(4 + 24);
  extra.writeUInt16LE(1, 0);
  extra.writeUInt16LE(24, 2);
  extra.writeBigUInt64LE(BigInt(data.length), 4);
  extra.writeBigUInt64LE(BigInt(data.length), 12);
  extra.writeBigUInt64LE(0n, 20);
  const cen = Buffer.alloc(46);
  cen.writeUInt32LE(0x02014b50, 0);
  cen.writeUInt16LE(45, 6);
  cen.writeUInt32LE(0xffffffff, 20);
  cen.writeUInt32LE(0xffffffff, 24);
  cen.writeUInt16LE(n.length, 28);
  cen.writeUInt16LE(extra.length, 30);
  cen.writeUInt32LE(0xffffffff, 42);
  const cdSize = 46 + n.length + extra.length;
  const z64 = Buffer.alloc(56);
  z64.writeUInt32LE(0x06064b50, 0);
  z64.writeBigUInt64LE(44n, 4);
  z64.writeBigUInt64LE(1n, 24);
  z64.writeBigUInt64LE(1n, 32);
  z64.writeBigUInt64LE(BigInt(cdSize), 40);
  z64.writeBigUInt64LE(BigInt(cdOffset), 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  loc.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(0xffff, 8);
  eocd.writeUInt16LE(0xffff, 10);
  eocd.writeUInt32LE(0xffffffff, 12);
  eocd.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([local, n, data, cen, n, extra, z64, loc, eocd]);
}

describe('zip reader', () => {
  it('lists a torch.save zip and streams a deflated member', async () => {
    const src = ra(fixture('serialization/zip64.zip'));
    const { entries, warnings } = await listZip(src);
    expect(warnings).toEqual([]);
    expect(entries.map((e) => e.name)).toEqual(['inner/data.pkl', 'readme.txt']);
    expect(entries[1].method).toBe(8);
    expect((await readAll(src, entries[1])).toString()).toBe('hello zip64');
  });

  it('reads ZIP64 end records and extra fields', async () => {
    const src = ra(zip64('big/data.pkl', Buffer.from('payload')));
    const { entries, warnings } = await listZip(src);
    expect(warnings).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ name: 'big/data.pkl', compressedSize: 7, uncompressedSize: 7, localHeaderOffset: 0, source: 'central' });
    expect((await readAll(src, entries[0])).toString()).toBe('payload');
  });

  it('falls back to local headers when the central directory disagrees', async () => {
    const src = ra(fixture('picklescan/data/malicious1_central_directory.zip'));
    const { entries, warnings } = await listZip(src);
    expect(warnings.join()).toMatch(/central directory is broken/);
    expect(entries.map((e) => `${e.name}:${e.source}`)).toEqual(['datap.kl:local']);
    expect((await readAll(src, entries[0]))[0]).toBe(0x80);
  });

  it('falls back to local headers without an end record', async () => {
    const whole = fixture('picklescan/data/malicious1.zip');
    const cut = whole.subarray(0, whole.indexOf(Buffer.from('PK\u0001\u0002', 'latin1')));
    const { entries } = await listZip(ra(cut));
    expect(entries.map((e) => e.name)).toEqual(['data.pkl']);
    expect((await readAll(ra(cut), entries[0])).length).toBe(51);
  });

  it('tolerates bogus flags (encrypted bit on a stored plain member)', async () => {
    const src = ra(fixture('picklescan/data/malicious1_0x1.zip'));
    const { entries } = await listZip(src);
    expect(entries[0].encrypted).toBe(true);
    expect((await readAll(src, entries[0]))[0]).toBe(0x80);
  });

  it('stops a decompression bomb at maxBytes', async () => {
    const src = ra(fixture('serialization/zip-bomb.zip'));
    const { entries } = await listZip(src);
    expect(entries[0].uncompressedSize).toBe(8 << 20);
    await expect(readAll(src, entries[0], 1 << 20)).rejects.toBeInstanceOf(ZipEntryTooLarge);
  });

  it('bounds the entry count and handles garbage', async () => {
    expect((await listZip(ra(Buffer.from('not a zip at all, just text')))).entries).toEqual([]);
    expect((await listZip(ra(Buffer.alloc(3)))).warnings).toEqual(['too small to be a zip']);
    const { entries, warnings } = await listZip(ra(fixture('serialization/zip64.zip')), { maxEntries: 1 });
    expect(entries).toHaveLength(1);
    expect(warnings.join()).toMatch(/more than 1 entries/);
  });
});

describe('readAhead', () => {
  it('returns exactly what the source returns, for any range', async () => {
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 251));
    let calls = 0;
    const src: RandomAccess = { size: data.length, read: async (s, e) => (calls++, Buffer.from(data.subarray(Math.max(0, s), Math.min(data.length, e)))) };
    const cached = readAhead(src, 1024);
    const next = rng(3);
    for (let k = 0; k < 2000; k++) {
      const s = Math.floor(next() * 5200) - 100;
      const e = s + Math.floor(next() * (k % 10 === 0 ? 1500 : 200)) - 20;
      expect([s, e, await cached.read(s, e)]).toEqual([s, e, await src.read(s, e)]);
    }
    // sequential small reads cost one read of the source per block
    calls = 0;
    const seq = readAhead(src, 1024);
    for (let off = 0; off < data.length; off += 30) await seq.read(off, off + 30);
    expect(calls).toBeLessThanOrEqual(6);
  });

  it('lists and reads a zip of 5 000 members with a handful of reads', async () => {
    const zip = makeZip(Array.from({ length: 5000 }, (_, i) => ({ name: `d${i % 7}/f${i}.txt`, data: Buffer.from(`member ${i}`) })), { deflate: true });
    let calls = 0;
    const src = readAhead({ size: zip.length, read: async (s, e) => (calls++, zip.subarray(s, Math.min(zip.length, e))) });
    const { entries } = await listZip(src);
    expect(entries).toHaveLength(5000);
    for (const e of entries) expect((await readAll(src, e)).toString()).toBe(`member ${e.name.slice(e.name.indexOf('f') + 1, -4)}`);
    expect(calls).toBeLessThan(20);
  });
});
