// Truncations and byte flips of every fixture: the router and parsers must return (facts or
// nothing), never throw, and a damaged strong-extension file must not come back clean and empty.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryFile } from '../../src/detect/memory-file.js';
import { modelFacts } from '../../detectors/models/route.js';
import { FIXTURES } from './helpers.js';

const files = ['models', 'gguf', 'models/saved_model']
  .flatMap((dir) => readdirSync(join(FIXTURES, dir)).map((n) => join(dir, n)))
  .filter((rel) => statSync(join(FIXTURES, rel)).isFile() && !/\.(json|tsv)$|SOURCE$/.test(rel));

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('hostile variants of every fixture', () => {
  it.each(files)('%s', async (rel) => {
    const data = readFileSync(join(FIXTURES, rel));
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    const variants: Buffer[] = [];
    for (const frac of [0.1, 0.33, 0.5, 0.9]) variants.push(data.subarray(0, Math.floor(data.length * frac)));
    const rand = rng(data.length);
    for (let k = 0; k < 8; k++) {
      const v = Buffer.from(data.subarray(0, Math.min(data.length, 1 << 16)));
      for (let j = 0; j < 4; j++) v[Math.floor(rand() * v.length)] = Math.floor(rand() * 256);
      variants.push(v);
    }
    for (const v of variants) {
      const facts = await modelFacts(memoryFile(name, v), true);
      if (facts) expect(typeof facts.format).toBe('string');
    }
  });
});
