// Runs a CommonJS bundle (dist/cli/cli.cjs, dist/cli/scan-worker.cjs) with a V8 code cache beside it
// (<bundle>.cache): the functions a scan compiles are read back as bytecode instead of being parsed and
// compiled again on every start. Node 20 has no compile cache for ES modules (module.enableCompileCache came
// in Node 22), hence CommonJS bundles and vm.Script. V8 checks the cache against the source, its version and
// its flags and ignores one that does not match; the bundle then compiles as usual, and the cache is written
// again after the run (when its folder is writable), so a Node upgrade costs one slower start.
// `npm run build` writes both caches after a training scan (scripts/build-cli.mjs, AIBOM_WRITE_CODE_CACHE=1).
// Bundled with early-workers.ts as dist/cli/boot.cjs, which bin/aibom.js loads first: it must not import
// anything of aibom's.
import { accessSync, constants, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { cachedDataVersionTag } from 'node:v8';

export interface CachedBundle {
  exports: Record<string, unknown>;
  /** used: the cache was accepted; rejected: V8 refused it; missing: there was none */
  cache: 'used' | 'rejected' | 'missing';
  /** writes the cache from what this process has compiled so far; false when the folder is read-only, or V8's
   *  flags are no longer those the bundle was loaded with */
  writeCache(): boolean;
}

declare global {
  // the loaded bundle of this thread, so the bundle itself can write its cache when asked (scan workers)
  var __aibomCodeCache: CachedBundle | undefined;
}

const wrap = (Module as unknown as { wrap(s: string): string }).wrap;

export function loadCached(file: string): CachedBundle {
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    /* no cache yet */
  }
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const cache = cachedData === undefined ? 'missing' : script.cachedDataRejected === true ? 'rejected' : 'used';
  // V8's flags are part of the cache's check; a cache written after they changed would be refused by every later
  // start (the tree-sitter engines change WebAssembly flags for a moment and restore them: src/parsers/source/engines.ts)
  const tag = cachedDataVersionTag();
  const mod = { exports: {} as Record<string, unknown> };
  const loaded: CachedBundle = {
    get exports() {
      return mod.exports;
    },
    cache,
    writeCache(): boolean {
      if (cachedDataVersionTag() !== tag) return false;
      // written beside, then renamed into place: a scan starting meanwhile reads the old cache or the new one
      const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      try {
        accessSync(dirname(file), constants.W_OK);
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        return true;
      } catch {
        try {
          rmSync(tmp, { force: true });
        } catch {
          /* nothing was written */
        }
        return false; // read-only install: the bundle compiles on every start, as without a cache
      }
    },
  };
  // set before the bundle runs: a scan worker reports its cache state from its top-level code
  globalThis.__aibomCodeCache = loaded;
  const fn = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: unknown, filename: string, dirname: string) => void;
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  return loaded;
}

/** whether this run should (re)write its code cache at the end: asked for, or the cache is missing or stale */
export function shouldWriteCache(loaded: CachedBundle | undefined): boolean {
  if (!loaded) return false;
  return process.env.AIBOM_WRITE_CODE_CACHE === '1' || loaded.cache !== 'used';
}
