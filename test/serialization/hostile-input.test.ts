// Bad input (truncated, corrupted, garbage) never crashes a serialization detector and never comes out clean
// when a pickle is cut short.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DetectContext } from '../../src/detect/types.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import { serializationDetectors } from '../../detectors/serialization/index.js';
import { scanSerialized } from '../../detectors/serialization/pickle-scan.js';
import { scanPickle } from '../../src/parsers/pickle/index.js';
import { ROOT, fixture } from './helpers.js';

const ctx: DetectContext = { signal: new AbortController().signal, options: { allDependencies: false } };

/** deterministic pseudo-random bytes */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

const files = readdirSync(join(ROOT, 'fixtures', 'serialization')).filter((f) => f.includes('.'));

describe('hostile input', () => {
  it('every detector survives truncated and corrupted fixtures', async () => {
    const rnd = lcg(42);
    for (const f of files) {
      const data = fixture('serialization', f);
      const variants: Buffer[] = [data.subarray(0, Math.floor(data.length / 2)), data.subarray(0, 7), Buffer.alloc(0)];
      const flipped = Buffer.from(data);
      for (let i = 0; i < 16 && flipped.length > 0; i++) flipped[rnd() % flipped.length] = rnd() & 0xff;
      variants.push(flipped);
      for (const v of variants) {
        const file = memoryFile(`x/${f}`, v);
        for (const d of serializationDetectors) {
          if (!d.wants(file)) continue;
          await expect(d.detect(file, ctx), `${d.id} on ${f} (${v.length} bytes)`).resolves.toBeDefined();
        }
      }
    }
  });

  it('random garbage with a pickle extension is never a crash', async () => {
    const rnd = lcg(7);
    for (let n = 0; n < 200; n++) {
      const b = Buffer.alloc(1 + (rnd() % 600));
      for (let i = 0; i < b.length; i++) b[i] = rnd() & 0xff;
      if (n % 2 === 0) b[0] = 0x80;
      if (n % 4 === 0) b[1] = 4;
      await expect(scanSerialized(memoryFile('g.pkl', b))).resolves.toBeDefined();
      await expect(scanPickle(b)).resolves.toBeDefined();
    }
  });

  it('a truncated torch zip or pickle is never reported safe', async () => {
    for (const f of ['torch-benign.pt', 'torch-legacy-benign.pt', 'joblib-benign.joblib', 'joblib-benign-bz2.joblib', 'joblib-benign-xz.joblib', 'joblib-benign-lzma.joblib']) {
      const data = fixture('serialization', f);
      const cut = f === 'torch-benign.pt' ? data.subarray(0, 200) : data.subarray(0, Math.floor(data.length / 3));
      const s = await scanSerialized(memoryFile(`x/${f}`, cut));
      expect(s.verdict, f).toBe('scan-error');
    }
  });
});
