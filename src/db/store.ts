// Read-side queries over the advisory database, with parsed rows cached per scan.
import type Database from 'better-sqlite3';
import type { OsvRange } from '../versions/osv-range.js';
import { normalizeEcosystem, normalizeName } from './names.js';
import { readMeta } from './open.js';
import type { OsvRecord } from './osv-record.js';

/** an advisory as stored: the OSV record's own fields (its affected ranges live in their own table) and its source */
export type AdvisoryRow = Omit<OsvRecord, 'affected'> & { source: string };

export interface AffectedRow {
  advisoryId: string;
  ecosystem: string;
  name: string;
  rawName: string;
  ranges: OsvRange[];
  versions: string[];
}

export interface SourceRow {
  name: string;
  url?: string;
  etag?: string;
  lastModified?: string;
  fetchedAt: string;
  records: number;
}

type Raw = Record<string, string | number | null>;
const opt = (v: string | number | null | undefined): string | undefined => (v === null || v === undefined ? undefined : String(v));

function parseJson<T>(text: string | number | null, fallback: T): T {
  try {
    return typeof text === 'string' ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

export class AdvisoryStore {
  private readonly byPkg: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly byHash: Database.Statement;
  private readonly advCache = new Map<string, AdvisoryRow | undefined>();
  private readonly pkgCache = new Map<string, AffectedRow[]>();

  constructor(readonly db: Database.Database) {
    this.byPkg = db.prepare('SELECT * FROM affected WHERE ecosystem = ? AND name = ?');
    this.byId = db.prepare('SELECT * FROM advisories WHERE id = ?');
    this.byHash = db.prepare('SELECT advisory_id, path FROM artifact_hashes WHERE sha256 = ?');
  }

  private static toAffected(r: Raw): AffectedRow {
    return {
      advisoryId: String(r.advisory_id),
      ecosystem: String(r.ecosystem),
      name: String(r.name),
      rawName: String(r.raw_name),
      ranges: parseJson<OsvRange[]>(r.ranges, []),
      versions: parseJson<string[]>(r.versions, []),
    };
  }

  /** load the affected rows of many packages with a few IN queries (one round trip per 500 names) */
  prefetch(packages: { ecosystem: string; name: string }[]): void {
    const byEco = new Map<string, Set<string>>();
    for (const p of packages) {
      const eco = normalizeEcosystem(p.ecosystem);
      const name = normalizeName(eco, p.name);
      if (this.pkgCache.has(`${eco}\0${name}`)) continue;
      if (!byEco.has(eco)) byEco.set(eco, new Set());
      byEco.get(eco)?.add(name);
    }
    for (const [eco, set] of byEco) {
      const names = [...set];
      for (const n of names) this.pkgCache.set(`${eco}\0${n}`, []);
      for (let i = 0; i < names.length; i += 500) {
        const chunk = names.slice(i, i + 500);
        const stmt = this.db.prepare(`SELECT * FROM affected WHERE ecosystem = ? AND name IN (${chunk.map(() => '?').join(',')})`);
        for (const r of stmt.all(eco, ...chunk) as Raw[]) this.pkgCache.get(`${eco}\0${String(r.name)}`)?.push(AdvisoryStore.toAffected(r));
      }
    }
  }

  affectedFor(ecosystem: string, name: string): AffectedRow[] {
    const eco = normalizeEcosystem(ecosystem);
    const n = normalizeName(eco, name);
    const cached = this.pkgCache.get(`${eco}\0${n}`);
    if (cached) return cached;
    const rows = (this.byPkg.all(eco, n) as Raw[]).map(AdvisoryStore.toAffected);
    this.pkgCache.set(`${eco}\0${n}`, rows);
    return rows;
  }

  advisoriesForHash(sha256: string): { advisoryId: string; path?: string }[] {
    return (this.byHash.all(sha256.toLowerCase()) as Raw[]).map((r) => ({ advisoryId: String(r.advisory_id), path: opt(r.path) }));
  }

  advisory(id: string): AdvisoryRow | undefined {
    if (this.advCache.has(id)) return this.advCache.get(id);
    const r = this.byId.get(id) as Raw | undefined;
    const row: AdvisoryRow | undefined = r && {
      id: String(r.id),
      source: String(r.source),
      modified: opt(r.modified),
      published: opt(r.published),
      withdrawn: opt(r.withdrawn),
      summary: opt(r.summary),
      details: opt(r.details),
      aliases: parseJson<string[]>(r.aliases, []),
      severity: parseJson<{ type: string; score: string }[]>(r.severity, []),
      dbSeverity: opt(r.db_severity),
      references: parseJson<string[]>(r.refs, []),
    };
    this.advCache.set(id, row);
    return row;
  }

  sources(): SourceRow[] {
    return (this.db.prepare('SELECT * FROM sources ORDER BY name').all() as Raw[]).map((r) => ({
      name: String(r.name),
      url: opt(r.url),
      etag: opt(r.etag),
      lastModified: opt(r.last_modified),
      fetchedAt: String(r.fetched_at),
      records: Number(r.records),
    }));
  }

  meta(): Record<string, string> {
    return readMeta(this.db);
  }

  counts(): { advisories: number; packages: number; hashes: number } {
    const n = (sql: string): number => Number(this.db.prepare(sql).pluck().get());
    return {
      advisories: n('SELECT COUNT(*) FROM advisories'),
      packages: n('SELECT COUNT(*) FROM affected'),
      hashes: n('SELECT COUNT(*) FROM artifact_hashes'),
    };
  }

  /** when the data was last refreshed: the oldest downloaded source, else the seed snapshot date */
  dataDate(): string | undefined {
    const fetched = this.sources().filter((s) => !s.name.startsWith('seed:'));
    if (fetched.length > 0) return fetched.map((s) => s.fetchedAt).sort()[0];
    return this.meta().seed_data_date;
  }
}
