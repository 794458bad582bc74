#!/usr/bin/env node
// Unsafe-serialization scan of a tensor-heavy PyTorch checkpoint: a 2 GiB zip whose storage member is
// never read (only the pickle is walked), against hashing the same file. Target: well under the hash time.
// Imports from dist/ (npm run build). The file is sparse: creating it writes only headers.
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => import(pathToFileURL(join(ROOT, 'dist', p)).href);
const { scanSerialized } = await dist('detectors/serialization/pickle-scan.js');
const { fsFile } = await dist('src/walk/fs-file.js');
const { HashPool } = await dist('src/enrich/hash-pool.js');

const dir = join(ROOT, 'bench-work');
mkdirSync(dir, { recursive: true });
const path = join(dir, 'checkpoint-2g.pt');
const STORAGE = 2 * 1024 ** 3;

function local(name, size, crc) {
  const n = Buffer.from(name);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(size, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(n.length, 26);
  return Buffer.concat([h, n]);
}
function central(name, size, crc, offset) {
  const n = Buffer.from(name);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt32LE(crc, 16);
  h.writeUInt32LE(size, 20);
  h.writeUInt32LE(size, 24);
  h.writeUInt16LE(n.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, n]);
}

if (!existsSync(path)) {
  // pickle.dumps(OrderedDict([('w', 1)]), protocol=2): the state-dict shape torch.save writes
  const pkl = Buffer.from('800263636f6c6c656374696f6e730a4f726465726564446963740a71002952710158010000007771024b01732e', 'hex');
  const pklHeader = local('archive/data.pkl', pkl.length, crc32(pkl) >>> 0);
  const storageOffset = pklHeader.length + pkl.length;
  const stHeader = local('archive/data/0', STORAGE, 0); // CRC left 0: storage members are never read
  const fd = openSync(path, 'w');
  writeSync(fd, pklHeader);
  writeSync(fd, pkl);
  writeSync(fd, stHeader);
  const dataEnd = storageOffset + stHeader.length + STORAGE;
  ftruncateSync(fd, dataEnd);
  const cd = Buffer.concat([central('archive/data.pkl', pkl.length, crc32(pkl) >>> 0, 0), central('archive/data/0', STORAGE, 0, storageOffset)]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(2, 8);
  end.writeUInt16LE(2, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(dataEnd, 16);
  writeSync(fd, Buffer.concat([cd, end]), 0, cd.length + end.length, dataEnd);
  closeSync(fd);
}

const { statSync } = await import('node:fs');
const size = statSync(path).size;
const pool = new HashPool();
const ref = { path: 'checkpoint-2g.pt', name: 'checkpoint-2g.pt', ext: '.pt', size };
let t = process.hrtime.bigint();
const r = await scanSerialized(fsFile(ref, path, pool));
const scanS = Number(process.hrtime.bigint() - t) / 1e9;
t = process.hrtime.bigint();
await pool.sha256(path);
const hashS = Number(process.hrtime.bigint() - t) / 1e9;
await pool.close();
const ok = scanS < hashS / 10 && r.analysed;
console.log(`${ok ? 'PASS' : 'FAIL'}  2 GiB PyTorch checkpoint: serialization scan ${(scanS * 1000).toFixed(0)} ms vs hashing ${hashS.toFixed(2)} s (verdict ${r.verdict}, format ${r.format}; target: well under the hash time, < 1/10)`);
process.exitCode = ok ? 0 : 1;
