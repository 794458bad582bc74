// The bundled Action has no native better-sqlite3: it opens the advisory database through the sql.js
// shim. Copy the committed bundle with the package's data files (no node_modules, as in the action's
// checkout on a runner), run it the way the GitHub runner does with a database path that does not
// exist yet, and check the seed is built there and a known-vulnerable pin is reported in the BOM.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const temp = mkdtempSync(join(tmpdir(), 'aibom-action-db-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Vulnerability {
  id?: string;
  affects?: { ref?: string }[];
  references?: { id?: string }[];
}
interface Component {
  'bom-ref'?: string;
  name?: string;
  version?: string;
}

/** what a checkout of the action holds at run time: the bundle and the package's data files */
function standaloneCheckout(): string {
  const co = join(temp, 'checkout');
  const files = (JSON.parse(readFileSync('package.json', 'utf8')) as { files?: string[] }).files ?? [];
  for (const f of ['package.json', 'action.yml', ...files.filter((x) => x !== 'dist' && x !== 'bin')]) {
    if (existsSync(f)) cpSync(resolve(f), join(co, f), { recursive: true });
  }
  cpSync(resolve('dist/action'), join(co, 'dist/action'), { recursive: true });
  expect(existsSync(join(co, 'node_modules'))).toBe(false);
  return join(co, 'dist/action/index.js');
}

function runBundle(bundle: string, workspace: string, dbPath: string) {
  const runner = mkdtempSync(join(temp, 'runner-'));
  const outputFile = join(runner, 'output');
  const summaryFile = join(runner, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const r = spawnSync(process.execPath, [bundle], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: runner,
      AIBOM_DB: dbPath,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runner,
      INPUT_FORMATS: 'cyclonedx-json=out/aibom.cdx.json',
    },
  });
  return { status: r.status, log: `${r.stdout}\n${r.stderr}` };
}

describe('GitHub Action bundle with the advisory database (sql.js)', () => {
  it('builds the seed database at a new AIBOM_DB path and reports transformers 4.30.0 as vulnerable', () => {
    const ws = mkdtempSync(join(temp, 'ws-'));
    writeFileSync(join(ws, 'requirements.txt'), 'transformers==4.30.0\n');
    const dbPath = join(temp, 'cache', 'nested', 'advisories.db');
    expect(existsSync(dbPath)).toBe(false);
    const bundle = standaloneCheckout();
    const r = runBundle(bundle, ws, dbPath);
    expect(r.status, r.log).toBe(0);
    expect(r.log).not.toMatch(/advisory database unavailable/);
    expect(existsSync(dbPath)).toBe(true);
    expect(readdirSync(join(temp, 'cache', 'nested'))).toEqual(['advisories.db']); // no temp file left
    const bom = JSON.parse(readFileSync(join(ws, 'out', 'aibom.cdx.json'), 'utf8')) as { components?: Component[]; vulnerabilities?: Vulnerability[] };
    const tf = (bom.components ?? []).find((c) => c.name === 'transformers');
    expect(tf?.version).toBe('4.30.0');
    const hits = (bom.vulnerabilities ?? []).filter((v) => (v.affects ?? []).some((a) => a.ref === tf?.['bom-ref']));
    // advisories/osv/ghsa: GHSA-3863-2447-669p (CVE-2023-6730, fixed 4.36.0), GHSA-37q5-v5qm-c9v8 (CVE-2024-3568, fixed 4.38.0)
    expect(hits.map((v) => v.id).sort()).toEqual(['GHSA-37q5-v5qm-c9v8', 'GHSA-3863-2447-669p']);
    expect(hits.flatMap((v) => (v.references ?? []).map((x) => x.id)).sort()).toEqual(['CVE-2023-6730', 'CVE-2024-3568']);
    // a second run opens the database it built, read-only, and finds the same
    const again = runBundle(bundle, ws, dbPath);
    expect(again.status, again.log).toBe(0);
    const bom2 = JSON.parse(readFileSync(join(ws, 'out', 'aibom.cdx.json'), 'utf8')) as { vulnerabilities?: Vulnerability[] };
    expect((bom2.vulnerabilities ?? []).length).toBe((bom.vulnerabilities ?? []).length);
  });
});
