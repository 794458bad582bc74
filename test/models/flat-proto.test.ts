import { describe, expect, it } from 'vitest';
import { readTflite } from '../../src/parsers/tflite.js';
import { readCoreml } from '../../src/parsers/coreml.js';
import { readSavedModel } from '../../src/parsers/tf.js';
import { FACTS, detectOne, fixture, p } from './helpers.js';

describe('TFLite', () => {
  const f = FACTS['tiny.tflite'];
  it('reads version, description and counts from the flatbuffer', async () => {
    const t = await readTflite(fixture('models/tiny.tflite'));
    expect(t.warnings).toEqual([]);
    expect(t).toMatchObject({ version: f.version, description: f.description, subgraphs: f.subgraphs, operatorCodes: f.operator_codes, operators: f.operators });
    const a = await detectOne('models/tiny.tflite');
    expect(a.format).toBe('tflite');
    expect(p(a, 'format-version')).toBe('3');
  });
  it('offsets outside the file are a warning', async () => {
    const buf = Buffer.from(await fixture('models/tiny.tflite').head(1 << 16));
    buf.writeUInt32LE(0x7fffffff, 0);
    const t = await readTflite({ size: buf.length, range: async (s, e) => buf.subarray(s, e) });
    expect(t.warnings[0]).toMatch(/outside/);
  });
});

describe('CoreML', () => {
  const f = FACTS['tiny.mlmodel'];
  it('reads spec version, model type and metadata', async () => {
    const c = await readCoreml(fixture('models/tiny.mlmodel'));
    expect(c.warnings).toEqual([]);
    expect(c.specificationVersion).toBe(f.specification_version);
    expect(c).toMatchObject({ inputs: f.inputs, outputs: f.outputs, author: f.author, license: f.license, version: f.version });
    expect(c.userDefined).toEqual({ 'com.example.k': 'v' });
    const a = await detectOne('models/tiny.mlmodel', {}, 'App.mlpackage/Data/com.apple.CoreML/model.mlmodel');
    expect(a.format).toBe('coreml');
    expect(p(a, 'architecture')).toBe(f.model_type);
    expect(p(a, 'container')).toBe('App.mlpackage');
    expect(a.licenses).toEqual([{ spdx: 'MIT', source: 'CoreML metadata license' }]);
  });
});

describe('TF SavedModel', () => {
  const f = FACTS['saved_model/saved_model.pb'];
  it('reads tags, TF version, signatures and graph nodes', async () => {
    const s = await readSavedModel(fixture('models/saved_model/saved_model.pb'));
    expect(s.warnings).toEqual([]);
    expect(s).toMatchObject({ schemaVersion: f.schema_version, tags: f.tags, tensorflowVersion: f.tensorflow_version, signatures: f.signatures, nodeCount: f.nodes, opTypes: f.op_types });
    const a = await detectOne('models/saved_model/saved_model.pb', { siblings: { variables: Buffer.alloc(0) } });
    expect(a.format).toBe('tf-savedmodel');
    expect(p(a, 'tags')).toEqual(['serve']);
    expect(p(a, 'framework-version')).toBe('tensorflow 2.11.0');
    expect(p(a, 'variables')).toBe('present');
  });
  it('a truncated saved_model.pb is a warning', async () => {
    const buf = Buffer.from(await fixture('models/saved_model/saved_model.pb').head(30));
    const s = await readSavedModel({ size: buf.length, range: async (st, e) => buf.subarray(st, e) });
    expect(s.warnings.join(' ')).toMatch(/truncated|malformed/);
  });
});
