#!/usr/bin/env node
// aibom command-line entry. `npm run build` writes the bundled CLI (dist/cli/: CommonJS bundles run with their
// V8 code caches, see src/boot/) and the tsc output (dist/src/, the library); the bundle runs when it is there.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const bundle = fileURLToPath(new URL('../dist/cli/cli.cjs', import.meta.url));
const bootFile = fileURLToPath(new URL('../dist/cli/boot.cjs', import.meta.url));
let main;
/** the loaded bundle, when its code cache should be written after the run (missing, stale, or asked for) */
let writeCacheAfter;
if (existsSync(bundle) && existsSync(bootFile)) {
  const boot = createRequire(import.meta.url)(bootFile);
  // a scan's workers start first: loading their detectors overlaps this thread's start-up
  if (args[0] === 'scan' && !args.includes('--help') && !args.includes('-h')) boot.startEarlyWorkers(new URL('../dist/cli/scan-worker-boot.cjs', import.meta.url));
  const cached = boot.loadCached(bundle);
  main = cached.exports.main;
  if (boot.shouldWriteCache(cached)) writeCacheAfter = cached;
} else {
  ({ main } = await import('../dist/src/cli.js'));
}

main(args).then(
  (code) => {
    process.exitCode = code;
    // a missing or stale code cache (first run after a Node upgrade) is written after the run
    writeCacheAfter?.writeCache();
  },
  (e) => {
    process.stderr.write(`aibom: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
