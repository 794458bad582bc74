// The polyglot fixture repo: every manifest kind and language, true positives and traps (comments, strings,
// docstrings, Markdown, JSX text, lookalike packages). Recall >= 95% and zero false positives.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sdkDetectors } from '../../detectors/sdk/index.js';
import type { LibraryAsset } from '../../src/inventory/types.js';
import { context, runOver } from './harness.js';

const root = fileURLToPath(new URL('../../fixtures/sdk/polyglot', import.meta.url));
const expected = JSON.parse(readFileSync(`${root}/EXPECTED.json`, 'utf8')) as { components: Record<string, string[]>; findings: string[] };

describe('polyglot fixture', () => {
  it('finds the expected components, sightings and findings (recall >= 95%, no false positives)', async () => {
    const r = await runOver(root, sdkDetectors);
    const got = new Set<string>();
    for (const a of r.reduced.values()) {
      if (a.kind !== 'library' || !(a as LibraryAsset).ai) continue;
      got.add(a.key);
      for (const l of a.locations) got.add(`${a.key} ${l.path}:${l.line ?? ''}`);
    }
    for (const f of r.findings) got.add(`${f.ruleId} ${f.location.path}:${f.location.line ?? ''} ${f.subject ?? ''}`);
    const want = new Set<string>();
    for (const [key, sightings] of Object.entries(expected.components)) {
      want.add(key);
      for (const s of sightings) want.add(`${key} ${s}`);
    }
    for (const f of expected.findings) want.add(f);
    const missed = [...want].filter((w) => !got.has(w));
    const falsePositives = [...got].filter((g) => !want.has(g));
    expect(falsePositives).toEqual([]);
    expect(1 - missed.length / want.size, `missed: ${missed.join('\n')}`).toBeGreaterThanOrEqual(0.95);
    expect(missed).toEqual([]); // stricter than the bar: the fixture is small enough to get every sighting
    // import evidence is never lost: every orphaned import partial was re-targeted onto a declared component
    for (const o of r.orphans) {
      expect(o.detectors).toEqual(['sdk/imports']);
      for (const l of o.locations) expect([...got].some((g) => g.endsWith(` ${l.path}:${l.line ?? ''}`) && !g.startsWith('AIBOM'))).toBe(true);
    }
    expect(r.warnings).toEqual([]);
  });

  it('lists non-AI dependencies only with allDependencies', async () => {
    const r = await runOver(root, sdkDetectors, context(true));
    const requests = r.reduced.get('lib:pkg:pypi/requests@2.32.3') as LibraryAsset | undefined;
    expect(requests?.ai).toBe(false);
    expect(r.reduced.has('lib:pkg:npm/react@18.3.1')).toBe(true);
    expect(r.reduced.has('lib:pkg:maven/com.google.guava/guava@33.3.1-jre')).toBe(true);
    const plain = await runOver(root, sdkDetectors);
    expect([...plain.reduced.values()].every((a) => a.kind !== 'library' || (a as LibraryAsset).ai)).toBe(true);
  });
});
