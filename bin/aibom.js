#!/usr/bin/env node
// aibom command-line entry. `npm run build` writes the bundled CLI (dist/cli/, esbuild: a few files load much
// faster than ~300 modules) and the tsc output (dist/src/, the library); the bundle runs when it is there.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/cli/cli.js', import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/src/cli.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`aibom: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
