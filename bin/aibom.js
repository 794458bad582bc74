#!/usr/bin/env node
// aibom command-line entry. `npm run build` writes the bundled CLI (dist/cli/: one CommonJS bundle run with
// its V8 code cache by dist/cli/cached-load.js, see src/boot/cached-load.ts) and the tsc output (dist/src/, the
// library); the bundle runs when it is there.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/cli.cjs', import.meta.url));
let main;
let cached;
if (existsSync(bundle)) {
  const { loadCached, shouldWriteCache } = await import('../dist/cli/cached-load.js');
  cached = loadCached(bundle);
  main = cached.exports.main;
  cached.wanted = shouldWriteCache(cached);
} else {
  ({ main } = await import('../dist/src/cli.js'));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // a missing or stale code cache (first run after a Node upgrade) is written after the run
    if (cached?.wanted) cached.writeCache();
  },
  (e) => {
    process.stderr.write(`aibom: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
