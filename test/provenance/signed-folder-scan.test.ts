// A folder that carries model.sig is a model for the scan, whatever its files are, and its signature is
// verified with the scan's trust settings.
import { describe, expect, it } from 'vitest';
import { scanInventory } from '../../src/scan.js';
import { defaultEnrichers } from '../../src/enrich/defaults.js';
import type { ScanOptions } from '../../src/scan.js';

const DIR = 'fixtures/model-signing/model-signing/real/v1.1.0-sigstore';

async function scanWith(trust: ScanOptions['trust']) {
  const opts: ScanOptions = { path: DIR, trust, advisories: false };
  return scanInventory({ ...opts, enrichers: defaultEnrichers(opts) });
}

describe('signed model folders in a scan', () => {
  it('verifies the folder signature with the given identity', async () => {
    const inv = await scanWith({ method: 'sigstore', identity: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' });
    const folder = inv.assets.find((a) => a.key === 'folder:.');
    expect(folder?.kind).toBe('model');
    expect(folder?.properties?.['aibom:provenance:status']).toBe('verified');
    expect(folder?.properties?.['aibom:provenance:signer-identity']).toBe('stefanb@us.ibm.com');
    expect(folder?.externalReferences).toContainEqual(expect.objectContaining({ type: 'digital-signature', url: 'model.sig' }));
    expect(inv.findings.filter((f) => f.ruleId === 'AIBOM-SIGNATURE-INVALID')).toEqual([]);
  });

  it('never says verified without trust settings, and rejects the wrong identity', async () => {
    const none = await scanWith(undefined);
    expect(none.assets.find((a) => a.key === 'folder:.')?.properties?.['aibom:provenance:status']).toBe('present-unverified');
    const wrong = await scanWith({ method: 'sigstore', identity: 'someone@example.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' });
    expect(wrong.assets.find((a) => a.key === 'folder:.')?.properties?.['aibom:provenance:status']).toBe('invalid');
    expect(wrong.findings.map((f) => f.ruleId)).toContain('AIBOM-SIGNATURE-INVALID');
  });
});
