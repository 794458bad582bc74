// Merging two records of the same asset (same key) from different detectors: a full record's scalar
// facts win over a partial one's; lists and properties are unions.
import type { Asset, Location } from './types.js';

function locKey(l: Location): string {
  return `${l.path}\u0000${l.line ?? ''}\u0000${l.column ?? ''}`;
}

/** the union of location lists (the first of equal locations kept), sorted */
export function mergeLocations(...lists: Location[][]): Location[] {
  // reduce merges records with their locations set aside (empty lists): nothing to sort
  if (lists.every((l) => l.length === 0)) return [];
  const seen = new Map<string, Location>();
  for (const list of lists) {
    for (const l of list) {
      const k = locKey(l);
      if (!seen.has(k)) seen.set(k, l);
    }
  }
  return [...seen.values()].sort(compareLocations);
}

export function compareLocations(x: Location, y: Location): number {
  if (x.path !== y.path) return x.path < y.path ? -1 : 1;
  return (x.line ?? 0) - (y.line ?? 0) || (x.column ?? 0) - (y.column ?? 0);
}

function uniq<T>(xs: T[], key: (x: T) => string = (x) => JSON.stringify(x)): T[] {
  const m = new Map<string, T>();
  for (const x of xs) if (!m.has(key(x))) m.set(key(x), x);
  return [...m.values()];
}

/** properties that collect evidence from every record instead of keeping the first value */
const LIST_VALUED = /^aibom:(evidence:|mcp:server$|service:(evidence|env|kind)$|location$)/;

/** lists this module made by union(): sorted, without repeats */
const unions = new WeakSet<string[]>();

/** `[...new Set([...cur, ...v])].sort()`, where cur and v are values or lists. A key merged over and over (a
 *  provider's evidence from hundreds of files) grows one list: when `cur` is a list union() made, the new values
 *  are inserted in order (binary search) into a copy instead of sorting the whole list again. */
function union(cur: string | string[], v: string | string[]): string[] {
  const add = Array.isArray(v) ? v : [v];
  if (!Array.isArray(cur) || !unions.has(cur)) {
    const out = [...new Set([...(Array.isArray(cur) ? cur : [cur]), ...add])].sort();
    unions.add(out);
    return out;
  }
  const out = cur.slice();
  for (const x of add) {
    let lo = 0;
    let hi = out.length;
    // the default sort order: strings by UTF-16 code units, as `<` compares them
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (out[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo < out.length && out[lo] === x) continue;
    out.splice(lo, 0, x);
  }
  unions.add(out);
  return out;
}

function mergeProps(
  a: Record<string, string | string[]> | undefined,
  b: Record<string, string | string[]> | undefined,
): Record<string, string | string[]> | undefined {
  if (!a) return b && { ...b };
  if (!b) return { ...a };
  const out: Record<string, string | string[]> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    if (cur === undefined) out[k] = v;
    else if (Array.isArray(cur) || Array.isArray(v) || (LIST_VALUED.test(k) && cur !== v)) out[k] = union(cur, v);
  }
  return out;
}

/** `primary` wins scalar conflicts; call with the non-partial record first. */
export function mergeAssets(primary: Asset, other: Asset): Asset {
  // { ...other, ...(primary without its undefined values) }, without the intermediate object (reduce merges a
  // provider's record from every file that uses it, in code that runs too rarely to be optimised)
  const merged = { ...other } as Asset & Record<string, unknown>;
  for (const k of Object.keys(primary)) {
    const v = (primary as unknown as Record<string, unknown>)[k];
    if (v !== undefined) merged[k] = v;
  }
  merged.locations = mergeLocations(primary.locations, other.locations);
  merged.properties = mergeProps(primary.properties, other.properties);
  const warnings = primary.warnings?.length || other.warnings?.length ? uniq([...(primary.warnings ?? []), ...(other.warnings ?? [])], (w) => w) : [];
  merged.warnings = warnings.length ? warnings : undefined;
  const licenses = primary.licenses?.length || other.licenses?.length ? uniq([...(primary.licenses ?? []), ...(other.licenses ?? [])], (l) => `${l.spdx ?? ''}|${l.name ?? ''}`) : [];
  merged.licenses = licenses.length ? licenses : undefined;
  const refs =
    primary.externalReferences?.length || other.externalReferences?.length
      ? uniq([...(primary.externalReferences ?? []), ...(other.externalReferences ?? [])], (r) => `${r.type}|${r.url}`)
      : [];
  merged.externalReferences = refs.length ? refs : undefined;
  merged.detectors = [...new Set([...(primary.detectors ?? []), ...(other.detectors ?? [])])].sort();
  merged.partial = primary.partial === true && other.partial === true ? true : undefined;
  if (primary.kind === 'service' && other.kind === 'service') {
    (merged as Asset & { endpoints: string[] }).endpoints = [...new Set([...primary.endpoints, ...other.endpoints])].sort();
    if (primary.authenticated !== undefined || other.authenticated !== undefined) {
      (merged as Asset & { authenticated?: boolean }).authenticated = primary.authenticated === true || other.authenticated === true;
    }
    const models = [...new Set([...(primary.models ?? []), ...(other.models ?? [])])].sort();
    (merged as Asset & { models?: string[] }).models = models.length ? models : undefined;
  }
  if (primary.kind === 'model' && other.kind === 'model' && (primary.card || other.card)) {
    (merged as Asset & { card?: object }).card = { ...(other.card ?? {}), ...stripUndefined(primary.card ?? {}) };
  }
  if (!merged.hashes?.sha256 && other.hashes?.sha256) merged.hashes = other.hashes;
  return merged as Asset;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
