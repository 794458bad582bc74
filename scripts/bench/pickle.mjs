#!/usr/bin/env node
// Benchmark of the static pickle walker on opcode-dense data (issue 3: >= 50 MB/s).
// Needs a build first (`npm run build`): imports dist/src/parsers/pickle/index.js.
// Usage: node scripts/bench/pickle.mjs [sizeMB=200]
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const { scanPickle } = await import(join(root, 'dist', 'src', 'parsers', 'pickle', 'index.js'));

const sizeMB = Number(process.argv[2] ?? 200);

/** One block of typical opcode-dense content: a dict of short string keys to lists of ints and floats, memoized. */
function block(seed) {
  const parts = [];
  const b = (...xs) => parts.push(Buffer.from(xs));
  b(0x7d, 0x94, 0x28); // EMPTY_DICT MEMOIZE MARK
  for (let k = 0; k < 8; k++) {
    const key = Buffer.from(`key_${(seed + k) % 97}`, 'latin1');
    parts.push(Buffer.from([0x8c, key.length]), key, Buffer.from([0x94])); // SHORT_BINUNICODE MEMOIZE
    b(0x5d, 0x94, 0x28); // EMPTY_LIST MEMOIZE MARK
    for (let i = 0; i < 40; i++) b(0x4b, (seed + i) & 0xff); // BININT1
    for (let i = 0; i < 8; i++) b(0x47, 0x3f, 0xf0, 0, 0, 0, 0, 0, i); // BINFLOAT
    b(0x4a, 1, 2, 3, 4, 0x4e, 0x88, 0x68, 0x01); // BININT NONE NEWTRUE BINGET
    b(0x65); // APPENDS
  }
  b(0x75, 0x30); // SETITEMS POP
  return Buffer.concat(parts);
}

const dir = mkdtempSync(join(tmpdir(), 'aibom-bench-'));
const file = join(dir, 'dense.pkl');
try {
  const blocks = Array.from({ length: 64 }, (_, i) => block(i));
  const chunk = Buffer.concat(blocks);
  const out = createWriteStream(file);
  out.write(Buffer.from([0x80, 0x04, 0x5d])); // PROTO 4, EMPTY_LIST (the pickled object)
  let written = 3;
  while (written < sizeMB * 1024 * 1024) {
    if (!out.write(chunk)) await once(out, 'drain');
    written += chunk.length;
  }
  out.write(Buffer.from([0x2e])); // STOP
  out.end();
  await once(out, 'finish');
  const bytes = statSync(file).size;

  const heapBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const result = await scanPickle(createReadStream(file, { highWaterMark: 1 << 20 }), { totalSize: bytes });
  const secs = (performance.now() - t0) / 1000;
  const mb = bytes / 1024 / 1024;
  const rssGrowth = (process.memoryUsage().rss - heapBefore) / 1024 / 1024;
  console.log(`pickle walker: ${mb.toFixed(0)} MiB, ${result.opcodes.toLocaleString('en')} opcodes in ${secs.toFixed(2)} s = ${(mb / secs).toFixed(1)} MiB/s (target >= 50; rss +${rssGrowth.toFixed(0)} MiB; verdict ${result.verdict}${result.error ? `, error: ${result.error.message}` : ''})`);
  if (result.error || result.verdict !== 'safe') process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
