// The bundled CLI runs through a V8 code cache (src/boot/cached-load.ts): a missing cache is reported and
// written, an accepted one is used, a stale or corrupt one is ignored (the bundle compiles as usual) and
// rewritten, and a cache that cannot be written never fails the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { loadCached, shouldWriteCache } from '../../src/boot/cached-load.js';

describe('code cache loader', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aibom-code-cache-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bundle = (name: string) => {
    const file = join(dir, name);
    // CommonJS with its own require and __filename, as esbuild writes the CLI bundle
    writeFileSync(file, `"use strict";\nconst { basename } = require('node:path');\nfunction add(a, b) { return a + b; }\nexports.answer = add(40, 2);\nexports.name = basename(__filename);\nexports.strict = (function () { return this === undefined; })();\n`);
    return file;
  };

  it('runs a bundle without a cache, writes one, and uses it on the next start', () => {
    const file = bundle('a.cjs');
    const first = loadCached(file);
    expect(first.exports).toEqual({ answer: 42, name: 'a.cjs', strict: true });
    expect(first.cache).toBe('missing');
    expect(shouldWriteCache(first)).toBe(true);
    expect(globalThis.__aibomCodeCache).toBe(first);
    expect(first.writeCache()).toBe(true);
    expect(readFileSync(`${file}.cache`).length).toBeGreaterThan(0);
    const second = loadCached(file);
    expect(second.cache).toBe('used');
    expect(second.exports.answer).toBe(42);
    expect(shouldWriteCache(second)).toBe(false);
  });

  it('ignores a corrupt or stale cache and rewrites it', () => {
    const file = bundle('b.cjs');
    writeFileSync(`${file}.cache`, Buffer.from('not a V8 code cache at all'));
    const loaded = loadCached(file);
    expect(loaded.cache).toBe('rejected');
    expect(loaded.exports.answer).toBe(42);
    expect(shouldWriteCache(loaded)).toBe(true);
    expect(loaded.writeCache()).toBe(true);
    expect(loadCached(file).cache).toBe('used');
    // the source changed after the cache was written: V8 refuses the cache, the new source runs
    writeFileSync(file, `exports.answer = 43;\n`);
    const changed = loadCached(file);
    expect(changed.cache).toBe('rejected');
    expect(changed.exports.answer).toBe(43);
  });

  it('reports a cache it cannot write instead of failing', () => {
    const file = bundle('c.cjs');
    mkdirSync(`${file}.cache`); // a folder where the cache file should go: the rename fails
    const loaded = loadCached(file);
    expect(loaded.cache).toBe('missing');
    expect(loaded.writeCache()).toBe(false);
    expect(existsSync(join(`${file}.cache`))).toBe(true);
    // the failed write leaves no temporary file beside the bundle
    expect(readdirSync(dir).filter((n) => n.startsWith('c.cjs.cache.'))).toEqual([]);
    expect(loaded.exports.answer).toBe(42);
  });

  it('does not write a cache while V8 flags differ from those the bundle was loaded with', () => {
    const file = bundle('e.cjs');
    const loaded = loadCached(file);
    setFlagsFromString('--no-wasm-lazy-compilation');
    try {
      // a cache written now would carry another flag hash, and every later start would refuse it
      expect(loaded.writeCache()).toBe(false);
      expect(existsSync(`${file}.cache`)).toBe(false);
    } finally {
      setFlagsFromString('--wasm-lazy-compilation');
    }
    expect(loaded.writeCache()).toBe(true);
    expect(loadCached(file).cache).toBe('used');
  });

  it('writes when asked even when the cache was used (the build writes it after a training scan)', () => {
    const file = bundle('d.cjs');
    loadCached(file).writeCache();
    const used = loadCached(file);
    expect(used.cache).toBe('used');
    process.env.AIBOM_WRITE_CODE_CACHE = '1';
    try {
      expect(shouldWriteCache(used)).toBe(true);
    } finally {
      delete process.env.AIBOM_WRITE_CODE_CACHE;
    }
    expect(shouldWriteCache(undefined)).toBe(false);
  });
});
