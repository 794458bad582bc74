// The YAML data files are read through a build-time JSON cache (dist/data-cache.json) keyed by the SHA-256 of
// each file's text: whatever the cache holds, readDataYaml() must give what parsing the file gives.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromCacheEntry, readDataYaml, sha256Text } from '../../src/util/data-file.js';

function dataFiles(): string[] {
  const root = process.cwd();
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'osv') walk(p);
      } else if (/\.ya?ml$/.test(e.name)) out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(join(root, 'detectors'));
  walk(join(root, 'advisories'));
  return out;
}

describe('data files', () => {
  it('reads every YAML data file as parsing it would', () => {
    const files = dataFiles();
    expect(files.length).toBeGreaterThan(15);
    for (const f of files) expect(readDataYaml(f), f).toEqual(parse(readFileSync(f, 'utf8')));
  });

  it('takes a cache entry only for the text it was made from, and hands out copies', () => {
    const text = 'a: [1, 2]\n';
    const entry = { sha256: sha256Text(text), data: { a: [1, 2] } };
    const hit = fromCacheEntry(entry, text);
    expect(hit?.data).toEqual({ a: [1, 2] });
    (hit?.data as { a: number[] }).a.push(3);
    expect(entry.data.a).toEqual([1, 2]);
    expect(fromCacheEntry(entry, 'a: [1, 2, 3]\n')).toBeUndefined();
    expect(fromCacheEntry(undefined, text)).toBeUndefined();
  });
});
