// Evaluates an OSV `affected` entry against one version, event by event, as the OSV schema
// describes: events sorted by version, "introduced" opens, "fixed" closes (at the fix: not
// affected), "last_affected" closes after that version, "limit" caps the range. GIT ranges
// cannot be matched from a package version and are ignored. `versions` lists match exactly.
import type { VersionOrder } from './types.js';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

export interface OsvAffectedVersions {
  ranges?: OsvRange[];
  versions?: string[];
}

/** true / false when decided; undefined when no usable range or version list decides it */
export type Verdict = boolean | undefined;

function eventVersion(e: OsvEvent): string | undefined {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
}

function cmpVersion(order: VersionOrder | undefined, a: string, b: string): number | undefined {
  if (a === '0') return b === '0' ? 0 : -1;
  if (b === '0') return 1;
  if (!order) return a === b ? 0 : undefined;
  if (!order.valid(a) || !order.valid(b)) return a === b ? 0 : undefined;
  return order.compare(a, b);
}

/** one ECOSYSTEM/SEMVER range; undefined when the version or every event is unorderable */
export function inRange(version: string, range: OsvRange, order: VersionOrder | undefined): Verdict {
  const events = range.events.filter((e) => {
    const v = eventVersion(e);
    return v !== undefined && (v === '0' || !order || order.valid(v));
  });
  if (events.length === 0) return undefined;
  const limits = events.filter((e) => e.limit !== undefined).map((e) => e.limit as string);
  if (limits.length > 0 && !limits.includes('*')) {
    const below = limits.some((l) => (cmpVersion(order, version, l) ?? 1) < 0);
    if (!below) return false;
  }
  const sorted = events
    .filter((e) => e.limit === undefined)
    .sort((a, b) => cmpVersion(order, eventVersion(a) as string, eventVersion(b) as string) ?? 0);
  let affected = false;
  let decided = false;
  for (const e of sorted) {
    if (e.introduced !== undefined) {
      const c = e.introduced === '0' ? 1 : cmpVersion(order, version, e.introduced);
      if (c === undefined) continue;
      decided = true;
      if (c >= 0) affected = true;
    } else if (e.fixed !== undefined) {
      const c = cmpVersion(order, version, e.fixed);
      if (c === undefined) continue;
      decided = true;
      if (c >= 0) affected = false;
    } else if (e.last_affected !== undefined) {
      const c = cmpVersion(order, version, e.last_affected);
      if (c === undefined) continue;
      decided = true;
      if (c > 0) affected = false;
    }
  }
  return decided ? affected : undefined;
}

function looseKey(v: string): string {
  return v.toLowerCase().replace(/^v/, '').replace(/(\.0+)+(?=$|[^0-9.])/, '');
}

/** is this exact version affected? */
export function isAffected(given: string, aff: OsvAffectedVersions, order: VersionOrder | undefined): Verdict {
  const list = aff.versions ?? [];
  if (list.includes(given)) return true;
  const version = order?.matchVersion ? order.matchVersion(given) : given;
  if (list.includes(version)) return true;
  if (order?.valid(version) && list.length > 0) {
    // "1.0" lists "1.0.0": compare only the entries that can be equal (same text without trailing zeros)
    const k = looseKey(version);
    if (list.some((v) => looseKey(v) === k && order.valid(v) && order.compare(v, version) === 0)) return true;
  }
  const usable = (aff.ranges ?? []).filter((r) => r.type === 'ECOSYSTEM' || r.type === 'SEMVER');
  if (!order && usable.length > 0 && !usable.every((r) => r.events.every((e) => eventVersion(e) === '0'))) {
    // no ordering for this ecosystem: only "everything from 0" ranges can decide
    return list.length > 0 ? false : undefined;
  }
  if (order && !order.valid(version)) return list.length > 0 ? false : undefined;
  let verdict: Verdict = list.length > 0 ? false : undefined;
  for (const r of usable) {
    const v = inRange(version, r, order);
    if (v === true) return true;
    if (v === false) verdict = false;
  }
  if (usable.length === 0 && list.length === 0 && (aff.ranges ?? []).length === 0) return true; // no bounds: all versions
  return verdict;
}

/** versions named by the ranges as fixes (for recommendations) */
export function fixedVersions(aff: OsvAffectedVersions): string[] {
  const out: string[] = [];
  for (const r of aff.ranges ?? []) {
    if (r.type === 'GIT') continue;
    for (const e of r.events) if (e.fixed !== undefined && !out.includes(e.fixed)) out.push(e.fixed);
  }
  return out;
}

/** every version an event names (used to bound unpinned requirements) */
export function eventVersions(aff: OsvAffectedVersions): string[] {
  const out: string[] = [];
  for (const r of aff.ranges ?? []) {
    if (r.type === 'GIT') continue;
    for (const e of r.events) {
      const v = eventVersion(e);
      if (v !== undefined && v !== '0' && v !== '*') out.push(v);
    }
  }
  return out;
}
