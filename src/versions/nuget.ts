// NuGet: NuGetVersion ordering: up to four numeric parts (missing parts are 0), a release sorts
// after its pre-releases, pre-release labels compare as in SemVer 2 but case-insensitively,
// build metadata is ignored.
import type { VersionOrder } from './types.js';

const RE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

interface NuGetVersion {
  parts: bigint[];
  pre: string[];
}

function parse(v: string): NuGetVersion | undefined {
  const m = RE.exec(v.trim());
  if (!m) return undefined;
  return { parts: [m[1], m[2], m[3], m[4]].map((p) => BigInt(p ?? '0')), pre: m[5] ? m[5].split('.') : [] };
}

function cmpLabel(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (an !== bn) return an ? -1 : 1;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function compare(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) if (a.parts[i] !== b.parts[i]) return a.parts[i] < b.parts[i] ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length === 0 ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const c = cmpLabel(a.pre[i], b.pre[i]);
    if (c !== 0) return c;
  }
  return a.pre.length - b.pre.length;
}

export const nugetOrder: VersionOrder = {
  ecosystem: 'NuGet',
  valid: (v) => parse(v) !== undefined,
  compare: (a, b) => {
    const x = parse(a);
    const y = parse(b);
    return x && y ? compare(x, y) : 0;
  },
};
