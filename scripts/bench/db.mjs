#!/usr/bin/env node
// Benchmark of the advisory database (issue 6 targets): importing 20k OSV records (< 30 s) and
// matching 10k components (< 1 s). Uses the built code in dist/ (`npm run build` first).
// Usage: node scripts/bench/db.mjs [--records N] [--components N]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateRawSync } from 'node:zlib';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dist = process.env.AIBOM_DIST ?? join(root, 'dist');
const load = (p) => import(pathToFileURL(join(dist, p)).href);
const { importPath } = await load('src/db/update.js');
const { buildSeedDb } = await load('src/db/seed.js');
const { enrichAdvisories } = await load('src/enrich/advisories.js');

const { values } = parseArgs({ options: { records: { type: 'string', default: '20000' }, components: { type: 'string', default: '10000' } } });
const RECORDS = Number(values.records);
const COMPONENTS = Number(values.components);
const ECOS = ['PyPI', 'npm', 'Go', 'Maven', 'crates.io', 'NuGet', 'RubyGems'];
const pkgName = (eco, i) => (eco === 'Maven' ? `org.bench:pkg-${i}` : eco === 'Go' ? `github.com/bench/pkg-${i}` : `pkg-${i}`);

// a real ZIP (deflate, CRC left 0: aibom does not check CRCs) of OSV JSON records
function zipOf(files) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text);
    const comp = deflateRawSync(data);
    const n = Buffer.from(name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(8, 8);
    h.writeUInt32LE(comp.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(8, 10);
    c.writeUInt32LE(comp.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(offset, 42);
    parts.push(h, n, comp);
    central.push(c, n);
    offset += 30 + n.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const dir = mkdtempSync(join(tmpdir(), 'aibom-bench-'));
try {
  const files = [];
  for (let i = 0; i < RECORDS; i++) {
    const eco = ECOS[i % ECOS.length];
    const rec = {
      id: `BENCH-${i}`,
      modified: new Date().toISOString(),
      aliases: [`CVE-2099-${i}`],
      summary: `benchmark advisory ${i}`,
      details: 'x'.repeat(400),
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [{
        package: { ecosystem: eco, name: pkgName(eco, i % 5000) },
        ranges: [{ type: eco === 'npm' || eco === 'crates.io' ? 'SEMVER' : 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: eco === 'Go' ? `v1.${i % 20}.0` : `1.${i % 20}.0` }] }],
        versions: eco === 'PyPI' ? Array.from({ length: 30 }, (_, k) => `0.${k}.0`) : [],
      }],
    };
    files.push([`${rec.id}.json`, JSON.stringify(rec)]);
  }
  const zip = join(dir, 'all.zip');
  writeFileSync(zip, zipOf(files));
  const dbPath = join(dir, 'advisories.db');
  buildSeedDb(dbPath);

  let t = performance.now();
  const res = await importPath(dbPath, zip);
  const importMs = performance.now() - t;
  console.log(`import: ${res.records} OSV records in ${(importMs / 1000).toFixed(2)} s (target < 30 s) ${importMs < 30_000 ? 'OK' : 'TOO SLOW'}`);

  const assets = Array.from({ length: COMPONENTS }, (_, i) => {
    const eco = ECOS[i % ECOS.length];
    const name = pkgName(eco, i % 7000); // most match a package with advisories, some do not
    return { key: `bench:${i}`, kind: 'library', name, ecosystem: eco, ai: false, version: eco === 'Go' ? `v1.${i % 25}.0` : `1.${i % 25}.0`, locations: [{ path: 'lock' }] };
  });
  const inv = { root: dir, rootName: 'bench', assets, findings: [], warnings: [], stats: { filesWalked: 0, filesInspected: 0, bytesHashed: 0, archivesOpened: 0, durationMs: 0 } };
  await enrichAdvisories({ ...inv, assets: assets.slice(0, 10) }, { dbPath }); // warm up (open, seed check)
  t = performance.now();
  const out = await enrichAdvisories(inv, { dbPath });
  const matchMs = performance.now() - t;
  console.log(`match: ${COMPONENTS} components -> ${out.findings.length} findings in ${(matchMs / 1000).toFixed(2)} s (target < 1 s) ${matchMs < 1000 ? 'OK' : 'TOO SLOW'}`);
  process.exitCode = importMs < 30_000 && matchMs < 1000 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
