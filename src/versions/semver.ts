// npm and crates.io: Semantic Versioning 2.0.0 (build metadata ignored for ordering).
import semver from 'semver';
import type { VersionOrder } from './types.js';

function clean(v: string): string | null {
  return semver.valid(v.trim().replace(/^v(?=\d)/, ''));
}

export function semverOrder(ecosystem: string): VersionOrder {
  return {
    ecosystem,
    valid: (v) => clean(v) !== null,
    compare: (a, b) => semver.compare(clean(a) ?? a, clean(b) ?? b),
  };
}
