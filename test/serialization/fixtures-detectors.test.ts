// The serialization detectors on fixtures made with real tools (scripts/fixtures/gen-serialization.py).
import { describe, expect, it } from 'vitest';
import type { DetectContext, Detector } from '../../src/detect/types.js';
import type { ModelAsset } from '../../src/inventory/types.js';
import { serializationDetectors } from '../../detectors/serialization/index.js';
import { fixture, fixtureFile } from './helpers.js';
import { memoryFile } from '../../src/detect/memory-file.js';

const ctx: DetectContext = { signal: new AbortController().signal, options: { allDependencies: false } };
const byId = (id: string): Detector => {
  const d = serializationDetectors.find((x) => x.id === id);
  if (!d) throw new Error(id);
  return d;
};

async function run(id: string, rel: string, display = `models/${rel.split('/').pop() ?? rel}`, siblings: Record<string, Buffer | string> = {}) {
  const d = byId(id);
  const file = fixtureFile(`serialization/${rel}`, display, siblings);
  expect(d.wants(file)).toBe(true);
  const r = await d.detect(file, ctx);
  const asset = r.assets?.[0] as ModelAsset | undefined;
  return { findings: r.findings ?? [], asset, verdict: asset?.properties?.['aibom:serialization:verdict'] };
}

describe('pickle detector on real torch / numpy / joblib files', () => {
  const cases: [string, string, string, string[]][] = [
    ['torch-malicious.pt', 'dangerous', 'pytorch', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['torch-benign.pt', 'safe', 'pytorch', []],
    ['torch-legacy-malicious.pt', 'dangerous', 'pytorch', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['torch-legacy-benign.pt', 'safe', 'pytorch', []],
    ['torchscript-benign.pt', 'safe', 'torchscript', []],
    ['torchscript-custom-op.pt', 'suspicious', 'torchscript', ['AIBOM-TORCHSCRIPT-CUSTOM-OP']],
    ['object-payload.npy', 'dangerous', 'numpy', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['object-payload.npz', 'dangerous', 'numpy', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['int-array.npy', 'safe', 'numpy', []],
    ['joblib-raw.joblib', 'dangerous', 'joblib', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['joblib-zlib.joblib', 'dangerous', 'joblib', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['joblib-gzip.joblib', 'dangerous', 'joblib', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['joblib-benign.joblib', 'safe', 'joblib', []],
    // bz2 (unbzip2-stream), xz (xz-decompress, WebAssembly) and legacy .lzma (our LZMA1 decoder), as streams
    ['joblib-bz2.joblib', 'dangerous', 'joblib', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['joblib-xz.joblib', 'dangerous', 'joblib', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['joblib-lzma.joblib', 'dangerous', 'joblib', ['AIBOM-PICKLE-DANGEROUS-GLOBAL']],
    ['joblib-benign-bz2.joblib', 'safe', 'joblib', []],
    ['joblib-benign-xz.joblib', 'safe', 'joblib', []],
    ['joblib-benign-lzma.joblib', 'safe', 'joblib', []],
  ];
  for (const [name, verdict, format, rules] of cases) {
    it(`${name}: ${verdict}`, async () => {
      const r = await run('serialization/pickle', name);
      expect(r.verdict).toBe(verdict);
      expect(r.asset?.format).toBe(format);
      expect(r.asset?.partial).toBe(true);
      if (!rules.includes('AIBOM-PICKLE-SCAN-ERROR') && format !== 'numpy') expect(r.asset?.properties?.['aibom:serialization:format']).toBe('pickle');
      expect(r.asset?.properties?.['aibom:serialization:container']).toBe(format);
      expect(r.asset?.key).toBe(`file:models/${name}`);
      expect(r.findings.map((f) => f.ruleId).sort()).toEqual(rules);
      for (const f of r.findings) {
        expect(f.subject).toBe(`file:models/${name}`);
        expect(f.category).toBe('serialization');
        expect(f.recommendation).toBeTruthy();
      }
      if (rules.includes('AIBOM-PICKLE-DANGEROUS-GLOBAL')) expect(r.findings[0].message).toContain('posix.system');
    });
  }

  it('decides by magic bytes: a PNG named .pt is not a pickle', async () => {
    const d = byId('serialization/pickle');
    const r = await d.detect(memoryFile('m/fake.pt', fixture('picklescan/data/bad_pytorch.pt')), ctx);
    expect(r.assets ?? []).toEqual([]);
    const r2 = await d.detect(memoryFile('m/weights.dat', fixture('serialization/torch-malicious.pt')), ctx);
    expect(r2.findings?.[0]?.ruleId).toBe('AIBOM-PICKLE-DANGEROUS-GLOBAL');
  });

  it('names the member and the global in the message', async () => {
    const r = await run('serialization/pickle', 'torch-malicious.pt');
    expect(r.findings[0].message).toMatch(/posix\.system \[torch-malicious\/data\.pkl\]/);
    expect(r.findings[0].severity).toBe('critical');
  });
});

describe('keras', () => {
  it('flags a Lambda layer in an .h5 model_config', async () => {
    const r = await run('serialization/keras', 'keras-lambda.h5');
    expect(r.findings.map((f) => f.ruleId)).toEqual(['AIBOM-KERAS-LAMBDA']);
    expect(r.verdict).toBe('dangerous');
  });
  it('flags Lambda and a foreign module in a .keras config.json', async () => {
    const r = await run('serialization/keras', 'keras-lambda.keras');
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['AIBOM-KERAS-FOREIGN-MODULE', 'AIBOM-KERAS-LAMBDA']);
    expect(r.findings.find((f) => f.ruleId === 'AIBOM-KERAS-FOREIGN-MODULE')?.message).toContain('evilpkg.layers');
  });
  it('passes a plain .keras model', async () => {
    const r = await run('serialization/keras', 'keras-benign.keras');
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('safe');
  });
});

describe('chat templates', () => {
  it('flags an SSTI template in GGUF tokenizer.chat_template', async () => {
    const r = await run('serialization/chat-template', 'ssti.gguf');
    expect(r.findings.map((f) => f.ruleId)).toEqual(['AIBOM-TEMPLATE-SSTI']);
    expect(r.findings[0].message).toMatch(/__subclasses__/);
    expect(r.findings[0].message).toMatch(/global cycler/);
    expect(r.verdict).toBe('dangerous');
  });
  it('passes an ordinary GGUF template', async () => {
    const r = await run('serialization/chat-template', 'benign-template.gguf');
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('safe');
  });
  it('reads tokenizer_config.json chat_template', async () => {
    const r = await run('serialization/chat-template', 'remote-code-model/tokenizer_config.json', 'm/tokenizer_config.json');
    expect(r.findings.map((f) => f.ruleId)).toEqual(['AIBOM-TEMPLATE-SSTI']);
  });
});

describe('TF SavedModel', () => {
  it('flags ReadFile in the graph and WriteFile in a function', async () => {
    const r = await run('serialization/tf-savedmodel', 'savedmodel/saved_model.pb', 'm/saved_model.pb');
    expect(r.findings.map((f) => f.message.replace(/^.*graph uses /, '')).sort()).toEqual(['ReadFile (1 node(s))', 'WriteFile (1 node(s))']);
    expect(r.verdict).toBe('dangerous');
  });
});

describe('ONNX external data', () => {
  it('flags a location that leaves the model folder', async () => {
    const r = await run('serialization/onnx-external-data', 'onnx-traversal.onnx');
    expect(r.findings.map((f) => f.ruleId)).toEqual(['AIBOM-ONNX-EXTERNAL-DATA-ESCAPE']);
    expect(r.findings[0].message).toContain('../../../etc/passwd');
  });
});

describe('remote code', () => {
  it('flags auto_map, with cross-repository refs as high', async () => {
    const r = await run('serialization/remote-code', 'remote-code-model/config.json', 'm/config.json');
    const ids = r.findings.map((f) => `${f.ruleId}:${f.severity}`).sort();
    expect(ids).toEqual(['AIBOM-REMOTE-CODE-AUTOMAP:medium', 'AIBOM-REMOTE-CODE-CROSS-REPO:high']);
    expect(r.findings.find((f) => f.ruleId === 'AIBOM-REMOTE-CODE-CROSS-REPO')?.message).toContain('attacker/other-repo');
  });
  it('flags a .py file only in a model folder', async () => {
    const d = byId('serialization/remote-code');
    const py = fixture('serialization/remote-code-model/modeling_evil.py');
    const inModel = await d.detect(memoryFile('m/modeling_evil.py', py, { siblings: { 'config.json': '{}', 'model.safetensors': '' } }), ctx);
    expect(inModel.findings?.map((f) => f.ruleId)).toEqual(['AIBOM-MODEL-PYTHON-FILE']);
    const plain = await d.detect(memoryFile('src/app.py', py, { siblings: { 'README.md': '' } }), ctx);
    expect(plain.findings ?? []).toEqual([]);
  });
});

describe('tensor storages are never read', () => {
  it('reads the central directory and pickle members only', async () => {
    const { listZip } = await import('../../src/parsers/zip.js');
    const { scanSerialized } = await import('../../detectors/serialization/pickle-scan.js');
    const data = fixture('serialization/torch-benign.pt');
    const base = memoryFile('m/torch-benign.pt', data);
    const reads: [number, number][] = [];
    const counting = { ...base, range: async (s: number, e: number) => (reads.push([s, e]), base.range(s, e)) };
    const { entries } = await listZip({ size: data.length, read: base.range });
    const storages = entries.filter((e) => /\/data\/\d+$/.test(e.name));
    expect(storages.length).toBeGreaterThan(0);
    const scan = await scanSerialized(counting);
    expect(scan.verdict).toBe('safe');
    for (const st of storages) {
      const h = data.subarray(st.localHeaderOffset, st.localHeaderOffset + 30);
      const start = st.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
      const end = start + st.compressedSize;
      expect(end).toBeGreaterThan(start);
      // the one read of the file's tail (end-of-central-directory search, 64 KiB) is the only exception
      const tail = Math.max(0, data.length - 65_557);
      expect(reads.some(([s, e]) => s < end && e > start && !(s === tail && e === data.length)), `${st.name} data read`).toBe(false);
    }
  });
});
