#!/usr/bin/env node
// Bundles the GitHub Action (src/action-main.ts) into dist/action/index.js, which is committed: GitHub
// runs an action's entry as is and installs no dependencies. Data files (detectors/, advisories/) are
// read from the action's checkout; the tree-sitter grammars are copied next to the bundle.
// better-sqlite3 is a native addon and cannot be bundled: it is aliased to src/db/sqljs-shim.ts
// (SQLite in WebAssembly), whose wasm is copied next to the bundle.
import { build } from 'esbuild';
import { COMMONJS_SHIMS_BANNER } from './esbuild-node.mjs';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// AIBOM_ACTION_OUT lets the test build a second copy to check the committed bundle is current
const out = process.env.AIBOM_ACTION_OUT ?? join(root, 'dist', 'action');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'src', 'action-main.ts')],
  outfile: join(out, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: false,
  legalComments: 'linked',
  logLevel: 'warning',
  banner: { js: COMMONJS_SHIMS_BANNER },
  alias: { 'better-sqlite3': join(root, 'src', 'db', 'sqljs-shim.ts') },
  // optional plug-ins of the CycloneDX library that aibom does not use (validators)
  external: ['ajv-formats-draft2019', 'libxmljs2'],
});
// only the runtime and the grammars aibom parses with
const wasm = join(root, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
mkdirSync(join(out, 'wasm'));
for (const f of ['tree-sitter.js', 'tree-sitter.wasm', ...['python', 'javascript', 'typescript', 'tsx', 'go', 'java', 'c-sharp', 'rust', 'ruby'].map((l) => `tree-sitter-${l}.wasm`)]) {
  cpSync(join(wasm, f), join(out, 'wasm', f));
}
// sql.js's engine, found by src/db/sqljs-shim.ts beside index.js
const sqljs = join(root, 'node_modules', 'sql.js');
cpSync(join(sqljs, 'dist', 'sql-wasm.wasm'), join(out, 'sql-wasm.wasm'));
cpSync(join(sqljs, 'LICENSE'), join(out, 'sql-wasm.wasm.LICENSE.txt')); // MIT (sql.js); SQLite is public domain
console.log(`wrote ${join('dist', 'action', 'index.js')}`);
