// Streaming decompression of joblib's bz2 / xz / lzma streams: output matches what Python wrote, bad
// data becomes an error (never a crash or a hang), output is capped, and the shared xz decoder is
// released when a scan stops early.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DetectContext } from '../../src/detect/types.js';
import type { ModelAsset } from '../../src/inventory/types.js';
import { pickleDetector } from '../../detectors/serialization/pickle-detector.js';
import { decompress, type Codec } from '../../detectors/serialization/decompress.js';
import { LzmaAloneDecoder } from '../../detectors/serialization/lzma-alone.js';
import { scanSerialized } from '../../detectors/serialization/pickle-scan.js';
import { sniffContainer } from '../../detectors/serialization/sniff.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import { fixture } from './helpers.js';

async function* chunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function inflate(codec: Codec, data: Buffer, size = 4096, max = 1 << 30): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of decompress(codec, chunks(data, size), max, 'test')) out.push(c);
  return Buffer.concat(out);
}

function lzmaDecode(data: Buffer, size: number, maxDict?: number): Buffer {
  const d = new LzmaAloneDecoder(maxDict);
  const out: Buffer[] = [];
  let o: Buffer | undefined;
  for (let i = 0; i < data.length; i += size) {
    d.feed(data.subarray(i, i + size));
    while ((o = d.pull()) !== undefined) out.push(o);
  }
  d.finish();
  while ((o = d.pull()) !== undefined) out.push(o);
  if (!d.done) throw new Error('not done');
  return Buffer.concat(out);
}

/** deterministic pseudo-random bytes */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

describe('LZMA alone decoder (written by Python lzma.FORMAT_ALONE)', () => {
  const raw = fixture('serialization', 'lzma-sample.raw');
  for (const v of ['preset6', 'lc0-lp2-pb0', 'lc4-lp0-pb4', 'sized']) {
    it(`${v}: equals Python's input, whatever the chunk size`, () => {
      const data = fixture('serialization', `lzma-sample-${v}.lzma`);
      for (const size of [1, 13, 4096, data.length]) expect(lzmaDecode(data, size).equals(raw), `chunk ${size}`).toBe(true);
    });
  }

  it('reports truncation, trailing data and an oversized dictionary', () => {
    const data = fixture('serialization', 'lzma-sample-preset6.lzma');
    expect(() => lzmaDecode(data.subarray(0, data.length - 5), 4096)).toThrow(/truncated/);
    expect(() => lzmaDecode(data.subarray(0, 10), 4096)).toThrow(/truncated header/);
    expect(() => lzmaDecode(Buffer.concat([data, Buffer.from('tail')]), 4096)).toThrow(/after the end/);
    const big = Buffer.from(data);
    big.writeUInt32LE(0x40000000, 1);
    expect(() => lzmaDecode(big, 4096)).toThrow(/larger than 67108864/);
    expect(() => lzmaDecode(data, 4096, 1 << 16)).toThrow(/refused/);
    const props = Buffer.from(data);
    props[0] = 225;
    expect(() => lzmaDecode(props, 4096)).toThrow(/properties/);
  });

  it('corrupted streams end in an error or a bounded output, never a hang', () => {
    const data = fixture('serialization', 'lzma-sample-preset6.lzma');
    const rnd = lcg(11);
    for (let n = 0; n < 40; n++) {
      const c = Buffer.from(data);
      for (let i = 0; i < 3; i++) c[13 + (rnd() % (c.length - 13))] = rnd() & 0xff;
      let out: Buffer | undefined;
      try {
        out = lzmaDecode(c, 997);
      } catch (e) {
        expect((e as Error).message).toMatch(/^lzma: /);
      }
      if (out) expect(out.length).toBeLessThan(64 << 20);
    }
  });
});

describe('decompress()', () => {
  for (const codec of ['bz2', 'xz', 'lzma'] as const) {
    it(`${codec}: a joblib file decodes to a pickle (PROTO) of the size joblib wrote`, async () => {
      const data = fixture('serialization', `joblib-${codec}.joblib`);
      expect(sniffContainer(data.subarray(0, 512))).toEqual({ kind: codec });
      const out = await inflate(codec, data, 333);
      expect(out[0]).toBe(0x80);
      expect(out.length).toBe(fixture('serialization', 'joblib-raw.joblib').length);
      expect(out.subarray(out.length - 1)[0]).toBe(0x2e); // STOP
    });

    it(`${codec}: output cap (decompression bomb guard)`, async () => {
      await expect(inflate(codec, fixture('serialization', `joblib-${codec}.joblib`), 4096, 1000)).rejects.toThrow(/decompression bomb guard/);
    });

    it(`${codec}: truncated and garbage input are errors naming the codec`, async () => {
      const data = fixture('serialization', `joblib-${codec}.joblib`);
      await expect(inflate(codec, data.subarray(0, data.length - 20))).rejects.toThrow(new RegExp(`^${codec}: truncated`));
      const garbage = Buffer.concat([data.subarray(0, 16), Buffer.alloc(600, 0x41)]);
      await expect(inflate(codec, garbage)).rejects.toThrow(new RegExp(`^${codec}: `));
    });
  }

  it('bz2: concatenated streams are all decoded; a CRC mismatch is corrupt data', async () => {
    const data = fixture('serialization', 'bz2-two-streams.bz2');
    for (const size of [1, 50, data.length]) expect((await inflate('bz2', data, size)).toString('latin1')).toBe(`${'first '.repeat(1000)}second`);
    const bad = Buffer.from(data);
    bad[10] ^= 0x01; // the first block's CRC
    await expect(inflate('bz2', bad)).rejects.toThrow(/^bz2: corrupt data/);
  });

  it('xz: a dictionary over 64 MiB is refused', async () => {
    // xz header of `xz --lzma2=dict=128MiB` on 3 bytes
    const data = fixture('serialization', 'xz-dict-128m.xz');
    await expect(inflate('xz', data)).rejects.toThrow(/dictionary larger than 64 MiB/);
  });
});

describe('compressed joblib through the container scan', () => {
  it('keeps what was found before a truncation: payload reported, plus the scan error', async () => {
    for (const codec of ['bz2', 'xz', 'lzma']) {
      const data = fixture('serialization', `joblib-${codec}.joblib`);
      const s = await scanSerialized(memoryFile(`m/a-${codec}.joblib`, data.subarray(0, data.length - 1)));
      expect(s.verdict, codec).toBe('dangerous');
      expect(s.errors.join(' '), codec).toMatch(new RegExp(`${codec}: truncated`));
      expect(s.parts[0].result.dangerous.map((d) => `${d.module}.${d.name}`)).toContain('posix.system');
    }
  });

  it('releases the shared xz decoder when a scan stops early (later and parallel scans finish)', async () => {
    const ok = fixture('serialization', 'joblib-xz.joblib');
    const cut = ok.subarray(0, 200);
    const results = await Promise.all([
      scanSerialized(memoryFile('m/cut.joblib', cut)),
      scanSerialized(memoryFile('m/a.joblib', ok)),
      scanSerialized(memoryFile('m/b.joblib', ok)),
      scanSerialized(memoryFile('m/cut2.joblib', cut)),
    ]);
    expect(results.map((r) => r.verdict)).toEqual(['scan-error', 'dangerous', 'dangerous', 'scan-error']);
    // a consumer that stops after the first chunk must not leave the decoder locked
    for await (const c of decompress('xz', chunks(ok, 100), 1 << 30, 'early')) {
      expect(c.length).toBeGreaterThan(0);
      break;
    }
    const next = inflate('xz', fixture('serialization', 'joblib-benign-xz.joblib'));
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timed out: decoder still locked'), 3000));
    expect(await Promise.race([next.then((b) => b[0]), timeout])).toBe(0x80);
  }, 20_000);
});

describe('compressed files named by joblib (model.pkl.xz) or not pickles at all', () => {
  const ctx: DetectContext = { signal: new AbortController().signal, options: { allDependencies: false } };
  const detect = async (name: string, data: Buffer) => {
    const file = memoryFile(`m/${name}`, data);
    expect(pickleDetector.wants(file), name).toBe(true);
    return pickleDetector.detect(file, ctx);
  };

  it('scans a pickle compressed under a joblib file name', async () => {
    for (const [name, src] of [['model.pkl.xz', 'joblib-xz'], ['model.joblib.bz2', 'joblib-bz2'], ['model.pkl.lzma', 'joblib-lzma'], ['model.pkl.gz', 'joblib-gzip'], ['model.pkl.z', 'joblib-zlib']]) {
      const r = await detect(name, fixture('serialization', `${src}.joblib`));
      const asset = r.assets?.[0] as ModelAsset | undefined;
      expect(asset?.properties?.['aibom:serialization:verdict'], name).toBe('dangerous');
      expect(r.findings?.map((f) => f.ruleId), name).toEqual(['AIBOM-PICKLE-DANGEROUS-GLOBAL']);
    }
    const r = await detect('model.joblib.bz2', fixture('serialization', 'joblib-bz2.joblib'));
    expect(r.assets?.[0]?.properties?.['aibom:serialization:container']).toBe('joblib');
  });

  it('ignores compressed files that are not pickles (tarballs, logs), even corrupt ones', async () => {
    const tarLike = gzipSync(Buffer.concat([Buffer.from('README.md'), Buffer.alloc(503), Buffer.from('hello\n'.repeat(200))]));
    for (const [name, data] of [
      ['data.tar.gz', tarLike],
      ['notes.txt.gz', gzipSync(Buffer.from('plain text, not a pickle\n'.repeat(50)))],
      ['sample.lzma', fixture('serialization', 'lzma-sample-preset6.lzma')],
      ['big.xz', fixture('serialization', 'xz-dict-128m.xz')],
      ['two.bz2', fixture('serialization', 'bz2-two-streams.bz2')],
      ['cut.tar.gz', tarLike.subarray(0, 20)],
    ] as const) {
      const r = await detect(name, data);
      expect(r.assets ?? [], name).toEqual([]);
      expect(r.findings ?? [], name).toEqual([]);
    }
  });

  it('a pickle-looking stream that breaks later is a scan error, not ignored', async () => {
    const data = fixture('serialization', 'joblib-benign-xz.joblib');
    for (const cut of [30, 150]) {
      const r = await detect('model.pkl.xz', data.subarray(0, data.length - cut));
      expect(r.findings?.map((f) => f.ruleId), `cut ${cut}`).toEqual(['AIBOM-PICKLE-SCAN-ERROR']);
    }
  });
});
