import { describe, expect, it } from 'vitest';
import { toCycloneDxObject } from '../../src/emit/cyclonedx/json.js';
import { diffBoms, toBomView } from '../../src/diff/index.js';
import { renderDiff } from '../../src/diff/render.js';
import { evaluateGate, parseGateKinds } from '../../src/diff/gate.js';
import type { Inventory } from '../../src/inventory/types.js';
import { cycloneDxJsonErrors } from '../helpers/schema.js';
import { baseInventory, bumpedStillVulnerable, prInventory } from './inventories.js';

const NOW = new Date('2026-01-01T00:00:00Z');

function bom(inv: Inventory, spec: '1.6' | '1.7' = '1.6'): Record<string, unknown> {
  const doc = toCycloneDxObject(inv, spec, { now: NOW });
  expect(cycloneDxJsonErrors(doc, spec)).toEqual([]);
  return doc;
}
const view = (inv: Inventory, spec: '1.6' | '1.7' = '1.6') => toBomView(bom(inv, spec), 'test');

describe('diffBoms on a base-branch / pull-request pair', () => {
  const d = diffBoms(view(baseInventory()), view(prInventory()));

  it('reports content changed at the same path as a hash change', () => {
    expect(d.hashChanges).toEqual([
      { path: 'models/classifier.safetensors', ref: 'file:models/classifier.safetensors', name: 'classifier.safetensors',
        type: 'machine-learning-model', oldSha256: 'a'.repeat(64), newSha256: 'd'.repeat(64) },
    ]);
  });

  it('lists models added and removed, not the changed or unchanged ones', () => {
    expect(d.models.added.map((m) => [m.ref, m.format, m.licenses])).toEqual([['file:models/new.pkl', 'pickle', ['CC-BY-NC-4.0']]]);
    expect(d.models.removed.map((m) => m.ref)).toEqual(['file:models/legacy.pt']);
    expect(d.datasets.added).toEqual([]);
    expect(d.datasets.removed).toEqual([]);
  });

  it('pairs a library across a version bump and reports the version change', () => {
    expect(d.libraries.versionChanged).toEqual([
      { ref: 'lib:pkg:pypi/transformers@4.38.0', name: 'transformers', purl: 'pkg:pypi/transformers@4.38.0', oldVersion: '4.30.0', newVersion: '4.38.0' },
    ]);
    expect(d.libraries.added.map((l) => l.name)).toEqual(['langchain']);
    expect(d.libraries.removed).toEqual([]);
  });

  it('reports new providers and endpoints', () => {
    expect(d.services.added.map((s) => [s.ref, s.provider])).toEqual([['service:anthropic', 'Anthropic']]);
    expect(d.services.removed).toEqual([]);
    expect(d.endpoints.added).toEqual([
      { url: 'https://api.anthropic.com/v1/messages', service: 'Anthropic API' },
      { url: 'https://api.openai.com/v1/embeddings', service: 'OpenAI API' },
    ]);
    expect(d.endpoints.removed).toEqual([]);
  });

  it('reports new and resolved vulnerabilities; a finding that only moved lines is neither', () => {
    expect(d.vulnerabilities.added.map((v) => [v.id, v.severity, v.affects])).toEqual([
      ['AIBOM-PICKLE-DANGEROUS-GLOBAL', 'critical', ['new.pkl']],
      ['GHSA-dddd-eeee-ffff', 'critical', ['langchain@0.1.0']],
    ]);
    expect(d.vulnerabilities.resolved.map((v) => [v.id, v.affects])).toEqual([['GHSA-aaaa-bbbb-cccc', ['transformers@4.30.0']]]);
  });

  it('reports license changes and license ids new to the BOM', () => {
    expect(d.licenses.changed.map((c) => [c.ref, c.old, c.new])).toEqual([['folder:models/bert', ['MIT'], ['llama3.1']]]);
    expect(d.licenses.newIds).toEqual(['CC-BY-NC-4.0', 'llama3.1']);
    expect(d.licenses.removedIds).toEqual(['MIT']);
  });

  it('gates on the kinds asked for', () => {
    expect(evaluateGate(d, parseGateKinds(['model'])).reasons).toEqual([{ kind: 'model', count: 1 }]);
    expect(evaluateGate(d, parseGateKinds(['service,endpoints', 'hash-change'])).reasons).toEqual([
      { kind: 'provider', count: 1 }, { kind: 'endpoint', count: 2 }, { kind: 'hash-change', count: 1 },
    ]);
    expect(evaluateGate(d, parseGateKinds(['license'])).reasons).toEqual([{ kind: 'license', count: 2 }]);
    expect(() => parseGateKinds(['models,bogus'])).toThrow(/unknown kind "bogus"/);
  });

  it('renders the hash change first in table and Markdown output', () => {
    const table = renderDiff(d, 'table');
    expect(table.indexOf('possible tampering')).toBeGreaterThan(0);
    expect(table.indexOf('possible tampering')).toBeLessThan(table.indexOf('New vulnerabilities'));
    expect(table.indexOf('New vulnerabilities')).toBeLessThan(table.indexOf('Models added'));
    expect(table).toContain('aaaaaaaaaaaa  dddddddddddd');
    const md = renderDiff(d, 'markdown', evaluateGate(d, ['model']));
    expect(md).toMatch(/^## AI-BOM diff/);
    expect(md).toContain('**Gate: FAILED: 1 new model.**');
    expect(md).toMatch(/### ⚠️ Content changed at the same path \(possible tampering\) \(1\)\n/);
    expect(md).toContain('| models/classifier.safetensors | classifier.safetensors |');
    const json = JSON.parse(renderDiff(d, 'json')) as { hashChanges: unknown[] };
    expect(json.hashChanges).toHaveLength(1);
  });
});

describe('diffBoms edge cases', () => {
  it('finds nothing between a BOM and itself, also across spec 1.6 and 1.7', () => {
    const d = diffBoms(view(prInventory(), '1.7'), view(prInventory(), '1.6'));
    expect(d.old.specVersion).toBe('1.7');
    for (const k of ['models', 'datasets', 'otherComponents', 'services', 'endpoints'] as const) {
      expect(d[k].added).toEqual([]);
      expect(d[k].removed).toEqual([]);
    }
    expect(d.hashChanges).toEqual([]);
    expect(d.vulnerabilities).toEqual({ added: [], resolved: [] });
    expect(d.licenses).toEqual({ changed: [], newIds: [], removedIds: [] });
    expect(renderDiff(d, 'table')).toContain('no differences');
  });

  it('keeps an advisory that still affects a bumped library as the same vulnerability', () => {
    const d = diffBoms(view(baseInventory()), view(bumpedStillVulnerable()));
    expect(d.vulnerabilities).toEqual({ added: [], resolved: [] });
    expect(d.libraries.versionChanged.map((v) => [v.oldVersion, v.newVersion])).toEqual([['4.30.0', '4.31.0']]);
  });

  it('reports a second finding of the same rule in the same file as new', () => {
    const pr = baseInventory();
    pr.findings.push({ ...pr.findings[1], location: { path: 'app.py', line: 40 } });
    const d = diffBoms(view(baseInventory()), view(pr));
    expect(d.vulnerabilities.added.map((v) => [v.id, v.location])).toEqual([['AIBOM-SECRET-OPENAI', 'app.py:40']]);
  });

  it('matches components without bom-refs by purl and by location path (BOMs from other tools)', () => {
    const strip = (doc: Record<string, unknown>) => {
      const comps = doc.components as Record<string, unknown>[];
      for (const c of comps) delete c['bom-ref'];
      return doc;
    };
    const d = diffBoms(toBomView(strip(bom(baseInventory())), 'old'), toBomView(strip(bom(bumpedStillVulnerable())), 'new'));
    expect(d.models.added).toEqual([]);
    expect(d.libraries.added).toEqual([]);
    expect(d.libraries.versionChanged.map((v) => v.name)).toEqual(['transformers']);
  });
});
