import { describe, expect, it } from 'vitest';
import { frontMatter, parseCard } from '../../src/parsers/hf-card.js';
import { parseGenerationConfig, parseHfConfig, parseTokenizerConfig } from '../../src/parsers/hf-config.js';
import { isPlainShardName, isShardIndexName, parseShardIndex } from '../../src/parsers/hf-config-shard-index.js';
import { isLfsPointer, parseLfsPointer } from '../../src/parsers/lfs.js';

const OID = 'a'.repeat(64);

describe('hf-card', () => {
  it('finds front matter only at the very start', () => {
    expect(frontMatter('---\nlicense: mit\n---\n# x')).toBe('license: mit');
    expect(frontMatter('\uFEFF---\r\nlicense: mit\r\n---\r\n')).toBe('license: mit');
    expect(frontMatter('# title\n---\nlicense: mit\n---\n')).toBeUndefined();
    expect(frontMatter('---\n---\n')).toBe('');
  });

  it('classifies model, dataset and generic cards and normalises lists', () => {
    const m = parseCard('---\nlicense: apache-2.0\nbase_model: org/base\nlanguage: en\ndatasets: [a/b, a/b, c/d]\npipeline_tag: text-generation\n---\n');
    expect(m).toEqual({
      ok: true,
      card: expect.objectContaining({ kind: 'model', license: ['apache-2.0'], baseModel: ['org/base'], languages: ['en'], datasets: ['a/b', 'c/d'], pipelineTag: 'text-generation' }),
    });
    const d = parseCard('---\nlicense: [mit, cc-by-4.0]\ntask_categories: [text-classification]\nconfigs:\n- config_name: default\n- config_name: extra\n---\n');
    expect(d?.ok && d.card.kind).toBe('dataset');
    expect(d?.ok && d.card.configs).toEqual(['default', 'extra']);
    expect(d?.ok && d.card.license).toEqual(['mit', 'cc-by-4.0']);
    const g = parseCard('---\ntitle: Docs\nlayout: page\n---\n');
    expect(g?.ok && g.card.kind).toBe('generic');
    expect(parseCard('no front matter')).toBeUndefined();
  });

  it('reports bad YAML and non-mapping YAML instead of throwing', () => {
    const bad = parseCard('---\nlicense: [apache-2.0\n---\n');
    expect(bad?.ok).toBe(false);
    expect(bad && !bad.ok && bad.error).toMatch(/^invalid model card YAML/);
    expect(parseCard('---\n- a\n- b\n---\n')).toEqual({ ok: false, error: 'model card YAML is not a mapping' });
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    const r = parseCard(`---\n${lines.join('\n')}\n---\n`);
    expect(r?.ok).toBe(false);
  });
});

describe('hf-config', () => {
  it('reads architectures, model_type, auto_map and _name_or_path', () => {
    const r = parseHfConfig(JSON.stringify({ architectures: ['LlamaForCausalLM', 3], model_type: 'llama', _name_or_path: 'o/n', auto_map: { AutoModel: 'm.C', AutoTokenizer: ['t.A', null] } }));
    expect(r.ok && r.value.architectures).toEqual(['LlamaForCausalLM']);
    expect(r.ok && r.value.modelType).toBe('llama');
    expect(r.ok && r.value.nameOrPath).toBe('o/n');
    expect(r.ok && r.value.autoMap).toEqual(['AutoModel=m.C', 'AutoTokenizer=t.A']);
  });
  it('rejects invalid JSON and non-objects', () => {
    expect(parseHfConfig('{').ok).toBe(false);
    expect(parseHfConfig('[1]')).toEqual({ ok: false, error: 'config.json is not a JSON object' });
  });
  it('reads tokenizer and generation configs', () => {
    expect(parseTokenizerConfig('{"tokenizer_class":"X","chat_template":"{{x}}","model_max_length":1e30}')).toEqual({
      ok: true,
      value: { tokenizerClass: 'X', hasChatTemplate: true, modelMaxLength: undefined },
    });
    expect(parseGenerationConfig('{"top_p":1,"do_sample":true}')).toEqual({ ok: true, value: { keys: ['do_sample', 'top_p'] } });
  });
});

describe('shard index', () => {
  it('names', () => {
    expect(isShardIndexName('model.safetensors.index.json')).toBe(true);
    expect(isShardIndexName('pytorch_model.bin.index.json')).toBe(true);
    expect(isShardIndexName('index.json')).toBe(false);
    expect(isPlainShardName('a.safetensors')).toBe(true);
    expect(isPlainShardName('../a.safetensors')).toBe(false);
    expect(isPlainShardName('/etc/passwd')).toBe(false);
  });
  it('collects distinct shards and the total size', () => {
    expect(parseShardIndex('{"metadata":{"total_size":"10"},"weight_map":{"x":"b","y":"a","z":"b"}}')).toEqual({
      ok: true,
      value: { shards: ['a', 'b'], tensorCount: 3, totalSize: 10 },
    });
    expect(parseShardIndex('{"weight_map":{}}').ok).toBe(false);
    expect(parseShardIndex('{"weight_map":{"x":5}}').ok).toBe(false);
    expect(parseShardIndex('{"metadata":{}}').ok).toBe(false);
  });
});

describe('lfs', () => {
  const good = `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`;
  it('parses a pointer', () => {
    expect(isLfsPointer(Buffer.from(good))).toBe(true);
    expect(parseLfsPointer(Buffer.from(good))).toEqual({ ok: true, pointer: { version: 'https://git-lfs.github.com/spec/v1', sha256: OID, size: 12345 } });
  });
  it('rejects malformed pointers with a reason', () => {
    expect(isLfsPointer(Buffer.from('PK\u0003\u0004'))).toBe(false);
    const cases: [string, RegExp][] = [
      [`version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 1\n`, /oid/],
      [`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize -1\n`, /size/],
      [`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\n`, /size/],
      [`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 1\nsize 2\n`, /duplicate/],
      [`version https://git-lfs.github.com/spec/v1\n\u0000\u0001binary`, /malformed/],
      [`oid sha256:${OID}\nversion https://git-lfs.github.com/spec/v1\nsize 1\n`, /version/],
    ];
    for (const [text, err] of cases) {
      const r = parseLfsPointer(Buffer.from(text));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(err);
    }
    expect(parseLfsPointer(Buffer.alloc(2000, 0x61)).ok).toBe(false);
  });
});
