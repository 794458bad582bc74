import { describe, expect, it } from 'vitest';
import { memoryFile } from '../../src/detect/memory-file.js';
import { modelDetectors, ruleWants } from '../../detectors/models/index.js';
import { modelTables } from '../../detectors/models/rules.js';
import { sniff } from '../../src/parsers/magic.js';
import { ctx, detectModels, detectOne, fixture } from './helpers.js';

const ref = (path: string) => {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return { name, ext: dot > 0 ? name.slice(dot).toLowerCase() : '' };
};

describe('model detector rules', () => {
  const rules = modelTables().rules;
  it.each(rules.map((r) => [r.id, r] as const))('%s: must-match and must-not-match cases', (_id, rule) => {
    expect(rule.cases.match.length).toBeGreaterThan(0);
    expect(rule.cases.noMatch.length).toBeGreaterThan(0);
    for (const m of rule.cases.match) expect(ruleWants(rule, ref(m)), m).toBe(true);
    for (const m of rule.cases.noMatch) expect(ruleWants(rule, ref(m)), m).toBe(false);
  });
  it('no two detectors claim the same extension or name', () => {
    const seen = new Map<string, string>();
    for (const r of rules) for (const e of [...r.strong, ...r.weak, ...r.names]) {
      expect(seen.get(e), `${e} claimed by ${seen.get(e)} and ${r.id}`).toBeUndefined();
      seen.set(e, r.id);
    }
  });
  it('every detector is a model detector that scans dependencies', () => {
    expect(modelDetectors.map((d) => d.id)).toContain('model/gguf');
    for (const d of modelDetectors) expect(d).toMatchObject({ group: 'model', scansDependencies: true });
  });
});

describe('content decides, the extension hints', () => {
  it('a safetensors file named .pt is safetensors', async () => {
    const a = await detectOne('models/tiny.safetensors', {}, 'weights/model.pt');
    expect(a.format).toBe('safetensors');
    expect(a.key).toBe('file:weights/model.pt');
  });
  it('a GGUF named .bin is gguf', async () => {
    expect((await detectOne('models/tiny.gguf', {}, 'ggml-model-q4.bin')).format).toBe('gguf');
  });
  it('a PNG named .pt is listed as unknown with a warning', async () => {
    const a = await detectOne('models/image.pt');
    expect(a.format).toBe('unknown');
    expect(a.warnings).toEqual(['content is a PNG image, not a .pt model']);
  });
  it('a PNG or text named .bin (weak extension) is not a model', async () => {
    expect(await detectModels(fixture('models/image.pt', {}, 'logo.bin'))).toEqual([]);
    expect(await detectModels(memoryFile('vocab.bin', 'hello world\n'))).toEqual([]);
  });
  it('a Git LFS pointer is left to the LFS detector', async () => {
    expect(await detectModels(fixture('models/pointer.bin'))).toEqual([]);
    expect(await detectModels(fixture('models/pointer.bin', {}, 'model.safetensors'))).toEqual([]);
  });
  it('garbage, empty and unknown files are listed, strong extensions with a warning', async () => {
    const g = await detectOne('models/garbage.pt');
    expect(g.format).toBe('unknown');
    expect(g.warnings?.length).toBe(1);
    expect((await detectOne('models/empty.pth')).warnings).toEqual(['empty file with a .pth extension']);
    const u = await detectOne('models/weights.ckpt');
    expect(u.format).toBe('unknown');
  });
  it('records the owning dependency', async () => {
    const a = await detectOne('models/tiny.onnx', { dependency: { dir: 'node_modules/pkg', owner: 'pkg@1.2.3' } }, 'node_modules/pkg/m.onnx');
    expect(a.properties?.['aibom:dependency:owner']).toBe('pkg@1.2.3');
  });
  it('I/O errors become a warning on an unknown asset', async () => {
    const f = memoryFile('x.gguf', 'GGUF');
    const broken = { ...f, head: async () => { throw new Error('EACCES: permission denied'); } };
    const d = modelDetectors.find((x) => x.id === 'model/gguf');
    const r = await d?.detect(broken, ctx);
    expect(r?.assets?.[0]).toMatchObject({ format: 'unknown', warnings: ['unreadable: EACCES: permission denied'] });
  });
  it('sniff recognises the magic numbers', () => {
    expect(sniff(Buffer.from('GGUF\x03\0\0\0', 'latin1'), 8).kind).toBe('gguf');
    expect(sniff(Buffer.from('\x93NUMPY\x01\0', 'latin1'), 8).kind).toBe('numpy');
    expect(sniff(Buffer.from('\x89HDF\r\n\x1a\n', 'latin1'), 8).kind).toBe('hdf5');
    expect(sniff(Buffer.from('\x1c\0\0\0TFL3', 'latin1'), 8).kind).toBe('tflite');
    expect(sniff(Buffer.from('\x80\x04\x95', 'latin1'), 3)).toEqual({ kind: 'pickle', detail: '4' });
    expect(sniff(Buffer.from('x\x9c', 'latin1'), 2)).toEqual({ kind: 'compressed', detail: 'zlib' });
    expect(sniff(Buffer.from('version https://git-lfs.github.com/spec/v1\n'), 44).kind).toBe('lfs-pointer');
    expect(sniff(Buffer.alloc(0), 0).kind).toBe('empty');
  });
});
