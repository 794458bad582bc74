// Unpinned requirements (">=2.3", "^4.1", "~> 1.2"): a scan cannot know the resolved version, so it
// reports "possibly affected" unless the requirement's lower bound is past every event of the
// advisory and not itself affected (then no admissible version can be affected).
import semver from 'semver';
import { isAffected, eventVersions, type OsvAffectedVersions } from './osv-range.js';
import type { VersionOrder } from './types.js';

const LOWER_OPS = /(>=|~=|===|==|\^|~>|~|>|\[)\s*v?([0-9][0-9A-Za-z.+!_-]*)/g;

/** the smallest version a requirement admits, when it can be read from the text */
export function lowerBound(ecosystem: string, spec: string, order: VersionOrder): string | undefined {
  const eco = ecosystem.toLowerCase();
  if (eco === 'npm' || eco === 'crates.io') {
    try {
      return semver.minVersion(spec)?.version;
    } catch {
      /* not a node-semver range: read it as text below */
    }
  }
  let best: string | undefined;
  for (const m of spec.matchAll(LOWER_OPS)) {
    const v = m[2].replace(/[.,]+$/, '');
    if (!order.valid(v)) continue;
    if (best === undefined || order.compare(v, best) > 0) best = v;
  }
  if (best === undefined && order.valid(spec.trim())) return spec.trim();
  return best;
}

/** true when some version the requirement admits may be affected */
export function requirementMayBeAffected(
  ecosystem: string,
  spec: string,
  aff: OsvAffectedVersions,
  order: VersionOrder | undefined,
): boolean {
  if (!order) return true;
  const lower = lowerBound(ecosystem, spec, order);
  if (lower === undefined) return true;
  if (isAffected(lower, aff, order) !== false) return true;
  const events = eventVersions(aff).filter((v) => order.valid(v));
  return events.some((v) => order.compare(v, lower) > 0);
}
