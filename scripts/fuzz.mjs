#!/usr/bin/env node
// Robustness smoke test (not part of `npm test`): mutates the repository's fixture files (bit flips, truncation,
// runs of 0xff, random bytes in the first 512 bytes), scans each batch of 25 with the built CLI, and reports every
// scan that exits with a code other than 0 or 1, prints a stack trace, or takes longer than 5 s. Batches that
// pass are deleted; failing ones are kept under fuzz-work/ to reproduce.
//
//   node scripts/fuzz.mjs [models|text] [seed] [rounds]     (npm run build first)
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'fuzz-work');
const [kind = 'models', seed0 = '1', rounds0 = '20'] = process.argv.slice(2);
const MODELS = /\.(safetensors|gguf|onnx|pt|pth|pkl|pickle|npy|npz|keras|h5|tflite|pb|zip|joblib|mlmodel|parquet|arrow|gz)$/;
const TEXT = /(\.(py|ts|js|json|ya?ml|toml|md|ipynb|go|java|cs|rs|rb|jinja|lock|txt|xml|gradle|env|tf)|^Modelfile)$/;
const want = kind === 'text' ? TEXT : MODELS;
const limit = kind === 'text' ? 200 << 10 : 2 << 20;

function collect(dir, out = []) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    const st = statSync(p);
    if (st.isDirectory()) collect(p, out);
    else if (want.test(e) && st.size < limit) out.push(p);
  }
  return out;
}

const files = collect(join(ROOT, 'fixtures'));
let seed = Number(seed0);
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
let failed = 0;
for (let r = 0; r < Number(rounds0); r++) {
  const dir = join(WORK, `${kind}-${seed0}-${r}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let k = 0; k < 25; k++) {
    const f = files[Math.floor(rnd() * files.length)];
    const b = Buffer.from(readFileSync(f));
    let out = b;
    const how = Math.floor(rnd() * 4);
    if (how === 0) for (let j = 0; j < 1 + rnd() * 20; j++) b[Math.floor(rnd() * b.length)] ^= 1 << Math.floor(rnd() * 8);
    else if (how === 1) out = b.subarray(0, Math.floor(rnd() * b.length));
    else if (how === 2) {
      const at = Math.floor(rnd() * Math.min(b.length, 4096));
      for (let j = 0; j < 8 && at + j < b.length; j++) b[at + j] = 0xff;
    } else {
      const at = Math.floor(rnd() * Math.min(b.length, 512));
      for (let j = 0; j < 4 && at + j < b.length; j++) b[at + j] = Math.floor(rnd() * 256);
    }
    writeFileSync(join(dir, `${k}-${basename(f)}`), out);
  }
  const t = Date.now();
  const res = spawnSync(process.execPath, [join(ROOT, 'bin', 'aibom.js'), 'scan', dir, '--no-progress', '-q', '--format', 'json', '--output', `${dir}.json`], { encoding: 'utf8', timeout: 60_000 });
  const ms = Date.now() - t;
  if ((res.status !== 0 && res.status !== 1) || ms > 5000 || /\n\s+at .*:\d+:\d+/.test(res.stderr)) {
    failed++;
    console.log(`FAIL ${dir}: exit ${res.status} ${res.signal ?? ''} in ${ms} ms\n${res.stderr.slice(0, 2000)}`);
  } else {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.json`, { force: true });
  }
}
console.log(failed ? `${failed} of ${rounds0} batches failed (kept under fuzz-work/)` : `${rounds0} batches of 25 mutated ${kind} files: no crash, no hang`);
process.exitCode = failed ? 1 : 0;
