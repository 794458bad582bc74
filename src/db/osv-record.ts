// Narrows an OSV record (JSON or YAML, already parsed to unknown) to the fields aibom stores.
// Anything malformed becomes an error string naming what is wrong, never a throw.
import type { OsvRange } from '../versions/osv-range.js';

export interface OsvAffected {
  ecosystem: string;
  name: string;
  purl?: string;
  ranges: OsvRange[];
  versions: string[];
  /** known-bad artifact SHA-256s (aibom curated records: ecosystem_specific.sha256) */
  sha256: { sha256: string; path?: string }[];
}

export interface OsvRecord {
  id: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  summary?: string;
  details?: string;
  aliases: string[];
  severity: { type: string; score: string }[];
  dbSeverity?: string;
  references: string[];
  affected: OsvAffected[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : v instanceof Date ? v.toISOString() : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => arr(v).map(str).filter((s): s is string => s !== undefined);

function parseRange(v: unknown): OsvRange | undefined {
  if (!isObj(v) || typeof v.type !== 'string') return undefined;
  const events = arr(v.events)
    .filter(isObj)
    .map((e) => {
      const out: OsvRange['events'][number] = {};
      for (const k of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
        const s = str(e[k]);
        if (s !== undefined) out[k] = s;
      }
      return out;
    })
    .filter((e) => Object.keys(e).length > 0);
  return { type: v.type, events };
}

function parseAffected(v: unknown): OsvAffected | undefined {
  if (!isObj(v) || !isObj(v.package)) return undefined;
  const ecosystem = str(v.package.ecosystem);
  const name = str(v.package.name);
  if (!ecosystem || !name) return undefined;
  const spec = isObj(v.ecosystem_specific) ? v.ecosystem_specific : {};
  const sha256 = arr(spec.sha256)
    .map((h) => (isObj(h) ? { sha256: str(h.sha256), path: str(h.path) } : { sha256: str(h), path: undefined }))
    .filter((h): h is { sha256: string; path: string | undefined } => !!h.sha256 && /^[0-9a-f]{64}$/i.test(h.sha256))
    .map((h) => ({ sha256: h.sha256.toLowerCase(), ...(h.path ? { path: h.path } : {}) }));
  return {
    ecosystem,
    name,
    purl: str(v.package.purl),
    ranges: arr(v.ranges).map(parseRange).filter((r): r is OsvRange => r !== undefined),
    versions: strs(v.versions),
    sha256,
  };
}

export function parseOsvRecord(v: unknown): OsvRecord | string {
  if (!isObj(v)) return 'not an OSV record (expected an object)';
  const id = str(v.id);
  if (!id || id.length > 200) return 'OSV record without a valid "id"';
  const dbs = isObj(v.database_specific) ? v.database_specific : {};
  return {
    id,
    modified: str(v.modified),
    published: str(v.published),
    withdrawn: str(v.withdrawn),
    summary: str(v.summary),
    details: str(v.details),
    aliases: strs(v.aliases).filter((a) => a !== id),
    severity: arr(v.severity)
      .filter(isObj)
      .map((s) => ({ type: str(s.type) ?? '', score: str(s.score) ?? '' }))
      .filter((s) => s.score !== ''),
    dbSeverity: str(dbs.severity),
    references: arr(v.references)
      .filter(isObj)
      .map((r) => str(r.url))
      .filter((u): u is string => u !== undefined),
    affected: arr(v.affected).map(parseAffected).filter((a): a is OsvAffected => a !== undefined),
  };
}
