// Runs the committed Action bundle the way the GitHub runner does: INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, GITHUB_WORKSPACE; then checks outputs, files and the exit code.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cycloneDxJsonErrors, sarifErrors } from '../helpers/schema.js';

const BUNDLE = resolve('dist/action/index.js');

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}

function runAction(workspace: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'aibom-runner-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const r = spawnSync(process.execPath, [BUNDLE], {
    cwd: workspace,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AIBOM_DB: process.env.AIBOM_DB, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir, ...inputEnv, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') };
}

function workspaceFrom(fixture: string): string {
  const ws = mkdtempSync(join(tmpdir(), 'aibom-ws-'));
  cpSync(resolve(fixture), ws, { recursive: true });
  return ws;
}

describe('GitHub Action bundle', () => {
  it('scans, writes BOM and SARIF, sets outputs and the job summary', () => {
    const ws = workspaceFrom('fixtures/demo');
    const r = runAction(ws, { formats: 'cyclonedx-json=out/aibom.cdx.json,sarif=out/aibom.sarif', 'spec-version': '1.6' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.bom).toBe(join(ws, 'out/aibom.cdx.json'));
    expect(r.outputs.sarif).toBe(join(ws, 'out/aibom.sarif'));
    expect(r.outputs.verdict).toBe('none');
    expect(Number(r.outputs.models)).toBeGreaterThan(0);
    const bom = JSON.parse(readFileSync(r.outputs.bom, 'utf8'));
    expect(cycloneDxJsonErrors(bom)).toEqual([]);
    const sarif = JSON.parse(readFileSync(r.outputs.sarif, 'utf8'));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(r.summary).toContain('## aibom AI-BOM summary');
    // the top findings become annotations
    expect(r.stdout).toMatch(/^::(error|warning|notice) [^\n]*file=models\/legacy-classifier.pkl/m);
  });

  it('fails the job (exit 1) when the policy fails, with the verdict as output', () => {
    const ws = workspaceFrom('fixtures/demo');
    const r = runAction(ws, { 'fail-on': 'medium' });
    expect(r.status).toBe(1);
    expect(r.outputs.verdict).toBe('failed');
    expect(r.stdout).toContain('::error::aibom policy failed');
    expect(r.summary).toContain('**Policy: failed**');
  });

  it('exits 2 with a clear message on a bad input', () => {
    const ws = workspaceFrom('fixtures/demo');
    const r = runAction(ws, { 'spec-version': '1.2' });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('::error::aibom: --spec-version must be 1.6 or 1.7');
  });
});

describe('committed Action bundle', () => {
  it('is what the build script makes from the current source (run "npm run build:action" after changes)', () => {
    const out = mkdtempSync(join(tmpdir(), 'aibom-bundle-'));
    const r = spawnSync(process.execPath, ['scripts/build-action.mjs'], { encoding: 'utf8', env: { ...process.env, AIBOM_ACTION_OUT: out } });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'index.js'), 'utf8') === readFileSync(BUNDLE, 'utf8'), 'dist/action/index.js is stale: run npm run build:action and commit it').toBe(true);
  });
});
