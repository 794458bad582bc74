// Go modules: semver with a leading "v"; pseudo-versions (v0.0.0-20240101000000-abcdef123456)
// are pre-releases and order by their timestamp, which semver pre-release ordering already gives.
// "+incompatible" is build metadata and does not affect ordering.
import semver from 'semver';
import type { VersionOrder } from './types.js';

function clean(v: string): string | null {
  const s = v.trim();
  return semver.valid(s.startsWith('v') ? s.slice(1) : s);
}

export const goOrder: VersionOrder = {
  ecosystem: 'Go',
  valid: (v) => clean(v) !== null,
  compare: (a, b) => semver.compare(clean(a) ?? a, clean(b) ?? b),
};
