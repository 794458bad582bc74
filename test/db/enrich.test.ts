// enrichAdvisories over hand-made inventories against the embedded seed (real PyPA/GHSA records)
// plus test records imported with `db import`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset, Finding, Inventory, LibraryAsset, ModelAsset } from '../../src/inventory/types.js';
import { enrichAdvisories } from '../../src/enrich/advisories.js';
import { runDbCommand } from '../../src/db/command.js';
import { buildSeedDb } from '../../src/db/seed.js';
import { Writable } from 'node:stream';

const dir = mkdtempSync(join(tmpdir(), 'aibom-enrich-'));
const dbPath = join(dir, 'advisories.db');
const NOW = new Date('2026-11-29T12:00:00Z');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk: Buffer, _e, cb) {
      w.text += chunk.toString();
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

beforeAll(async () => {
  buildSeedDb(dbPath, NOW);
  const fixtures = new URL('../../fixtures/advisories/curated', import.meta.url).pathname;
  const err = sink();
  expect(await runDbCommand(['import', fixtures, '--db', dbPath], { stdout: sink(), stderr: err }), err.text).toBe(0);
});

function lib(name: string, version?: string, versionSpec?: string, ecosystem = 'PyPI'): LibraryAsset {
  return { key: `pkg:${ecosystem.toLowerCase()}/${name}`, kind: 'library', name, version, versionSpec, ecosystem, ai: true, locations: [{ path: 'requirements.txt', line: 3 }] };
}

function inventory(assets: Asset[]): Inventory {
  return { root: dir, rootName: 'proj', assets, findings: [], warnings: [], stats: { filesWalked: 0, filesInspected: 0, bytesHashed: 0, archivesOpened: 0, durationMs: 0 } };
}

async function findingsFor(...assets: Asset[]): Promise<Finding[]> {
  return (await enrichAdvisories(inventory(assets), { dbPath, now: NOW })).findings;
}

describe('enrichAdvisories', () => {
  it('merges a GHSA and its PYSEC twin into one finding (gradio 4.10.0)', async () => {
    const f = (await findingsFor(lib('gradio', '4.10.0'))).filter((x) => x.advisory?.aliases.includes('CVE-2023-51449') || x.ruleId === 'GHSA-6qm2-wpxq-7qh2');
    expect(f).toHaveLength(1);
    expect(f[0].ruleId).toBe('GHSA-6qm2-wpxq-7qh2');
    expect(f[0].advisory?.aliases).toEqual(expect.arrayContaining(['CVE-2023-51449', 'PYSEC-2023-249']));
    expect(f[0].advisory?.status).toBe('affected');
    expect(f[0].advisory?.fixedVersions).toEqual(['4.11.0']);
    expect(f[0].category).toBe('vulnerability');
    expect(f[0].subject).toBe('pkg:pypi/gradio');
    expect(f[0].location).toEqual({ path: 'requirements.txt', line: 3 });
    // CVSS 3.1 AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L = 5.6 (FIRST calculator)
    expect(f[0].advisory?.cvss).toEqual(expect.arrayContaining([{ vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L', score: 5.6, method: 'CVSS_V3' }]));
  });

  it('twins with different ranges: only the one whose range matches decides (langchain)', async () => {
    const at240 = (await findingsFor(lib('langchain', '0.0.240'))).filter((x) => x.ruleId === 'PYSEC-2023-145' || x.ruleId === 'GHSA-fj32-q626-pjjc');
    expect(at240.map((x) => x.ruleId)).toEqual(['PYSEC-2023-145']);
    const at231 = (await findingsFor(lib('langchain', '0.0.231'))).filter((x) => x.advisory?.aliases.includes('CVE-2023-38860'));
    expect(at231).toHaveLength(1);
    expect(at231[0].ruleId).toBe('GHSA-fj32-q626-pjjc');
    expect(at231[0].advisory?.aliases).toContain('PYSEC-2023-145');
    expect(at231[0].severity).toBe('critical');
    const at247 = (await findingsFor(lib('langchain', '0.0.247'))).filter((x) => x.advisory?.aliases.includes('CVE-2023-38860'));
    expect(at247).toEqual([]);
  });

  it('an unpinned requirement is "possibly-affected"; a bound past the fix is not', async () => {
    const open = (await findingsFor(lib('gradio', undefined, '>=4.0'))).find((x) => x.ruleId === 'GHSA-6qm2-wpxq-7qh2');
    expect(open?.advisory?.status).toBe('possibly-affected');
    expect(open?.title).toMatch(/may be affected/);
    const past = (await findingsFor(lib('gradio', undefined, '>=4.11.0'))).find((x) => x.ruleId === 'GHSA-6qm2-wpxq-7qh2');
    expect(past).toBeUndefined();
  });

  it('names are normalised (PEP 503) and other ecosystems match (Go, npm, crates.io)', async () => {
    expect((await findingsFor(lib('LangChain', '0.0.240'))).length).toBeGreaterThan(0);
    expect((await findingsFor(lib('github.com/ollama/ollama', 'v0.1.33', undefined, 'Go'))).map((x) => x.ruleId)).toContain('GHSA-8hqg-whrw-pv92');
    expect((await findingsFor(lib('@test/pkg-one', '1.2.0', undefined, 'npm'))).map((x) => x.ruleId)).toEqual(['AIBOM-TEST-0002']);
    expect((await findingsFor(lib('test-crate', '0.3.0', undefined, 'crates.io'))).map((x) => x.ruleId)).toEqual(['AIBOM-TEST-0002']);
    expect(await findingsFor(lib('test-crate', '0.3.1', undefined, 'crates.io'))).toEqual([]);
  });

  it('known-malicious Hugging Face repositories and known-bad file hashes', async () => {
    const model: ModelAsset = { key: 'model:hf/glockr1/ballr7', kind: 'model', name: 'glockr1/ballr7', purl: 'pkg:huggingface/glockr1/ballr7', format: 'huggingface', present: false, locations: [{ path: 'train.py', line: 9 }] };
    const f = await findingsFor(model);
    expect(f.map((x) => [x.ruleId, x.category, x.severity])).toEqual([['AIBOM-MAL-2025-0001', 'malicious', 'critical']]);
    const file: ModelAsset = { key: 'file:models/pytorch_model.bin', kind: 'model', name: 'pytorch_model.bin', format: 'pytorch', present: true, hashes: { sha256: '5F70BF18A086007016E948B04AED3B82103A36BEA41755B6CDDFAF10ACE3C6EF' }, locations: [{ path: 'models/pytorch_model.bin' }] };
    const g = await findingsFor(file);
    expect(g.map((x) => [x.ruleId, x.category, x.subject, x.properties?.['aibom:matched-by']])).toEqual([['AIBOM-MAL-TEST-0001', 'malicious', 'file:models/pytorch_model.bin', 'sha256']]);
    const clean: ModelAsset = { ...file, key: 'file:ok.bin', hashes: { sha256: '0'.repeat(64) } };
    expect(await findingsFor(clean)).toEqual([]);
  });

  it('a fixed version, an unknown package and garbage versions raise nothing and never throw', async () => {
    expect(await findingsFor(lib('gradio', '5.0.0'))).toEqual([]);
    expect(await findingsFor(lib('not-a-known-package', '1.0'))).toEqual([]);
    const odd = await findingsFor(lib('gradio', 'banana'), lib('transformers', '\u0000'));
    expect(odd.filter((x) => x.advisory?.status === 'affected')).toEqual([]);
  });

  it('reports database properties and warns when the data is older than 7 days', async () => {
    const fresh = await enrichAdvisories(inventory([]), { dbPath, now: NOW });
    expect(fresh.warnings).toEqual([]);
    expect(fresh.properties['aibom:advisory-db:kind']).toBe('updated');
    const later = await enrichAdvisories(inventory([]), { dbPath, now: new Date('2026-12-20T00:00:00Z') });
    expect(later.warnings).toHaveLength(1);
    expect(later.warnings[0].message).toMatch(/2\d days old.*aibom db update/);
  });

  it('a fresh clone (seed only, built on first use) warns that its snapshot is old', async () => {
    const seedOnly = join(dir, 'fresh', 'advisories.db');
    const r = await enrichAdvisories(inventory([lib('gradio', '4.10.0')]), { dbPath: seedOnly, now: NOW });
    expect(r.findings.map((f) => f.ruleId)).toContain('GHSA-6qm2-wpxq-7qh2');
    expect(r.properties['aibom:advisory-db:kind']).toBe('seed');
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^advisory data is \d+ days old \(from 2024-09-26\)/)]);
  });

  it('an unusable database path is a warning, not a crash', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const r = await enrichAdvisories(inventory([lib('gradio', '4.10.0')]), { dbPath: join(blocker, 'x.db'), now: NOW });
    expect(r.findings).toEqual([]);
    expect(r.warnings[0].message).toMatch(/advisory database unavailable/);
  });
});
