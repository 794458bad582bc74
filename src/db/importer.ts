// Writes OSV records into an open, writable advisory database. A record replaces any earlier
// record with the same id (newer data wins); call inside a transaction for speed.
import type Database from 'better-sqlite3';
import { normalizeEcosystem, normalizeName } from './names.js';
import type { OsvRecord } from './osv-record.js';

export class Importer {
  private readonly delAdv: Database.Statement;
  private readonly delAff: Database.Statement;
  private readonly delHash: Database.Statement;
  private readonly insAdv: Database.Statement;
  private readonly insAff: Database.Statement;
  private readonly insHash: Database.Statement;
  count = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly source: string,
  ) {
    this.delAdv = db.prepare('DELETE FROM advisories WHERE id = ?');
    this.delAff = db.prepare('DELETE FROM affected WHERE advisory_id = ?');
    this.delHash = db.prepare('DELETE FROM artifact_hashes WHERE advisory_id = ?');
    this.insAdv = db.prepare(
      `INSERT INTO advisories (id, source, modified, published, withdrawn, summary, details, aliases, severity, db_severity, refs)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insAff = db.prepare(
      'INSERT INTO affected (advisory_id, ecosystem, name, raw_name, purl, ranges, versions) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insHash = db.prepare('INSERT INTO artifact_hashes (sha256, advisory_id, path) VALUES (?, ?, ?)');
  }

  /** remove every record a source contributed (before re-importing that source) */
  clearSource(): void {
    const ids = this.db.prepare('SELECT id FROM advisories WHERE source = ?').pluck().all(this.source) as string[];
    for (const id of ids) this.remove(id);
  }

  private remove(id: string): void {
    this.delAff.run(id);
    this.delHash.run(id);
    this.delAdv.run(id);
  }

  add(r: OsvRecord): void {
    this.remove(r.id);
    this.insAdv.run(
      r.id,
      this.source,
      r.modified ?? null,
      r.published ?? null,
      r.withdrawn ?? null,
      r.summary ?? null,
      r.details ?? null,
      JSON.stringify(r.aliases),
      JSON.stringify(r.severity),
      r.dbSeverity ?? null,
      JSON.stringify(r.references.slice(0, 50)),
    );
    for (const a of r.affected) {
      const eco = normalizeEcosystem(a.ecosystem);
      this.insAff.run(r.id, eco, normalizeName(eco, a.name), a.name, a.purl ?? null, JSON.stringify(a.ranges), JSON.stringify(a.versions));
      for (const h of a.sha256) this.insHash.run(h.sha256, r.id, h.path ?? null);
    }
    this.count++;
  }

  /** record (or refresh) the source row */
  finishSource(info: { url?: string; etag?: string; lastModified?: string; fetchedAt: string }): void {
    const n = this.db.prepare('SELECT COUNT(*) FROM advisories WHERE source = ?').pluck().get(this.source) as number;
    this.db
      .prepare(
        `INSERT INTO sources (name, url, etag, last_modified, fetched_at, records) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified,
         fetched_at = excluded.fetched_at, records = excluded.records`,
      )
      .run(this.source, info.url ?? null, info.etag ?? null, info.lastModified ?? null, info.fetchedAt, n);
  }
}

export function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
