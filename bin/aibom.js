#!/usr/bin/env node
// aibom command-line entry: runs the compiled CLI (npm run build writes dist/).
import { main } from '../dist/src/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`aibom: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
