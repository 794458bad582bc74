// Every committed fixture through every detector of this area: no throw, every asset well formed.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetDetectors } from '../../detectors/datasets/index.js';
import { huggingFaceDetectors } from '../../detectors/huggingface/index.js';
import type { Asset } from '../../src/inventory/types.js';
import { FIXTURES, ctx, fixtureFile } from '../huggingface/fixture-file.js';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('all fixtures', () => {
  it('run through every detector without throwing', async () => {
    const detectors = [...huggingFaceDetectors, ...datasetDetectors];
    const assets: Asset[] = [];
    let wanted = 0;
    for (const area of ['huggingface', 'datasets']) {
      for (const abs of walk(join(FIXTURES, area))) {
        const rel = relative(join(FIXTURES, area), abs).split('\\').join('/');
        const file = fixtureFile(area, rel);
        for (const d of detectors.filter((x) => x.wants(file))) {
          wanted++;
          const r = await d.detect(file, ctx());
          assets.push(...(r.assets ?? []));
        }
      }
    }
    for (const d of detectors) assets.push(...(d.finish?.({ assets, findings: [] }).assets ?? []));
    expect(wanted).toBeGreaterThan(30);
    for (const a of assets) {
      expect(a.key).toMatch(/^(file|folder):[^/]/);
      expect(a.name.length).toBeGreaterThan(0);
      if (!a.partial) expect(a.locations.length).toBeGreaterThan(0);
      if (a.parent) expect(a.parent).toMatch(/^(file|folder):/);
    }
    const full = assets.filter((a) => !a.partial).map((a) => a.key);
    const dupes = full.filter((k, i) => full.indexOf(k) !== i);
    expect(dupes).toEqual(['folder:dataset-card']); // card + dataset_info.json: merged by the reducer
  });
});
