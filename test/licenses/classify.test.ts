// License classification: the cases in advisories/license-rules.yml (must match / must not match),
// every entry of advisories/licenses.yml, and full coverage of the Hugging Face license id list.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LicenseRef } from '../../src/inventory/types.js';
import { classifyLicense, licenseRestrictions } from '../../src/licenses/classify.js';
import { licenseData, LICENSE_CATEGORIES } from '../../src/licenses/table.js';

interface Case {
  input: LicenseRef;
  category?: string;
  name?: string;
  spdx?: string;
}

describe('license rule cases (advisories/license-rules.yml)', () => {
  const { match, notMatch } = licenseData().cases as { match: Case[]; notMatch: Case[] };
  it('has cases of both kinds', () => {
    expect(match.length).toBeGreaterThan(10);
    expect(notMatch.length).toBeGreaterThan(3);
  });
  for (const c of match) {
    it(`must match: ${JSON.stringify(c.input)}`, () => {
      const out = classifyLicense(c.input);
      if (c.category) expect(out.category).toBe(c.category);
      if (c.name) expect(out.name).toBe(c.name);
      if (c.spdx) expect(out.spdx).toBe(c.spdx);
    });
  }
  for (const c of notMatch) {
    it(`must not match: ${JSON.stringify(c.input)}`, () => {
      const out = classifyLicense(c.input);
      if (c.category) expect(out.category).not.toBe(c.category);
      if (c.name) expect(out.name).not.toBe(c.name);
    });
  }
});

describe('license table (advisories/licenses.yml)', () => {
  const data = licenseData();
  it('every entry has a valid category and resolves to itself by id and by name', () => {
    for (const e of data.entries) {
      expect(LICENSE_CATEGORIES, e.id).toContain(e.category);
      expect(classifyLicense({ name: e.id }).category, e.id).toBe(e.category);
      expect(classifyLicense({ name: e.name }).category, e.name).toBe(e.category);
    }
  });
  it('covers every Hugging Face license id', () => {
    const tsv = readFileSync(new URL('../../fixtures/advisories/hf-license-ids.tsv', import.meta.url), 'utf8');
    const ids = tsv
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[0].trim())
      .filter((id) => id && id !== 'other' && !id.startsWith('License identifier'));
    expect(ids.length).toBeGreaterThan(80);
    const known = new Set(data.entries.map((e) => e.id));
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
  });
  it('names the AI licenses outside SPDX with their restrictions', () => {
    const llama = classifyLicense({ name: 'llama3.1', source: 'model card' });
    expect(llama).toMatchObject({ name: 'Llama 3.1 Community License', category: 'restricted-use', source: 'model card' });
    expect(llama.url).toMatch(/^https:\/\/github\.com\/meta-llama\//);
    expect(llama.spdx).toBeUndefined();
    expect(licenseRestrictions(llama)).toMatch(/700M/);
    for (const id of ['llama2', 'llama3', 'llama3.2', 'llama3.3', 'llama4']) expect(licenseRestrictions(classifyLicense({ name: id })), id).toMatch(/700M/);
    expect(classifyLicense({ name: 'bigscience-bloom-rail-1.0' }).category).toBe('restricted-use');
    expect(classifyLicense({ name: 'openrail++' }).category).toBe('restricted-use');
    expect(classifyLicense({ name: 'fair-noncommercial-research-license' }).category).toBe('non-commercial');
  });
  it('HF other + license_name / license_link becomes a named license with its URL', () => {
    expect(classifyLicense({ name: 'mnpl', url: 'https://mistral.ai/licenses/MNPL-0.1.md' })).toMatchObject({
      name: 'Mistral AI Non-Production License (MNPL)',
      url: 'https://mistral.ai/licenses/MNPL-0.1.md',
      category: 'non-commercial',
    });
    expect(classifyLicense({ name: 'acme-model-license', url: 'https://acme.example/LICENSE' })).toEqual({
      name: 'acme-model-license',
      url: 'https://acme.example/LICENSE',
      category: 'unknown',
    });
  });
  it('SPDX ids get the SPDX URL; expressions combine categories; free text aliases resolve', () => {
    expect(classifyLicense({ spdx: 'MIT' })).toMatchObject({ spdx: 'MIT', url: 'https://spdx.org/licenses/MIT.html', category: 'permissive' });
    expect(classifyLicense({ spdx: 'Apache-2.0 AND CC-BY-NC-4.0' }).category).toBe('non-commercial');
    expect(classifyLicense({ spdx: '(MIT OR AGPL-3.0-only) AND LGPL-3.0-only' }).category).toBe('weak-copyleft');
    expect(classifyLicense({ spdx: 'LicenseRef-acme' }).category).toBe('unknown');
    expect(classifyLicense({ name: 'Apache License, Version 2.0' })).toMatchObject({ spdx: 'Apache-2.0', category: 'permissive' });
    expect(classifyLicense({ name: 'MIT License' })).toMatchObject({ spdx: 'MIT' });
    expect(classifyLicense({ name: 'BSD-3-Clause' })).toMatchObject({ spdx: 'BSD-3-Clause', category: 'permissive' });
  });
  it('hostile input never throws', () => {
    for (const s of ['', '   ', '((((', 'MIT AND', 'x'.repeat(100000), '\u0000', 'OR OR OR']) {
      expect(() => classifyLicense({ spdx: s })).not.toThrow();
      expect(() => classifyLicense({ name: s })).not.toThrow();
    }
    expect(classifyLicense({}).category).toBe('unknown');
  });
});
