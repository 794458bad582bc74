// The sql.js stand-in for better-sqlite3 (used by the bundled GitHub Action): first its API against
// better-sqlite3's documented behaviour and files written by the real native library, then the
// advisory database code of src/db run through it, with 'better-sqlite3' mocked to the shim.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type NativeDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Asset, Inventory, LibraryAsset } from '../../src/inventory/types.js';
import Shim, { initSqlJsShim, MAX_DB_BYTES } from '../../src/db/sqljs-shim.js';

vi.mock('better-sqlite3', async () => {
  const shim = await import('../../src/db/sqljs-shim.js');
  await shim.initSqlJsShim();
  return { default: shim.default };
});

const dir = mkdtempSync(join(tmpdir(), 'aibom-sqljs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2026-11-29T12:00:00Z');

async function native(): Promise<typeof NativeDatabase> {
  return (await vi.importActual<{ default: typeof NativeDatabase }>('better-sqlite3')).default;
}

describe('sql.js shim API', () => {
  it('refuses to open a database before initSqlJsShim() has loaded the engine', async () => {
    expect(() => new Shim(':memory:')).toThrow(/initSqlJsShim/);
    await initSqlJsShim();
    await initSqlJsShim(); // loads once
    expect(new Shim(':memory:').open).toBe(true);
  });

  it('prepares statements with positional, array and named parameters; get, all, pluck, run', () => {
    const db = new Shim(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB, n INTEGER)');
    const ins = db.prepare('INSERT INTO t (name, data, n) VALUES (?, ?, ?)');
    expect(ins.run('a', null, 1)).toEqual({ changes: 1, lastInsertRowid: 1 });
    expect(ins.run(['b', Buffer.from([0, 1, 255]), 2n])).toEqual({ changes: 1, lastInsertRowid: 2 });
    expect(ins.run('c', undefined, 3.5).lastInsertRowid).toBe(3);
    expect(db.prepare('INSERT INTO t (name, n) VALUES (@name, :n)').run({ name: 'd', n: 4 }).changes).toBe(1);
    expect(db.prepare('INSERT INTO t (name, n) VALUES ($name, $n)').run({ name: 'e', n: 5 }).changes).toBe(1);
    expect(db.prepare('SELECT name, n FROM t WHERE id = ?').get(1)).toEqual({ name: 'a', n: 1 });
    expect(db.prepare('SELECT name FROM t WHERE id = ?').get(99)).toBeUndefined();
    expect(db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(db.prepare('SELECT COUNT(*) FROM t WHERE n > ?').pluck().get(2)).toBe(3);
    const blob = db.prepare('SELECT data FROM t WHERE id = 2').pluck().get();
    expect(Buffer.isBuffer(blob) && [...blob]).toEqual([0, 1, 255]);
    expect(db.prepare('SELECT data FROM t WHERE id = 3').pluck().get()).toBeNull();
    expect(db.prepare('UPDATE t SET n = n + 1 WHERE n < ?').run(3).changes).toBe(2);
    expect(db.prepare('CREATE TABLE u (x)').run().changes).toBe(0);
    expect(() => db.prepare('DELETE FROM t').get()).toThrow(TypeError);
    expect(() => ins.run(true as unknown as number, null, 1)).toThrow(/can only bind/);
    db.close();
    expect(db.open).toBe(false);
    expect(() => db.prepare('SELECT 1')).toThrow(/not open/);
  });

  it('pragma returns rows, or the first value with { simple: true }', () => {
    const db = new Shim(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.pragma('user_version = 7');
    expect(db.pragma('user_version')).toEqual([{ user_version: 7 }]);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
  });

  it('transaction commits, rolls back on throw (rethrowing) and nests as savepoints', () => {
    const db = new Shim(':memory:');
    db.exec('CREATE TABLE t (x INTEGER)');
    const add = db.prepare('INSERT INTO t VALUES (?)');
    const count = (): unknown => db.prepare('SELECT COUNT(*) FROM t').pluck().get();
    expect(db.transaction((a: number, b: number) => (add.run(a), add.run(b), a + b))(1, 2)).toBe(3);
    expect(count()).toBe(2);
    const failing = db.transaction(() => {
      add.run(3);
      throw new Error('boom');
    });
    expect(failing).toThrow('boom');
    expect(count()).toBe(2);
    expect(db.inTransaction).toBe(false);
    db.transaction(() => {
      add.run(4);
      expect(db.inTransaction).toBe(true);
      expect(() => db.transaction(() => (add.run(5), (): never => { throw new Error('inner'); })())()).toThrow('inner');
    })();
    expect(db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2, 4]);
  });

  it('writes a writable file back atomically on close, in a format native better-sqlite3 reads', async () => {
    const path = join(dir, 'api', 'w.db');
    mkdirSync(join(dir, 'api'));
    const db = new Shim(path);
    db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT); INSERT INTO t VALUES ('a', 'x')");
    db.pragma('user_version = 3');
    expect(existsSync(path)).toBe(false); // in memory until close()
    db.close();
    expect(readdirSync(join(dir, 'api'))).toEqual(['w.db']); // no temp file left
    const Native = await native();
    const n = new Native(path, { readonly: true, fileMustExist: true });
    expect(n.pragma('user_version', { simple: true })).toBe(3);
    expect(n.prepare('SELECT v FROM t WHERE k = ?').pluck().get('a')).toBe('x');
    expect(n.pragma('integrity_check', { simple: true })).toBe('ok');
    n.close();
    // and the other way: a native file, reopened writable by the shim, changed, and kept
    const again = new Shim(path);
    again.prepare('INSERT INTO t VALUES (?, ?)').run('b', 'y');
    again.close();
    const ro = new Shim(path, { readonly: true, fileMustExist: true });
    expect(ro.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['a', 'b']);
    expect(() => ro.prepare('DELETE FROM t').run()).toThrow(/readonly/i);
    ro.close();
  });

  it('refuses missing, foreign and oversized files with an error, never a crash', () => {
    expect(() => new Shim(join(dir, 'missing.db'), { readonly: true })).toThrow(/does not exist/);
    expect(() => new Shim(join(dir, 'missing.db'), { fileMustExist: true })).toThrow(/does not exist/);
    const text = join(dir, 'text.db');
    writeFileSync(text, 'not a database at all, just text that is long enough to not be empty'.repeat(20));
    expect(() => new Shim(text, { readonly: true }).pragma('user_version', { simple: true })).toThrow(/not a database/);
    const huge = join(dir, 'huge.db');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_DB_BYTES + 1); // sparse: no disk or memory is spent
    expect(() => new Shim(huge, { readonly: true })).toThrow(/larger than/);
  });
});

function lib(name: string, version?: string, ecosystem = 'PyPI'): LibraryAsset {
  return { key: `pkg:${ecosystem.toLowerCase()}/${name}`, kind: 'library', name, version, ecosystem, ai: true, locations: [{ path: 'requirements.txt', line: 1 }] };
}

function inventory(assets: Asset[]): Inventory {
  return { root: dir, rootName: 'proj', assets, findings: [], warnings: [], stats: { filesWalked: 0, filesInspected: 0, bytesHashed: 0, archivesOpened: 0, durationMs: 0 } };
}

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

describe('advisory database through the shim (better-sqlite3 mocked)', () => {
  let seed: typeof import('../../src/db/seed.js');
  let open: typeof import('../../src/db/open.js');
  let enrich: typeof import('../../src/enrich/advisories.js');
  const dbPath = join(dir, 'adv', 'advisories.db');

  beforeAll(async () => {
    const mocked = (await import('better-sqlite3')) as unknown as { default: unknown };
    expect(mocked.default).toBe(Shim); // the code below really runs on sql.js
    seed = await import('../../src/db/seed.js');
    open = await import('../../src/db/open.js');
    enrich = await import('../../src/enrich/advisories.js');
  });

  it('builds the seed database, readable by native better-sqlite3 with the same content', async () => {
    const report = seed.buildSeedDb(dbPath, NOW);
    expect(report.errors).toEqual([]);
    expect(report.records).toBeGreaterThan(290);
    const Native = await native();
    const n = new Native(dbPath, { readonly: true, fileMustExist: true });
    expect(n.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(n.prepare('SELECT COUNT(*) FROM advisories').pluck().get()).toBe(report.records);
    const ids = n.prepare('SELECT id FROM advisories ORDER BY id').pluck().all();
    const affected = n.prepare('SELECT COUNT(*) FROM affected').pluck().get();
    n.close();
    // the database the test run built with native better-sqlite3 (test/setup/global-db.ts) holds the same
    const reference = process.env.AIBOM_DB;
    if (reference && existsSync(reference)) {
      const r = new Native(reference, { readonly: true, fileMustExist: true });
      expect(ids).toEqual(r.prepare('SELECT id FROM advisories ORDER BY id').pluck().all());
      expect(affected).toBe(r.prepare('SELECT COUNT(*) FROM affected').pluck().get());
      r.close();
    }
  });

  it('ensureDb: builds on first use, keeps a current seed, rebuilds a stale or corrupt one', async () => {
    const { setMeta } = await import('../../src/db/importer.js');
    const path = join(dir, 'ensure', 'first.db');
    expect(seed.ensureDb(path, NOW)).toBe('built');
    expect(seed.ensureDb(path, NOW)).toBe('ok');
    const db = open.openWritable(path);
    setMeta(db, 'seed_hash', 'stale');
    db.close();
    expect(seed.ensureDb(path, NOW)).toBe('rebuilt');
    writeFileSync(path, 'not a database at all, just text that is long enough to not be empty');
    expect(seed.ensureDb(path, NOW)).toBe('rebuilt');
    const ro = open.openReadOnly(path);
    expect(open.readMeta(ro).seed_hash).toBe(seed.seedHash());
    expect(() => ro.prepare('DELETE FROM advisories').run()).toThrow(/readonly/i);
    ro.close();
  });

  it('matches advisories read-only: transformers 4.30.0, gradio 4.10.0 twins merged, fixed versions clean', async () => {
    const run = async (...assets: Asset[]) => (await enrich.enrichAdvisories(inventory(assets), { dbPath, now: NOW })).findings;
    const tf = await run(lib('transformers', '4.30.0'));
    expect(tf.map((f) => f.ruleId).sort()).toEqual(['GHSA-37q5-v5qm-c9v8', 'GHSA-3863-2447-669p']);
    expect(tf.every((f) => f.subject === 'pkg:pypi/transformers' && f.advisory?.status === 'affected')).toBe(true);
    expect(tf.find((f) => f.ruleId === 'GHSA-3863-2447-669p')?.advisory?.fixedVersions).toEqual(['4.36.0']);
    const gradio = (await run(lib('gradio', '4.10.0'))).filter((x) => x.advisory?.aliases.includes('CVE-2023-51449') || x.ruleId === 'GHSA-6qm2-wpxq-7qh2');
    expect(gradio).toHaveLength(1);
    expect(gradio[0].advisory?.aliases).toEqual(expect.arrayContaining(['CVE-2023-51449', 'PYSEC-2023-249']));
    expect(await run(lib('transformers', '4.38.0'), lib('gradio', '5.0.0'))).toEqual([]);
  });

  it('db import updates a copy and swaps it in; db status reads it', async () => {
    const { runDbCommand } = await import('../../src/db/command.js');
    const { dbStatus } = await import('../../src/db/status.js');
    const path = join(dir, 'import', 'advisories.db');
    const fixtures = new URL('../../fixtures/advisories/curated', import.meta.url).pathname;
    const err = sink();
    const out = sink();
    expect(await runDbCommand(['import', fixtures, '--db', path], { stdout: out, stderr: err }), err.text).toBe(0);
    expect(out.text).toMatch(/import:curated: \d+ records/);
    expect(readdirSync(join(dir, 'import'))).toEqual(['advisories.db']);
    const s = dbStatus(path, NOW);
    expect(s.kind).toBe('updated');
    expect(s.sources.map((x) => x.name)).toContain('import:curated');
    const npm = await enrich.enrichAdvisories(inventory([lib('@test/pkg-one', '1.2.0', 'npm')]), { dbPath: path, now: NOW });
    expect(npm.findings.map((f) => f.ruleId)).toEqual(['AIBOM-TEST-0002']);
  });

  it('refuses a database from a newer schema', async () => {
    const { SCHEMA_VERSION } = await import('../../src/db/schema.js');
    const path = join(dir, 'future.db');
    const db = open.openWritable(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => open.openWritable(path)).toThrow(/newer than this aibom/);
  });
});
