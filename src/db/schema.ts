// The advisory database schema, versioned with PRAGMA user_version. Each migration moves the
// schema one version up; a database at a newer version than this code knows is refused.
import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  // 1: advisories, affected packages, artifact hashes, sources, meta
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE sources (name TEXT PRIMARY KEY, url TEXT, etag TEXT, last_modified TEXT,
     fetched_at TEXT NOT NULL, records INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE advisories (id TEXT PRIMARY KEY, source TEXT NOT NULL, modified TEXT, published TEXT,
     withdrawn TEXT, summary TEXT, details TEXT, aliases TEXT NOT NULL, severity TEXT,
     db_severity TEXT, refs TEXT);
   CREATE INDEX advisories_source ON advisories(source);
   CREATE TABLE affected (advisory_id TEXT NOT NULL, ecosystem TEXT NOT NULL, name TEXT NOT NULL,
     raw_name TEXT NOT NULL, purl TEXT, ranges TEXT NOT NULL, versions TEXT NOT NULL);
   CREATE INDEX affected_pkg ON affected(ecosystem, name);
   CREATE INDEX affected_adv ON affected(advisory_id);
   CREATE TABLE artifact_hashes (sha256 TEXT NOT NULL, advisory_id TEXT NOT NULL, path TEXT);
   CREATE INDEX artifact_sha ON artifact_hashes(sha256);
   CREATE INDEX artifact_adv ON artifact_hashes(advisory_id);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** bring a writable database to the current schema version */
export function migrate(db: Database.Database): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new Error(`advisory database schema v${current} is newer than this aibom (v${SCHEMA_VERSION})`);
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
