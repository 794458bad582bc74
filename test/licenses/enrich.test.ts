// enrichLicenses: normalises asset licenses in place and raises license findings.
import { describe, expect, it } from 'vitest';
import { enrichLicenses } from '../../src/enrich/licenses.js';
import type { Asset, DatasetAsset, LibraryAsset, ModelAsset } from '../../src/inventory/types.js';

const model = (name: string, licenses?: ModelAsset['licenses'], present = true): ModelAsset => ({
  key: `file:models/${name}`,
  kind: 'model',
  name,
  format: 'safetensors',
  present,
  licenses,
  locations: [{ path: `models/${name}/README.md` }],
});

describe('enrichLicenses', () => {
  it('normalises licenses in place and flags use-restricted, non-commercial, copyleft, unknown and missing', () => {
    const llama = model('llama', [{ name: 'llama3.1', source: 'model card' }]);
    const nc = model('nc', [{ name: 'cc-by-nc-4.0' }]);
    const custom = model('custom', [{ name: 'other' }]);
    const none = model('none');
    const remote = model('remote', undefined, false);
    const yolo: ModelAsset = model('yolo', [{ spdx: 'AGPL-3.0-only' }]);
    const ds: DatasetAsset = { key: 'file:data/d', kind: 'dataset', name: 'd', format: 'parquet', present: true, locations: [{ path: 'data/d' }], licenses: [{ name: 'cc-by-4.0' }] };
    const lib: LibraryAsset = { key: 'pkg:pypi/torch', kind: 'library', name: 'torch', ecosystem: 'PyPI', ai: true, locations: [{ path: 'requirements.txt' }], licenses: [{ spdx: 'BSD-3-Clause' }] };
    const assets: Asset[] = [llama, nc, custom, none, remote, yolo, ds, lib];
    const { findings } = enrichLicenses({ assets });
    expect(findings.map((f) => [f.subject, f.ruleId, f.severity, f.category])).toEqual([
      ['file:models/llama', 'AIBOM-LICENSE-RESTRICTED-USE', 'low', 'license'],
      ['file:models/nc', 'AIBOM-LICENSE-NON-COMMERCIAL', 'medium', 'license'],
      ['file:models/custom', 'AIBOM-LICENSE-UNKNOWN', 'low', 'license'],
      ['file:models/none', 'AIBOM-LICENSE-MISSING', 'low', 'license'],
      ['file:models/yolo', 'AIBOM-LICENSE-COPYLEFT', 'low', 'license'],
    ]);
    expect(llama.licenses?.[0]).toMatchObject({ name: 'Llama 3.1 Community License', category: 'restricted-use', source: 'model card' });
    expect(llama.properties?.['aibom:license-restrictions']?.[0]).toMatch(/700M monthly|700M MAU/);
    expect(findings[0].message).toMatch(/700M/);
    expect(findings[0].location).toEqual({ path: 'models/llama/README.md' });
    expect(ds.licenses?.[0]).toMatchObject({ spdx: 'CC-BY-4.0', category: 'permissive' });
    expect(lib.licenses?.[0]).toMatchObject({ spdx: 'BSD-3-Clause', category: 'permissive', url: 'https://spdx.org/licenses/BSD-3-Clause.html' });
  });
});
