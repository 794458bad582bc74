import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGguf } from '../../src/parsers/gguf.js';
import { FACTS, FIXTURES, detectOne, fixture, p } from './helpers.js';

// EXPECTED.tsv was produced by llama.cpp's gguf-py, not by aibom
const rows = readFileSync(join(FIXTURES, 'gguf', 'EXPECTED.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const cols = line.split('\t');
  const meta: Record<string, string> = {};
  for (const part of cols[6].split('; ')) {
    const eq = part.indexOf('=');
    meta[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return { file: cols[0], meta };
});

describe('readGguf on real llama.cpp files', () => {
  it.each(rows)('$file matches gguf-py', async ({ file, meta }) => {
    const g = await readGguf(fixture(`gguf/${file}`));
    expect(g.warnings).toEqual([]);
    expect(g.version).toBe(Number(meta.gguf_version));
    expect(g.kvCount).toBe(Number(meta.kv_count));
    expect(Object.keys(g.kv)).toHaveLength(Number(meta.kv_count));
    expect(g.tensorCount).toBe(Number(meta.tensor_count));
    expect(g.architecture).toBe(meta.architecture);
    expect(g.name).toBe(meta.name);
    expect(g.kv['tokenizer.ggml.model']).toBe(meta.tokenizer_model);
    expect(g.alignment).toBe(Number(meta.alignment));
    expect(g.fileType).toBe(meta.file_type === 'None' ? undefined : Number(meta.file_type));
    const tokens = g.kv['tokenizer.ggml.tokens'] as { length: number };
    expect(tokens.length).toBe(Number(meta.vocab_size));
    if (meta.chat_template_len === '0') expect(g.chatTemplate).toBeUndefined();
    else {
      expect(g.chatTemplate?.length).toBe(Number(meta.chat_template_len));
      expect(createHash('sha256').update(g.chatTemplate ?? '').digest('hex')).toBe(meta.chat_template_sha256);
    }
  });

  it('phi-3 becomes a gguf model asset with a chat template and F16 file type', async () => {
    const a = await detectOne('gguf/ggml-vocab-phi-3.gguf');
    expect(a.format).toBe('gguf');
    expect(p(a, 'architecture')).toBe('phi3');
    expect(p(a, 'name')).toBe('Phi3');
    expect(p(a, 'quantization')).toBe('F16');
    expect(p(a, 'chat-template')).toBe('present');
    expect(p(a, 'tensors')).toBe('0');
    expect(a.card?.architectureFamily).toBe('phi3');
    expect(a.warnings).toBeUndefined();
  });
});

describe('readGguf on generated files', () => {
  const f = FACTS['tiny.gguf'];
  it('reads metadata, tensor infos and parameters', async () => {
    const g = await readGguf(fixture('models/tiny.gguf'));
    expect(g.warnings).toEqual([]);
    expect(g.version).toBe(f.version);
    expect(g.kvCount).toBe(f.kv_count);
    expect(g.tensorCount).toBe(f.tensor_count);
    expect(g.parameters).toBe(f.parameters);
    expect(g.architecture).toBe(f.architecture);
    expect(g.license).toBe(f.license);
    expect(g.fileType).toBe(f.file_type);
    expect(g.contextLength).toBe(f.context_length);
    expect(g.chatTemplate).toBe(f.chat_template);
    expect(g.kv['tokenizer.ggml.tokens']).toEqual(['a', 'b', 'c']);
  });
  it('detector maps quantization, license and tensor types', async () => {
    const a = await detectOne('models/tiny.gguf');
    expect(p(a, 'quantization')).toBe('Q4_K_M');
    expect(p(a, 'parameters')).toBe(String(f.parameters));
    expect(p(a, 'context-length')).toBe('2048');
    expect(p(a, 'dtypes')).toEqual(['F32', 'Q4_K']);
    expect(a.licenses).toEqual([{ spdx: 'Apache-2.0', source: 'GGUF general.license' }]);
  });
  it.each(['tiny-v1.gguf', 'tiny-v2.gguf'])('reads %s', async (name) => {
    const v = FACTS[name];
    const g = await readGguf(fixture(`models/${name}`));
    expect(g.warnings).toEqual([]);
    expect(g).toMatchObject({ version: v.version, kvCount: v.kv_count, tensorCount: v.tensor_count, parameters: v.parameters, architecture: v.architecture });
  });
  it('counts far beyond the file size are a warning, not a crash', async () => {
    const g = await readGguf(fixture('models/huge-counts.gguf'));
    expect(g.tensorCount).toBe(2 ** 40);
    expect(g.warnings.join(' ')).toMatch(/kv count 1099511627776 is far beyond/);
    const a = await detectOne('models/huge-counts.gguf');
    expect(a.format).toBe('gguf');
    expect(a.warnings?.length).toBeGreaterThan(0);
  });
  it('a truncated file is a warning', async () => {
    const g = await readGguf(fixture('models/truncated.gguf'));
    expect(g.warnings.join(' ')).toMatch(/truncated|malformed/);
  });
  it('a source claiming a huge size reads only the header', async () => {
    const data = readFileSync(join(FIXTURES, 'models', 'tiny.gguf'));
    let bytesRead = 0;
    const src = { size: 2 ** 42, range: async (s: number, e: number) => { const b = data.subarray(s, Math.min(e, data.length)); bytesRead += b.length; return b; } };
    const g = await readGguf(src);
    expect(g.parameters).toBe(f.parameters);
    expect(bytesRead).toBeLessThanOrEqual(data.length);
  });
  it('a non-GGUF source is a warning', async () => {
    const g = await readGguf({ size: 4, range: async () => Buffer.from('abcd') });
    expect(g.warnings).toEqual(['not a GGUF file (magic "GGUF" missing)']);
  });
});
