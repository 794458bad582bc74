// The YAML data files are read through a build-time JSON cache (dist/data-cache.json) keyed by the SHA-256 of
// each file's text: whatever the cache holds, readDataYaml() must give what parsing the file gives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromCacheEntry, readDataYaml, sha256Text, type CacheEntry } from '../../src/util/data-file.js';

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

  it('builds a cache that holds every data file, parsed, under the digest of its text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aibom-data-cache-'));
    try {
      const out = join(dir, 'cache.json');
      const r = spawnSync(process.execPath, ['scripts/compile-data.mjs'], { env: { ...process.env, AIBOM_DATA_CACHE_OUT: out }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const files = (JSON.parse(readFileSync(out, 'utf8')) as { files: Record<string, CacheEntry> }).files;
      expect(Object.keys(files).sort()).toEqual(dataFiles().sort());
      for (const f of dataFiles()) {
        const text = readFileSync(f, 'utf8');
        expect(files[f].sha256, f).toBe(sha256Text(text));
        expect(fromCacheEntry(files[f], text)?.data, f).toEqual(parse(text));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
