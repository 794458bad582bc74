// Records of the same asset are merged pairwise, in walk order (src/inventory/reduce.ts mergeByKey). A provider
// used in hundreds of files merges one growing evidence list hundreds of times: the union keeps it sorted by
// insertion instead of re-sorting. The result must be exactly the plain union (Set, then default sort).
import { describe, expect, it } from 'vitest';
import { mergeByKey } from '../../src/inventory/reduce.js';
import type { Asset } from '../../src/inventory/types.js';

/** a small deterministic generator (tests must not depend on Math.random) */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['b', 'a', 'B', 'ä', 'z', '10', '9', 'a b', '\u{1F600}', '\uFF21', 'evidence:x', 'import openai'];

describe('merging many records of one asset', () => {
  it('gives the plain sorted union of every list-valued property, whatever the order and repeats', () => {
    const next = rng(7);
    const pick = () => WORDS[Math.floor(next() * WORDS.length)];
    for (let round = 0; round < 30; round++) {
      const records: Asset[] = [];
      const expected = new Map<string, Set<string>>();
      const n = 2 + Math.floor(next() * 200);
      for (let i = 0; i < n; i++) {
        const props: Record<string, string | string[]> = {};
        for (const key of ['aibom:service:evidence', 'aibom:service:env', 'aibom:evidence:import']) {
          if (next() < 0.3) continue;
          const v = next() < 0.5 ? pick() : [pick(), pick()];
          props[key] = v;
          const set = expected.get(key) ?? new Set<string>();
          for (const x of Array.isArray(v) ? v : [v]) set.add(x);
          expected.set(key, set);
        }
        records.push({ key: 'svc:openai', kind: 'service', name: 'OpenAI', endpoints: [], locations: [{ path: `f${i}.py`, line: 1 }], properties: props } as unknown as Asset);
      }
      const merged = mergeByKey(records).get('svc:openai');
      for (const [key, set] of expected) {
        const got = merged?.properties?.[key];
        // a key seen once with one value stays a value; otherwise the plain union
        const plain = [...set].sort();
        const seenOnce = records.filter((r) => r.properties?.[key] !== undefined).length === 1 && !Array.isArray(records.find((r) => r.properties?.[key] !== undefined)?.properties?.[key]);
        if (seenOnce || (plain.length === 1 && !Array.isArray(got))) expect(Array.isArray(got) ? got : [got]).toEqual(plain);
        else expect(got, `${key} round ${round}`).toEqual(plain);
      }
      expect(merged?.locations).toHaveLength(n);
    }
  });
});
