// Reads the YAML data files shipped with aibom (detector rules in detectors/, license tables in advisories/).
// Parsing YAML costs a scan's start-up ~0.2 s (and again in every scan worker), so `npm run build` also writes
// dist/data-cache.json (scripts/compile-data.mjs): each file's parsed value as JSON with the SHA-256 of the text
// it came from. A file is taken from the cache only when its text still has that digest, so an edited file is
// always parsed afresh (tests run the TypeScript sources with whatever dist/ holds).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fromRoot } from './package-root.js';

export const DATA_CACHE = 'dist/data-cache.json';

export interface CacheEntry {
  sha256: string;
  data: unknown;
}

let cache: Map<string, CacheEntry> | undefined;

function loadCache(): Map<string, CacheEntry> {
  if (cache) return cache;
  cache = new Map();
  try {
    const raw = JSON.parse(readFileSync(fromRoot(DATA_CACHE), 'utf8')) as { files?: Record<string, CacheEntry> };
    for (const [k, v] of Object.entries(raw.files ?? {})) if (v && typeof v.sha256 === 'string') cache.set(k, v);
  } catch {
    /* no cache (not built, or unreadable): every file is parsed */
  }
  return cache;
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cached value when the entry was made from exactly this text (a fresh copy: callers may change it). */
export function fromCacheEntry(entry: CacheEntry | undefined, text: string): { data: unknown } | undefined {
  return entry && entry.sha256 === sha256Text(text) ? { data: structuredClone(entry.data) } : undefined;
}

/** The parsed value of a YAML data file, by its path under the package root ("detectors/mcp/rules.yml"). */
export function readDataYaml(relPath: string): unknown {
  const text = readFileSync(fromRoot(relPath), 'utf8');
  const hit = fromCacheEntry(loadCache().get(relPath), text);
  return hit ? hit.data : (parse(text) as unknown);
}
