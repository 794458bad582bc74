import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePolicy } from '../../src/policy/load.js';
import { evaluatePolicy } from '../../src/policy/evaluate.js';
import { POLICY_SCHEMA } from '../../src/policy/schema.js';
import { sampleInventory } from '../core/sample-inventory.js';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('policy file', () => {
  it('reports invalid keys and values with file, key and line', () => {
    const text = ['version: 1', 'fail-on: severe', 'licenses:', '  deny: [non-commercial]', '  alow: [MIT]', 'suppressions:', '  - rule: X', '    reason: r', '    expires: tomorrow'].join('\n');
    let msg = '';
    try {
      parsePolicy(text, '.aibom.yml');
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain('.aibom.yml:2: fail-on: must be equal to one of the allowed values (critical, high, medium, low, info, none)');
    expect(msg).toContain('.aibom.yml:5: licenses.alow: unknown key "alow"');
    expect(msg).toMatch(/\.aibom\.yml:9: suppressions\.0\.expires: must match pattern/);
  });

  it('reports YAML syntax errors with a line', () => {
    expect(() => parsePolicy('version: 1\nlicenses: [a\n', 'p.yml')).toThrow(/p\.yml:\d: invalid YAML/);
  });

  it('publishes the same JSON Schema it validates with', () => {
    expect(JSON.parse(readFileSync('docs/policy.schema.json', 'utf8'))).toEqual(POLICY_SCHEMA);
  });

  it('accepts the documented example', () => {
    const example = readFileSync('docs/examples/aibom.yml', 'utf8');
    expect(() => parsePolicy(example, 'docs/examples/aibom.yml')).not.toThrow();
  });
});

describe('policy evaluation', () => {
  it('passes an empty policy except for hard-coded keys (forbidden by default)', () => {
    const v = evaluatePolicy(sampleInventory(), {}, NOW);
    expect(v.violations.map((x) => x.rule)).toEqual(['policy/hard-coded-key']);
    expect(evaluatePolicy(sampleInventory(), { secrets: { forbid: false } }, NOW).passed).toBe(true);
  });

  it('fails on severity at or above fail-on', () => {
    const v = evaluatePolicy(sampleInventory(), { 'fail-on': 'high', secrets: { forbid: false } }, NOW);
    expect(v.violations.map((x) => x.ruleId).sort()).toEqual(['AIBOM-PICKLE-DANGEROUS-GLOBAL', 'AIBOM-SECRET-OPENAI', 'GHSA-xxxx-yyyy-zzzz']);
    expect(evaluatePolicy(sampleInventory(), { 'fail-on': 'critical', secrets: { forbid: false } }, NOW).violations).toHaveLength(1);
  });

  it('denies and allows licenses by id or category', () => {
    const inv = sampleInventory();
    inv.assets[0].licenses = [{ spdx: 'MIT', category: 'permissive' }, { name: 'llama3.1', category: 'restricted-use' }];
    const deny = evaluatePolicy(inv, { licenses: { deny: ['restricted-use'] }, secrets: { forbid: false } }, NOW);
    expect(deny.violations).toEqual([expect.objectContaining({ rule: 'policy/license-denied', message: expect.stringContaining('llama3.1 (restricted-use)') })]);
    const allow = evaluatePolicy(inv, { licenses: { allow: ['permissive'] }, secrets: { forbid: false } }, NOW);
    expect(allow.violations.map((x) => x.rule)).toEqual(['policy/license-not-allowed']);
    const unknown = evaluatePolicy(inv, { licenses: { 'fail-on-unknown': true }, secrets: { forbid: false } }, NOW);
    expect(unknown.violations.map((x) => x.path)).toEqual(['data/imdb.parquet']);
  });

  it('forbids formats and requires signatures by glob', () => {
    const inv = sampleInventory();
    const v = evaluatePolicy(inv, { models: { 'forbid-formats': ['huggingface'], 'require-signature': { paths: ['models/**'] } }, secrets: { forbid: false } }, NOW);
    expect(v.violations.map((x) => x.rule).sort()).toEqual(['policy/forbidden-format', 'policy/unsigned-model']);
    (inv.assets[0].properties ??= {})['aibom:provenance:status'] = 'verified';
    const ok = evaluatePolicy(inv, { models: { 'require-signature': { paths: ['models/**'] } }, secrets: { forbid: false } }, NOW);
    expect(ok.passed).toBe(true);
    const elsewhere = evaluatePolicy(sampleInventory(), { models: { 'require-signature': { paths: ['vendor/**'] } }, secrets: { forbid: false } }, NOW);
    expect(elsewhere.passed).toBe(true);
  });

  it('flags providers and endpoints that are not approved', () => {
    const inv = sampleInventory();
    expect(evaluatePolicy(inv, { providers: { allow: ['OpenAI'] }, secrets: { forbid: false } }, NOW).passed).toBe(true);
    const v = evaluatePolicy(inv, { providers: { allow: ['Anthropic'] }, secrets: { forbid: false } }, NOW);
    expect(v.violations[0]).toMatchObject({ rule: 'policy/provider-not-allowed', message: expect.stringContaining('app.py:10') });
    const e = evaluatePolicy(inv, { providers: { 'allow-endpoints': ['https://*.openai.azure.com/**'] }, secrets: { forbid: false } }, NOW);
    expect(e.violations.map((x) => x.rule)).toEqual(['policy/endpoint-not-allowed']);
    const e2 = evaluatePolicy(inv, { providers: { 'allow-endpoints': ['https://api.openai.com/**'] }, secrets: { forbid: false } }, NOW);
    expect(e2.passed).toBe(true);
  });

  it('applies suppressions by rule or id and path, and fails on expired ones', () => {
    const policy = {
      'fail-on': 'high' as const,
      suppressions: [
        { rule: 'AIBOM-PICKLE-DANGEROUS-GLOBAL', path: 'models/**', reason: 'reviewed', expires: '2026-12-31' },
        { id: 'CVE-2023-1234', reason: 'not reachable', expires: '2026-12-31' },
        { rule: 'policy/hard-coded-key', path: 'app.py', reason: 'test key', expires: '2026-01-01' },
      ],
    };
    const v = evaluatePolicy(sampleInventory(), policy, NOW);
    expect(v.suppressed.map((s) => s.finding.ruleId).sort()).toEqual(['AIBOM-PICKLE-DANGEROUS-GLOBAL', 'GHSA-xxxx-yyyy-zzzz']);
    expect(v.violations.map((x) => x.rule).sort()).toEqual(['policy/fail-on', 'policy/hard-coded-key', 'policy/suppression-expired']);
    const later = evaluatePolicy(sampleInventory(), policy, new Date('2027-02-01T00:00:00Z'));
    expect(later.violations.filter((x) => x.rule === 'policy/suppression-expired')).toHaveLength(3);
  });
});
