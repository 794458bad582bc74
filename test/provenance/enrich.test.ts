// Scan enrichment: signature discovery, which assets a signature covers, properties, references, findings.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrichProvenance } from '../../src/provenance/enrich.js';
import type { Asset, Inventory, ModelAsset } from '../../src/inventory/types.js';
import type { Trust } from '../../src/provenance/types.js';
import { OWN } from './helpers.js';

const P256: Trust = { method: 'key', publicKeyPem: readFileSync(join(OWN, 'keys/p-256-pub.pem'), 'utf8') };

function model(path: string, extra: Partial<ModelAsset> = {}): ModelAsset {
  return { key: `file:${path}`, kind: 'model', name: path, format: 'safetensors', present: true, locations: [{ path }], ...extra };
}

function scanRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'aibom-scan-'));
  cpSync(join(OWN, 'toy'), join(root, 'models/toy'), { recursive: true });
  mkdirSync(join(root, 'other'));
  writeFileSync(join(root, 'other/plain.gguf'), 'GGUF....');
  cpSync(join(OWN, 'single/tiny.gguf'), join(root, 'single/tiny.gguf'));
  cpSync(join(OWN, 'sigs/single-p521.sig'), join(root, 'single/tiny.gguf.sig'));
  writeFileSync(join(root, 'other/notes.sig'), '-----BEGIN PGP SIGNATURE-----\n'); // not a bundle: ignored
  return root;
}

function inventory(root: string, assets: Asset[]): Inventory {
  return { root, rootName: 'scan', assets, findings: [], warnings: [], stats: { filesWalked: 0, filesInspected: 0, bytesHashed: 0, archivesOpened: 0, durationMs: 0 } };
}

const props = (a: Asset) => Object.fromEntries(Object.entries(a.properties ?? {}).filter(([k]) => k.startsWith('aibom:provenance:')));

describe('enrichProvenance', () => {
  it('without trust: present-unverified on the covered files, unsigned elsewhere, no finding', async () => {
    const root = scanRoot();
    const assets = [model('models/toy/model.safetensors'), model('other/plain.gguf', { format: 'gguf' }), model('single/tiny.gguf', { format: 'gguf' })];
    const inv = inventory(root, assets);
    const out = await enrichProvenance(inv, root);
    expect(out.map((o) => [o.signature, o.model, o.result.status])).toEqual([
      ['models/toy/model.sig', 'models/toy', 'present-unverified'],
      ['single/tiny.gguf.sig', 'single/tiny.gguf', 'present-unverified'],
    ]);
    expect(props(assets[0])).toEqual({ 'aibom:provenance:status': 'present-unverified', 'aibom:provenance:method': 'key', 'aibom:provenance:signature': 'models/toy/model.sig' });
    expect(assets[0].externalReferences).toEqual([{ type: 'digital-signature', url: 'models/toy/model.sig', comment: 'OpenSSF model signature (key): present-unverified' }]);
    expect(props(assets[1])).toEqual({ 'aibom:provenance:status': 'unsigned' });
    expect(inv.findings).toEqual([]);
  });

  it('with a key: verified with the fingerprint; HF folder asset preferred over its files', async () => {
    const root = scanRoot();
    const folder: ModelAsset = { key: 'folder:models/toy', kind: 'model', name: 'toy', format: 'huggingface', present: true, locations: [{ path: 'models/toy/config.json' }] };
    const file = model('models/toy/model.safetensors', { parent: 'folder:models/toy' });
    const inv = inventory(root, [folder, file]);
    const hashed: string[] = [];
    await enrichProvenance(inv, root, P256, (p) => {
      hashed.push(p);
      return undefined;
    });
    expect(props(folder)['aibom:provenance:status']).toBe('verified');
    expect(props(folder)['aibom:provenance:key-fingerprint']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(props(file)).toEqual({ 'aibom:provenance:status': 'unsigned' });
    expect(hashed.sort()).toEqual(['models/toy/config.json', 'models/toy/model.safetensors', 'models/toy/sub/weights.bin', 'models/toy/tokenizer.json']);
  });

  it('a tampered model: invalid status and a high finding naming the file', async () => {
    const root = scanRoot();
    appendFileSync(join(root, 'models/toy/config.json'), ' ');
    const a = model('models/toy/model.safetensors');
    const inv = inventory(root, [a]);
    await enrichProvenance(inv, root, P256);
    expect(props(a)['aibom:provenance:status']).toBe('invalid');
    expect(props(a)['aibom:provenance:failed-check']).toBe('manifest-digest');
    expect(inv.findings).toHaveLength(1);
    expect(inv.findings[0]).toMatchObject({
      ruleId: 'AIBOM-SIGNATURE-INVALID',
      severity: 'high',
      category: 'provenance',
      subject: 'file:models/toy/model.safetensors',
      location: { path: 'models/toy/model.sig' },
      properties: { check: 'manifest-digest', file: 'config.json' },
    });
  });

  it('a malformed model.sig is invalid, not ignored', async () => {
    const root = scanRoot();
    writeFileSync(join(root, 'models/toy/model.sig'), '{"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json", "verificationMa');
    const a = model('models/toy/model.safetensors');
    const inv = inventory(root, [a]);
    await enrichProvenance(inv, root, P256);
    expect(props(a)['aibom:provenance:status']).toBe('invalid');
    expect(inv.findings[0].properties?.check).toBe('bundle');
  });

  it('keyless trust records the trusted root digest on the inventory', async () => {
    const root = scanRoot();
    const a = model('models/toy/model.safetensors');
    const inv = inventory(root, [a]);
    await enrichProvenance(inv, root, { method: 'sigstore', identity: 'x@example.com', issuer: 'https://accounts.google.com' });
    // a key bundle cannot be verified keyless
    expect(props(a)['aibom:provenance:failed-check']).toBe('method-mismatch');
    expect(inv.properties?.['aibom:provenance:trusted-root-sha256']).toBe('6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66');
  });
});
