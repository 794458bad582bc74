import { describe, expect, it } from 'vitest';
import { readSafetensors } from '../../src/parsers/safetensors.js';
import { readOnnx } from '../../src/parsers/onnx.js';
import { FACTS, detectOne, fixture, p } from './helpers.js';

describe('safetensors', () => {
  const f = FACTS['tiny.safetensors'];
  it('reads tensors, dtypes, parameters and __metadata__', async () => {
    const st = await readSafetensors(fixture('models/tiny.safetensors'));
    expect(st.warnings).toEqual([]);
    expect(st.tensorCount).toBe(f.tensors);
    expect(st.parameters).toBe(f.parameters);
    expect(st.dtypes).toEqual(f.dtypes);
    expect(st.metadata).toEqual(f.metadata);
  });
  it('becomes a model asset with aibom:model properties', async () => {
    const a = await detectOne('models/tiny.safetensors');
    expect(a).toMatchObject({ key: 'file:models/tiny.safetensors', kind: 'model', format: 'safetensors', present: true, name: 'tiny.safetensors' });
    expect(a.locations).toEqual([{ path: 'models/tiny.safetensors' }]);
    expect(p(a, 'parameters')).toBe('17');
    expect(p(a, 'tensors')).toBe('3');
    expect(p(a, 'dtypes')).toEqual(['F16', 'F32', 'I64']);
    expect(p(a, 'metadata:format')).toBe('pt');
  });
  it('a header length of 2^60 is a warning, not an allocation', async () => {
    const st = await readSafetensors(fixture('models/huge-header.safetensors'));
    expect(st.warnings).toEqual([expect.stringMatching(/header length 1152921504606846976 exceeds/)]);
    const a = await detectOne('models/huge-header.safetensors');
    expect(a.format).toBe('safetensors');
    expect(a.warnings?.[0]).toMatch(/exceeds/);
  });
  it('a header running past the end is a truncation warning', async () => {
    const st = await readSafetensors(fixture('models/truncated.safetensors'));
    expect(st.warnings[0]).toMatch(/runs past the end/);
  });
});

describe('ONNX', () => {
  const f = FACTS['tiny.onnx'];
  it('reads the model and graph facts', async () => {
    const o = await readOnnx(fixture('models/tiny.onnx'));
    expect(o.warnings).toEqual([]);
    expect(o.irVersion).toBe(f.ir_version);
    expect(o.opsets).toEqual(f.opsets);
    expect(o.producerName).toBe(f.producer_name);
    expect(o.producerVersion).toBe(f.producer_version);
    expect(o.graphName).toBe(f.graph_name);
    expect(o.inputs.map((s) => s.split(':')[0])).toEqual(f.inputs);
    expect(o.outputs.map((s) => s.split(':')[0])).toEqual(f.outputs);
    expect(o.inputs[0]).toBe('X: FLOAT[batch,4]');
    expect(o.nodeCount).toBe(f.nodes);
    expect(o.opTypes).toEqual(f.op_types);
    expect(o.initializerCount).toBe(f.initializers);
    expect(o.parameters).toBe(f.parameters);
    expect(o.externalData).toEqual([]);
  });
  it('lists external-data references', async () => {
    const o = await readOnnx(fixture('models/tiny-ext.onnx'));
    expect(o.warnings).toEqual([]);
    expect(o.externalData).toEqual(FACTS['tiny-ext.onnx'].external);
    const a = await detectOne('models/tiny-ext.onnx');
    expect(p(a, 'external-data')).toEqual(['tiny-ext.onnx.data']);
    expect(p(a, 'parameters')).toBe(String(f.parameters));
  });
  it('becomes an onnx model asset', async () => {
    const a = await detectOne('models/tiny.onnx');
    expect(a.format).toBe('onnx');
    expect(p(a, 'opset')).toEqual(['ai.onnx:13']);
    expect(p(a, 'producer')).toBe('aibom-fixture 1.0');
    expect(p(a, 'format-version')).toBe('8');
  });
  it('truncated and garbage files are warnings', async () => {
    const t = await readOnnx(fixture('models/truncated.onnx'));
    expect(t.warnings.join(' ')).toMatch(/truncated|malformed/);
    const g = await detectOne('models/garbage.onnx');
    expect(g.format).toBe('unknown');
    expect(g.warnings?.length).toBeGreaterThan(0);
    const ta = await detectOne('models/truncated.onnx');
    expect(ta.warnings?.length).toBeGreaterThan(0);
  });
  it('skips initializer payloads: a 1 GiB raw_data field is never read', async () => {
    // ModelProto { ir_version: 8, graph { initializer { dims: [268435456], data_type: 1, name: "W", raw_data: <1 GiB> } } }
    const big = 2 ** 30;
    const varint = (n: number): number[] => { const o: number[] = []; while (n > 127) { o.push((n % 128) | 128); n = Math.floor(n / 128); } o.push(n); return o; };
    const tensorHead = [0x08, ...varint(2 ** 28), 0x10, 0x01, 0x42, 0x01, 0x57, 0x4a, ...varint(big)];
    const tensorLen = tensorHead.length + big;
    const graphLen = 1 + varint(tensorLen).length + tensorLen;
    const head = Buffer.from([0x08, 0x08, 0x3a, ...varint(graphLen), 0x2a, ...varint(tensorLen), ...tensorHead]);
    let read = 0;
    const src = { size: head.length + big, range: async (s: number, e: number) => { const b = Buffer.alloc(Math.max(0, Math.min(e, head.length) - s)); head.copy(b, 0, s, Math.min(e, head.length)); read += e - s; return b; } };
    const o = await readOnnx(src);
    expect(o.warnings).toEqual([]);
    expect(o.parameters).toBe(2 ** 28);
    expect(read).toBeLessThan(1 << 20);
  });
});
