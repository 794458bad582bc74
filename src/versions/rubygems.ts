// RubyGems: Gem::Version ordering. Segments are runs of digits or letters; a letter segment makes
// the version a pre-release and sorts before any number at the same position ("1.0.a" < "1.0");
// missing segments count as 0; "-" means ".pre.".
import type { VersionOrder } from './types.js';

const VALID = /^\s*[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\s*$/;

type Segment = bigint | string;

function segments(v: string): Segment[] {
  const text = v.trim().replace(/-/g, '.pre.');
  return (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (/^\d/.test(s) ? BigInt(s) : s));
}

function compare(a: string, b: string): number {
  const x = segments(a);
  const y = segments(b);
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const l = x[i] ?? 0n;
    const r = y[i] ?? 0n;
    if (l === r) continue;
    if (typeof l === 'string' && typeof r !== 'string') return -1;
    if (typeof l !== 'string' && typeof r === 'string') return 1;
    return l < r ? -1 : 1;
  }
  return 0;
}

export const rubygemsOrder: VersionOrder = {
  ecosystem: 'RubyGems',
  valid: (v) => VALID.test(v),
  compare,
};
