// Every rule's must-match / must-not-match cases from detectors/serialization/*.yml.
import { describe, expect, it } from 'vitest';
import { inspectTemplate } from '../../src/parsers/chat-template/inspect.js';
import { loadTemplateRules, templatesFromConfig } from '../../detectors/serialization/template-detector.js';
import { loadRules } from '../../detectors/serialization/rules.js';
import { customOps } from '../../detectors/serialization/torchscript.js';
import { kerasConfigRisks } from '../../detectors/serialization/keras-config.js';
import { riskyOps } from '../../detectors/serialization/savedmodel-detector.js';
import { externalDataEscapes } from '../../detectors/serialization/onnx-external.js';
import { autoMapEntries } from '../../detectors/serialization/remote-code.js';

describe('template rules', () => {
  const rules = loadTemplateRules();
  it.each(rules.cases.match)('matches %s', (t) => {
    expect(inspectTemplate(t, rules).constructs.length).toBeGreaterThan(0);
  });
  it.each(rules.cases.noMatch)('does not match %s', (t) => {
    const r = inspectTemplate(t, rules);
    expect(r.parseError).toBeUndefined();
    expect(r.constructs).toEqual([]);
  });
  it('falls back to a text scan when the parser fails', () => {
    const r = inspectTemplate('{% weird_tag %}{{ x.__globals__ }}', rules);
    expect(r.parseError).toBeDefined();
    expect(r.constructs).toEqual([{ kind: 'dunder', detail: '__globals__' }]);
  });
  it('reads named templates from tokenizer_config.json', () => {
    expect(templatesFromConfig('{"chat_template":[{"name":"default","template":"a"},{"name":"tool_use","template":"b"}]}')).toEqual({ default: 'a', tool_use: 'b' });
    expect(templatesFromConfig('not json')).toEqual({});
  });
});

describe('every rule id used is documented in rules.yml', () => {
  it('has metadata for each rule', () => {
    const ids = [...loadRules().rules.keys()];
    expect(ids).toContain('AIBOM-PICKLE-DANGEROUS-GLOBAL');
    for (const id of ids) expect(loadRules().rules.get(id)?.recommendation.length).toBeGreaterThan(10);
  });
});

describe('torchscript custom ops', () => {
  const { torchCases } = loadRules();
  it.each(torchCases.match)('matches %s', (c) => expect(customOps(c).length).toBe(1));
  it.each(torchCases.noMatch)('does not match %s', (c) => expect(customOps(c)).toEqual([]));
});

describe('keras config', () => {
  const { kerasCases } = loadRules();
  it.each(kerasCases.match)('matches %s', (c) => {
    const r = kerasConfigRisks(c);
    expect(r.lambdas.length + r.foreignModules.length).toBeGreaterThan(0);
  });
  it.each(kerasCases.noMatch)('does not match %s', (c) => {
    const r = kerasConfigRisks(c);
    expect(r.lambdas.length + r.foreignModules.length).toBe(0);
  });
  it('reports invalid JSON', () => expect(kerasConfigRisks('{').parseError).toBeDefined());
});

describe('savedmodel ops', () => {
  const { tfCases } = loadRules();
  it('matches and does not match', () => {
    const ops = new Map([...tfCases.match, ...tfCases.noMatch].map((o) => [o, 1]));
    expect(riskyOps(ops)).toEqual([...tfCases.match].sort());
  });
});

describe('onnx external data', () => {
  it('flags absolute, escaping and symlinked locations only', () => {
    const refs = [
      { tensor: 'a', location: 'weights.bin' },
      { tensor: 'b', location: 'sub/../weights.bin' },
      { tensor: 'c', location: '../secret' },
      { tensor: 'd', location: 'sub/../../x' },
      { tensor: 'e', location: '/etc/passwd' },
      { tensor: 'f', location: 'C:\\Windows\\win.ini' },
      { tensor: 'g', location: 'link.bin' },
    ];
    expect(externalDataEscapes(refs, new Set(['link.bin'])).map((e) => `${e.tensor}:${e.reason}`)).toEqual([
      'c:escapes-folder',
      'd:escapes-folder',
      'e:absolute',
      'f:absolute',
      'g:symlink',
    ]);
  });
});

describe('auto_map', () => {
  it('reads strings and [slow, fast] lists, and cross-repo refs', () => {
    const e = autoMapEntries('{"auto_map":{"AutoTokenizer":["tok.Slow",null],"AutoModel":"org/repo--modeling.M"}}');
    expect(e).toEqual([
      { auto: 'AutoModel', ref: 'org/repo--modeling.M', otherRepo: 'org/repo' },
      { auto: 'AutoTokenizer', ref: 'tok.Slow' },
    ]);
    expect(autoMapEntries('{"model_type":"llama"}')).toEqual([]);
  });
});
