// The embedded default database: built from the seed records in advisories/ (osv/ and curated/)
// on first use, and rebuilt when the seed changed, unless `db update`/`db import` data is there.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fromRoot } from '../util/package-root.js';
import { Importer, setMeta } from './importer.js';
import { openReadOnly, openWritable, readMeta } from './open.js';
import { readDirRecords, recordFiles } from './record-files.js';
import { SCHEMA_VERSION, schemaVersion } from './schema.js';

export interface BuildReport {
  records: number;
  errors: { file: string; error: string }[];
}

export function seedDirs(): { dir: string; source: string }[] {
  return [
    { dir: fromRoot('advisories', 'osv'), source: 'seed:osv' },
    { dir: fromRoot('advisories', 'curated'), source: 'seed:curated' },
  ];
}

export function seedHash(): string {
  const h = createHash('sha256');
  for (const { dir } of seedDirs()) {
    if (!existsSync(dir)) continue;
    for (const f of recordFiles(dir)) h.update(relative(dir, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

const RECORD_FILE = /\.(json|ya?ml)$/i;

/** A cheap fingerprint of the seed: every record file's path, size and modification time (no reads). The
 *  database keeps it next to the seed's content hash, so a scan re-reads and hashes the ~300 seed files only
 *  when one of them changed on disk (or after a fresh checkout, once). */
export function seedStamp(): string {
  const h = createHash('sha256');
  for (const { dir } of seedDirs()) {
    if (!existsSync(dir)) continue;
    const files: string[] = [];
    const walk = (rel: string) => {
      for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
        if (e.name.startsWith('.')) continue;
        const p = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && RECORD_FILE.test(e.name)) files.push(p);
      }
    };
    walk('');
    for (const f of files.sort()) {
      const st = statSync(join(dir, f));
      h.update(`${f}\0${st.size}\0${st.mtimeMs}\0`);
    }
  }
  return h.digest('hex');
}

export function tmpPathFor(path: string, tag: string): string {
  return `${path}.${tag}-${process.pid}-${Date.now()}.tmp`;
}

/** import the seed records into an open writable database */
export function importSeed(db: import('better-sqlite3').Database, now: Date): BuildReport {
  const report: BuildReport = { records: 0, errors: [] };
  let dataDate = '';
  db.transaction(() => {
    for (const { dir, source } of seedDirs()) {
      if (!existsSync(dir)) continue;
      const imp = new Importer(db, source);
      imp.clearSource();
      for (const r of readDirRecords(dir)) {
        if (!r.record) {
          report.errors.push({ file: r.file, error: r.error ?? 'unreadable' });
          continue;
        }
        imp.add(r.record);
        // the age of the vulnerability data is the OSV snapshot's, not that of aibom's curated notes
        if (source === 'seed:osv' && (r.record.modified ?? '') > dataDate) dataDate = r.record.modified ?? '';
      }
      imp.finishSource({ fetchedAt: now.toISOString() });
      report.records += imp.count;
    }
    const hash = seedHash();
    setMeta(db, 'seed_hash', hash);
    setMeta(db, 'seed_stamp', `${seedStamp()}:${hash}`);
    setMeta(db, 'seed_data_date', dataDate || now.toISOString());
  })();
  return report;
}

/** build a fresh seed database at `path`, atomically (temp file + rename) */
export function buildSeedDb(path: string, now = new Date()): BuildReport {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tmpPathFor(path, 'seed');
  try {
    const db = openWritable(tmp);
    const report = importSeed(db, now);
    setMeta(db, 'kind', 'seed');
    setMeta(db, 'built_at', now.toISOString());
    db.close();
    renameSync(tmp, path);
    return report;
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** make sure a usable database exists at `path`; returns why it was (re)built, if it was */
export function ensureDb(path: string, now = new Date()): 'built' | 'rebuilt' | 'migrated' | 'ok' {
  if (!existsSync(path)) {
    buildSeedDb(path, now);
    return 'built';
  }
  let meta: Record<string, string>;
  let version: number;
  try {
    const db = openReadOnly(path);
    try {
      version = schemaVersion(db);
      meta = version > 0 ? readMeta(db) : {};
    } finally {
      db.close();
    }
  } catch {
    buildSeedDb(path, now); // not a database (corrupt or foreign file): the seed replaces it
    return 'rebuilt';
  }
  if (meta.kind !== 'seed' && meta.kind !== undefined) {
    if (version >= SCHEMA_VERSION) return 'ok';
    const db = openWritable(path); // updated data is kept: migrate in place
    db.close();
    return 'migrated';
  }
  if (version !== SCHEMA_VERSION) {
    buildSeedDb(path, now);
    return 'rebuilt';
  }
  // the seed files have the sizes and times they had when this database was built from them: same seed
  const stamp = seedStamp();
  if (meta.seed_hash !== undefined && meta.seed_stamp === `${stamp}:${meta.seed_hash}`) return 'ok';
  const hash = seedHash();
  if (meta.seed_hash !== hash) {
    buildSeedDb(path, now);
    return 'rebuilt';
  }
  // same content, new times (a fresh checkout): remember the stamp so the next scan need not hash again
  try {
    const db = openWritable(path);
    try {
      setMeta(db, 'seed_stamp', `${stamp}:${hash}`);
    } finally {
      db.close();
    }
  } catch {
    /* read-only location or busy: the next scan hashes again */
  }
  return 'ok';
}
