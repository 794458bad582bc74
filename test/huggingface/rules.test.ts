// Rule data (detectors/huggingface/*.yaml, detectors/datasets/listing-rule.yaml) against the
// must-match / must-not-match cases written next to it.
import { describe, expect, it } from 'vitest';
import parseSpdx from 'spdx-expression-parse';
import { loadRuleYaml, fileKindOf, hfLicenseSpdx } from '../../detectors/huggingface/rules.js';
import { configQualifies } from '../../detectors/huggingface/folder-classify.js';
import { cardLicenses } from '../../detectors/huggingface/card-licenses.js';
import { listedByPathOrSize } from '../../detectors/datasets/listing-rule.js';
import { parseHfConfig } from '../../src/parsers/hf-config.js';
import { parseCard } from '../../src/parsers/hf-card.js';
import { isRecord } from '../../src/parsers/hf-card-values.js';

function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

describe('file-kinds.yaml', () => {
  const cases = records(loadRuleYaml('huggingface', 'file-kinds.yaml').cases);
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(6));
  for (const c of cases) {
    it(`${String(c.name)} -> ${String(c.kind)}`, () => {
      const k = fileKindOf(String(c.name));
      if (c.kind === 'none') expect(k).toBeUndefined();
      else {
        expect(k?.kind).toBe(c.kind);
        expect(k?.format).toBe(c.format);
        if (c.folderMember !== undefined) expect(k?.folderMember).toBe(c.folderMember);
      }
    });
  }
});

describe('config-rules.yaml', () => {
  const cases = loadRuleYaml('huggingface', 'config-rules.yaml').cases;
  const group = isRecord(cases) ? cases : {};
  for (const [list, expected] of [['match', true], ['noMatch', false]] as const) {
    const entries = records(group[list]);
    it(`${list} has cases`, () => expect(entries.length).toBeGreaterThanOrEqual(4));
    for (const c of entries) {
      it(`${list}: ${JSON.stringify(c.config)}`, () => {
        const parsed = parseHfConfig(JSON.stringify(c.config));
        expect(parsed.ok).toBe(true);
        expect(parsed.ok && configQualifies(parsed.value, c.weights === true)).toBe(expected);
      });
    }
  }
});

describe('licenses.yaml', () => {
  const data = loadRuleYaml('huggingface', 'licenses.yaml');
  it('maps only to valid SPDX ids', () => {
    const table = isRecord(data.spdx) ? data.spdx : {};
    expect(Object.keys(table).length).toBeGreaterThan(40);
    for (const id of Object.values(table)) expect(() => parseSpdx(String(id))).not.toThrow();
  });
  for (const c of records(data.cases)) {
    it(`card license ${String(c.card)}`, () => {
      const yaml = [`license: ${String(c.card)}`];
      if (c.licenseName) yaml.push(`license_name: ${String(c.licenseName)}`);
      if (c.licenseLink) yaml.push(`license_link: ${String(c.licenseLink)}`);
      const card = parseCard(`---\n${yaml.join('\n')}\n---\n`);
      const refs = cardLicenses(card?.ok ? card.card : undefined);
      expect(refs).toHaveLength(1);
      expect(refs[0].spdx).toBe(c.spdx);
      expect(refs[0].name).toBe(c.name);
      expect(refs[0].url).toBe(c.url);
    });
  }
  it('is case-insensitive on hub ids', () => {
    expect(hfLicenseSpdx('CC-BY-NC-4.0')).toBe('CC-BY-NC-4.0');
    expect(hfLicenseSpdx('llama2')).toBeUndefined();
  });
});

describe('datasets listing-rule.yaml', () => {
  const cases = loadRuleYaml('datasets', 'listing-rule.yaml').cases;
  const group = isRecord(cases) ? cases : {};
  for (const [list, expected] of [['list', true], ['skip', false]] as const) {
    for (const c of records(group[list])) {
      it(`${list}: ${String(c.path)}`, () => {
        const file = { path: String(c.path), size: Number(c.size), ...(c.dependency ? { dependency: { dir: 'node_modules/lib' } } : {}) };
        expect(listedByPathOrSize(file)).toBe(expected);
      });
    }
  }
});
