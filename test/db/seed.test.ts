// The embedded default database: built from advisories/ on first use, rebuilt when the seed
// changes, opened read-only by scans.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDbPath } from '../../src/db/location.js';
import { openReadOnly, openWritable } from '../../src/db/open.js';
import { SCHEMA_VERSION, schemaVersion } from '../../src/db/schema.js';
import { buildSeedDb, ensureDb, seedHash, seedStamp } from '../../src/db/seed.js';
import { AdvisoryStore } from '../../src/db/store.js';
import { setMeta } from '../../src/db/importer.js';

const dir = mkdtempSync(join(tmpdir(), 'aibom-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function countSeedFiles(sub: string): number {
  const root = new URL(`../../advisories/${sub}/`, import.meta.url);
  const walk = (p: string): number =>
    readdirSync(p, { withFileTypes: true }).reduce(
      (n, e) => n + (e.isDirectory() ? walk(join(p, e.name)) : /\.(json|ya?ml)$/.test(e.name) ? 1 : 0),
      0,
    );
  return walk(root.pathname);
}

describe('seed database', () => {
  it('default location honours AIBOM_DB, then XDG_CACHE_HOME', () => {
    expect(defaultDbPath({ AIBOM_DB: '/x/a.db' })).toBe('/x/a.db');
    expect(defaultDbPath({ XDG_CACHE_HOME: '/c' })).toBe('/c/aibom/advisories.db');
    expect(defaultDbPath({ HOME: '/h' })).toMatch(/\.cache\/aibom\/advisories\.db$/);
  });

  it('imports every seed record, with the schema version and sources recorded', () => {
    const path = join(dir, 'seed.db');
    const report = buildSeedDb(path, new Date('2026-11-29T00:00:00Z'));
    expect(report.errors).toEqual([]);
    const expected = countSeedFiles('osv') + countSeedFiles('curated');
    expect(expected).toBeGreaterThan(290);
    expect(report.records).toBe(expected);
    const db = openReadOnly(path);
    const store = new AdvisoryStore(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(store.counts().advisories).toBe(expected);
    expect(store.sources().map((s) => s.name)).toEqual(['seed:curated', 'seed:osv']);
    expect(store.meta().kind).toBe('seed');
    // PEP 503 lookup and the data date (newest `modified` among the seed records, not the build time)
    expect(store.affectedFor('PyPI', 'Llama_Index').length).toBeGreaterThan(0);
    expect(store.dataDate()?.slice(0, 7)).toBe('2024-09'); // newest PyPA/GHSA seed record, not the build time
    expect(() => db.prepare('DELETE FROM advisories').run()).toThrow(/readonly/i);
    db.close();
  });

  it('builds on first use, keeps an up-to-date seed, rebuilds a stale or corrupt one', () => {
    const path = join(dir, 'sub', 'first.db');
    expect(ensureDb(path)).toBe('built');
    expect(ensureDb(path)).toBe('ok');
    const db = openWritable(path);
    setMeta(db, 'seed_hash', 'stale');
    db.close();
    expect(ensureDb(path)).toBe('rebuilt');
    const check = openReadOnly(path);
    expect(new AdvisoryStore(check).meta().seed_hash).toBe(seedHash());
    check.close();
    writeFileSync(path, 'not a database at all, just text that is long enough to not be empty');
    expect(ensureDb(path)).toBe('rebuilt');
    expect(existsSync(path)).toBe(true);
  });

  it('checks the seed by its files\' sizes and times, and hashes it again when those changed', () => {
    const path = join(dir, 'stamp.db');
    expect(ensureDb(path)).toBe('built');
    const stamp = `${seedStamp()}:${seedHash()}`;
    const read = () => {
      const ro = openReadOnly(path);
      try {
        return new AdvisoryStore(ro).meta().seed_stamp;
      } finally {
        ro.close();
      }
    };
    expect(read()).toBe(stamp);
    // times changed (a fresh checkout), content the same: kept, and the new stamp remembered
    const db = openWritable(path);
    setMeta(db, 'seed_stamp', 'from-another-checkout');
    db.close();
    expect(ensureDb(path)).toBe('ok');
    expect(read()).toBe(stamp);
  });

  it('keeps updated data even when the seed changed', () => {
    const path = join(dir, 'updated.db');
    ensureDb(path);
    const db = openWritable(path);
    setMeta(db, 'kind', 'updated');
    setMeta(db, 'seed_hash', 'old');
    db.close();
    expect(ensureDb(path)).toBe('ok');
  });

  it('refuses a database from a newer schema', () => {
    const path = join(dir, 'future.db');
    const db = openWritable(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => openWritable(path)).toThrow(/newer than this aibom/);
  });
});
