#!/usr/bin/env node
// Install step: builds the optional native file reader (src/native, Node-API C) with node-gyp. It only makes
// reading many small files faster; when it cannot be built (no compiler, Windows, no node-gyp) aibom works the
// same from JavaScript, so this prints why and exits 0. AIBOM_SKIP_NATIVE=1 skips it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'native');
const say = (m) => process.stderr.write(`aibom: ${m}\n`);

if (process.env.AIBOM_SKIP_NATIVE === '1') {
  say('native file reader not built (AIBOM_SKIP_NATIVE=1); scans read files from JavaScript');
} else if (process.platform === 'win32') {
  say('native file reader not built on Windows; scans read files from JavaScript');
} else if (!existsSync(join(dir, 'binding.gyp'))) {
  say('native file reader sources missing; scans read files from JavaScript');
} else {
  // npm names its bundled node-gyp in npm_config_node_gyp while running install scripts; else try PATH
  const gyp = process.env.npm_config_node_gyp;
  const [cmd, args] = gyp ? [process.execPath, [gyp, 'rebuild']] : ['node-gyp', ['rebuild']];
  const r = spawnSync(cmd, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status === 0) {
    say('native file reader built');
  } else {
    const why = r.error ? r.error.message : (r.stderr ?? '').split('\n').filter((l) => /ERR!|error/i.test(l)).slice(0, 3).join(' | ');
    say(`native file reader not built (${why || `node-gyp exited with ${r.status}`}); scans read files from JavaScript, a little slower`);
  }
}
