#!/usr/bin/env node
// Bundles the command line (src/cli.ts) and the scan worker (src/detect/scan-worker.ts) into dist/cli/ with
// esbuild, then writes their V8 code caches from a training scan of fixtures/demo:
//   cli.cjs, scan-worker.cjs   one CommonJS file each (everything a command may need; lazy parts stay lazy)
//   boot.cjs                   what bin/aibom.js loads first (src/boot/): the loader that runs a .cjs bundle
//                              through vm.Script with <bundle>.cache, and the early scan workers
//   scan-worker-boot.cjs       the worker entry the pool starts (src/boot/scan-worker-boot.ts)
//   *.cjs.cache                the code caches (~0.1 s less start-up for the CLI and for each scan worker)
// A few files instead of ~300 modules, and bytecode instead of parsing 4 MB on every start. bin/aibom.js runs
// the bundle when it is there, else the tsc output in dist/src/. Dependencies are bundled except native and
// WebAssembly loaders, which find their files at run time.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cli');
rmSync(out, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // whitespace and syntax only (~30% less to read and decode at every start); names stay, for stack traces
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};
// packageurl-js makes an Intl.Collator when it loads; making one loads ICU's collation data, ~15 ms of every start.
// Its one use when aibom runs is sorting the purl component names by their order numbers (0-7) as the module
// initialises. In the bundle the collator is made on first use, and two integers from 0 to 9 are compared as the
// collator orders them (their digits) without it. The build stops when the line is not there (a new
// packageurl-js), so the patch is looked at again rather than silently lost.
const COLLATOR_LINE = 'const { compare: localeCompare } = new Intl.Collator()';
const lazyCollator = {
  name: 'lazy-collator',
  setup(b) {
    b.onLoad({ filter: /packageurl-js[\\/]src[\\/]strings\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      if (!src.includes(COLLATOR_LINE)) throw new Error(`${args.path}: "${COLLATOR_LINE}" not found; look at scripts/build-cli.mjs (lazy-collator)`);
      const lazy = [
        'let collator',
        'const digit = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 9',
        'const localeCompare = (a, b) => (digit(a) && digit(b) ? Math.sign(a - b) : (collator ??= new Intl.Collator()).compare(a, b))',
      ].join('\n');
      return { contents: src.replace(COLLATOR_LINE, lazy), loader: 'js' };
    });
  },
};
// ES module semantics in a CommonJS file: strict mode, and import.meta.url as the bundle's own file URL
const cjs = {
  ...common,
  outdir: out,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  banner: { js: `"use strict";\nvar __aibomImportMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
};
await build({
  ...cjs,
  entryPoints: { cli: join(root, 'src', 'cli.ts'), 'scan-worker': join(root, 'src', 'detect', 'scan-worker.ts') },
  define: { 'import.meta.url': '__aibomImportMetaUrl', __AIBOM_WORKER_FILE__: '"./scan-worker-boot.cjs"' },
  // native addon (better-sqlite3) and optional plug-ins of the CycloneDX library that aibom does not use
  external: ['better-sqlite3', 'ajv-formats-draft2019', 'libxmljs2'],
  plugins: [lazyCollator],
});
// what bin/aibom.js loads first (the code-cache loader, the early scan workers), and the worker's entry
await build({
  ...cjs,
  entryPoints: { boot: join(root, 'src', 'boot', 'index.ts'), 'scan-worker-boot': join(root, 'src', 'boot', 'scan-worker-boot.ts') },
  define: { 'import.meta.url': '__aibomImportMetaUrl' },
});

// the training scan: the CLI and its scan worker write their caches when it ends (AIBOM_WRITE_CODE_CACHE=1);
// the worker takes batches at once, so the code it runs is in its cache. AIBOM_SKIP_CODE_CACHE=1 skips this
// (the first scans then write the caches).
if (process.env.AIBOM_SKIP_CODE_CACHE !== '1') {
  const tmp = mkdtempSync(join(tmpdir(), 'aibom-code-cache-'));
  try {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'aibom.js'), 'scan', join(root, 'fixtures', 'demo'), '--no-progress', '-q', '--no-advisories', '--format', 'json', '--output', join(tmp, 'demo.json')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, AIBOM_WRITE_CODE_CACHE: '1', AIBOM_SCAN_WORKERS: '1', AIBOM_SCAN_PARALLEL_AFTER: '0', AIBOM_SCAN_WAIT_WORKERS: '1' },
    });
    const written = ['cli.cjs.cache', 'scan-worker.cjs.cache'].filter((f) => existsSync(join(out, f)));
    if (r.status !== 0 || written.length < 2) {
      process.stderr.write(`aibom: code caches not written (training scan exit ${r.status}; ${written.length}/2 written): ${r.stderr}\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
