// `db update` and `db import`: work on a copy of the current database and swap it in with a
// rename, so an interrupted or failed run leaves the old database intact and usable.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { downloadTo } from './download.js';
import { Importer, setMeta } from './importer.js';
import { openWritable, readMeta } from './open.js';
import { readRecords } from './record-files.js';
import { ensureDb, importSeed, seedHash, tmpPathFor } from './seed.js';

export const DEFAULT_OSV_BASE = 'https://osv-vulnerabilities.storage.googleapis.com';
export const DEFAULT_ECOSYSTEMS = ['PyPI', 'npm', 'Go', 'Maven', 'crates.io', 'NuGet', 'RubyGems'];

export interface SourceOutcome {
  source: string;
  status: 'updated' | 'not-modified' | 'imported';
  records: number;
  errors: number;
}

/** run `work` on a writable copy of the database at `dbPath`, then swap the copy in */
export async function withDbCopy<T>(dbPath: string, now: Date, work: (db: Database.Database, tmp: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(resolve(dbPath)), { recursive: true });
  ensureDb(dbPath, now);
  const tmp = tmpPathFor(dbPath, 'update');
  copyFileSync(dbPath, tmp);
  let db: Database.Database | undefined;
  try {
    db = openWritable(tmp);
    if (readMeta(db).seed_hash !== seedHash()) importSeed(db, now);
    const out = await work(db, tmp);
    setMeta(db, 'kind', 'updated');
    setMeta(db, 'updated_at', now.toISOString());
    db.close();
    db = undefined;
    renameSync(tmp, dbPath);
    return out;
  } finally {
    db?.close();
    rmSync(tmp, { force: true });
  }
}

function importInto(db: Database.Database, source: string, path: string, fetched: { url?: string; etag?: string; lastModified?: string }, now: Date): SourceOutcome {
  let errors = 0;
  const imp = new Importer(db, source);
  db.transaction(() => {
    imp.clearSource();
    for (const r of readRecords(path)) {
      if (r.record) imp.add(r.record);
      else errors++;
    }
    imp.finishSource({ ...fetched, fetchedAt: now.toISOString() });
  })();
  return { source, status: 'imported', records: imp.count, errors };
}

export async function importPath(dbPath: string, path: string, now = new Date()): Promise<SourceOutcome> {
  if (!existsSync(path)) throw new Error(`nothing to import at ${path}`);
  return withDbCopy(dbPath, now, async (db) => importInto(db, `import:${basename(resolve(path))}`, path, {}, now));
}

export interface UpdateOptions {
  dbPath: string;
  base?: string;
  ecosystems?: string[];
  now?: Date;
  onProgress?: (ecosystem: string, received: number, total: number | undefined) => void;
}

export async function updateDb(opts: UpdateOptions): Promise<SourceOutcome[]> {
  const now = opts.now ?? new Date();
  const base = (opts.base ?? DEFAULT_OSV_BASE).replace(/\/+$/, '');
  const ecosystems = opts.ecosystems && opts.ecosystems.length > 0 ? opts.ecosystems : DEFAULT_ECOSYSTEMS;
  return withDbCopy(opts.dbPath, now, async (db, tmp) => {
    const out: SourceOutcome[] = [];
    const prev = db.prepare('SELECT etag, last_modified FROM sources WHERE name = ?');
    const touch = db.prepare('UPDATE sources SET fetched_at = ? WHERE name = ?');
    for (const eco of ecosystems) {
      const source = `osv:${eco}`;
      const url = `${base}/${encodeURIComponent(eco)}/all.zip`;
      const row = prev.get(source) as { etag: string | null; last_modified: string | null } | undefined;
      const zip = `${tmp}.${eco.replace(/[^A-Za-z0-9.]/g, '_')}.zip`;
      try {
        const dl = await downloadTo(url, zip, {
          etag: row?.etag ?? undefined,
          lastModified: row?.last_modified ?? undefined,
          onProgress: (r, t) => opts.onProgress?.(eco, r, t),
        });
        if (dl.status === 'not-modified') {
          touch.run(now.toISOString(), source);
          out.push({ source, status: 'not-modified', records: 0, errors: 0 });
          continue;
        }
        const res = importInto(db, source, zip, { url, etag: dl.etag, lastModified: dl.lastModified }, now);
        out.push({ ...res, status: 'updated' });
      } finally {
        rmSync(zip, { force: true });
      }
    }
    return out;
  });
}
