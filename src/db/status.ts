// `db status`: where the database is, what it holds, and how old its data is.
import { existsSync } from 'node:fs';
import { openReadOnly } from './open.js';
import { schemaVersion } from './schema.js';
import { AdvisoryStore } from './store.js';

export interface DbStatus {
  path: string;
  exists: boolean;
  schema?: number;
  kind?: string;
  builtAt?: string;
  updatedAt?: string;
  dataDate?: string;
  ageDays?: number;
  counts?: { advisories: number; packages: number; hashes: number };
  sources: { name: string; records: number; fetchedAt: string; url?: string; etag?: string }[];
}

export function dbStatus(path: string, now = new Date()): DbStatus {
  if (!existsSync(path)) return { path, exists: false, sources: [] };
  const db = openReadOnly(path);
  try {
    const store = new AdvisoryStore(db);
    const meta = store.meta();
    const dataDate = store.dataDate();
    return {
      path,
      exists: true,
      schema: schemaVersion(db),
      kind: meta.kind,
      builtAt: meta.built_at,
      updatedAt: meta.updated_at,
      dataDate,
      ageDays: dataDate ? Math.floor((now.getTime() - Date.parse(dataDate)) / 86_400_000) : undefined,
      counts: store.counts(),
      sources: store.sources().map((s) => ({ name: s.name, records: s.records, fetchedAt: s.fetchedAt, url: s.url, etag: s.etag })),
    };
  } finally {
    db.close();
  }
}

export function formatStatus(s: DbStatus): string {
  if (!s.exists) return `advisory database: ${s.path}\n  not built yet (it is built from the embedded seed on the first scan, or run \`aibom db update\`)\n`;
  const lines = [
    `advisory database: ${s.path}`,
    `  schema v${s.schema}, ${s.kind ?? 'unknown'} data${s.updatedAt ? `, updated ${s.updatedAt}` : s.builtAt ? `, built ${s.builtAt}` : ''}`,
    `  data from ${s.dataDate ?? 'unknown'}${s.ageDays !== undefined ? ` (${s.ageDays} days old${s.ageDays > 7 ? '; run `aibom db update`' : ''})` : ''}`,
    `  ${s.counts?.advisories ?? 0} advisories, ${s.counts?.packages ?? 0} affected packages, ${s.counts?.hashes ?? 0} artifact hashes`,
    '  sources:',
    ...s.sources.map((src) => `    ${src.name.padEnd(22)} ${String(src.records).padStart(7)} records  fetched ${src.fetchedAt}`),
  ];
  return `${lines.join('\n')}\n`;
}
