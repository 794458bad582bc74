// Records of the same asset are merged pairwise, in walk order (src/inventory/reduce.ts mergeByKey). A provider
// used in hundreds of files merges one growing evidence list hundreds of times: the union keeps it sorted by
// insertion instead of re-sorting. The result must be exactly the plain union (Set, then default sort).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mergeByKey } from '../../src/inventory/reduce.js';
import { mergeAssets, mergeLocations } from '../../src/inventory/merge.js';
import { scanInventory } from '../../src/scan.js';
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

describe('mergeAssets, against the plain spreads it was written with', () => {
  // the version before reduce stopped building intermediate objects: the same result, key order included
  function strip<T extends object>(o: T): Partial<T> {
    const out: Partial<T> = {};
    for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    return out;
  }
  const uniqBy = <T>(xs: T[], key: (x: T) => string): T[] => {
    const m = new Map<string, T>();
    for (const x of xs) if (!m.has(key(x))) m.set(key(x), x);
    return [...m.values()];
  };
  function reference(primary: Asset, other: Asset): Asset {
    const merged = { ...other, ...strip(primary) } as Asset & Record<string, unknown>;
    merged.locations = mergeLocations(primary.locations, other.locations);
    const warnings = uniqBy([...(primary.warnings ?? []), ...(other.warnings ?? [])], (w) => w);
    merged.warnings = warnings.length ? warnings : undefined;
    const licenses = uniqBy([...(primary.licenses ?? []), ...(other.licenses ?? [])], (l) => `${l.spdx ?? ''}|${l.name ?? ''}`);
    merged.licenses = licenses.length ? licenses : undefined;
    const refs = uniqBy([...(primary.externalReferences ?? []), ...(other.externalReferences ?? [])], (r) => `${r.type}|${r.url}`);
    merged.externalReferences = refs.length ? refs : undefined;
    return merged;
  }
  // the fields the fast paths touch; the rest of mergeAssets (properties, lists, services, cards) is shared
  const touched = (a: Asset) => {
    const { properties: _p, detectors: _d, partial: _x, endpoints: _e, authenticated: _u, models: _m, card: _c, hashes: _h, ...rest } = a as Asset & Record<string, unknown>;
    return JSON.stringify(rest);
  };

  it('gives the same fields, in the same key order, for records of every kind from the fixture scans', async () => {
    const records: Asset[] = [];
    for (const target of ['fixtures/demo', 'fixtures/shadow-ai', 'fixtures/agents', 'fixtures/huggingface', 'fixtures/sdk/polyglot']) {
      const inv = await scanInventory({ path: join(process.cwd(), target), advisories: false, now: new Date(0) });
      records.push(...inv.assets);
    }
    expect(records.length).toBeGreaterThan(30);
    const next = rng(3);
    let compared = 0;
    for (let i = 0; i < 600; i++) {
      const a = records[Math.floor(next() * records.length)];
      const b = records[Math.floor(next() * records.length)];
      // also with some fields unset, undefined, or emptied, as detectors leave them
      const vary = (x: Asset): Asset => {
        const y = { ...x } as Asset & Record<string, unknown>;
        if (next() < 0.3) y.locations = [];
        if (next() < 0.3) y.warnings = next() < 0.5 ? undefined : ['w1', 'w2'];
        if (next() < 0.2) y.licenses = [];
        if (next() < 0.2) (y as Record<string, unknown>).version = undefined;
        return y;
      };
      const [p, o] = [vary(a), vary(b)];
      expect(touched(mergeAssets(p, o))).toBe(touched(reference(p, o)));
      compared++;
    }
    expect(compared).toBe(600);
  });
});
