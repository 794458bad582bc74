// GitHub Action entry (bundled to dist/action/index.js by scripts/build-action.mjs and committed).
// Inputs arrive as INPUT_* variables; outputs go to $GITHUB_OUTPUT, the Markdown summary to
// $GITHUB_STEP_SUMMARY, and the top findings become annotations on the pull request.
import * as core from '@actions/core';
import { resolve } from 'node:path';
import type { Finding, Inventory } from './inventory/types.js';
import { existsSync } from 'node:fs';
import { executeScan, parseScanArgs, type ScanCliOptions, type ScanRun } from './commands/scan.js';
import { diffBoms, evaluateGate, GATE_KINDS, newCount, parseGateKinds, readBomFile, renderDiff } from './diff/index.js';
import { toMarkdown } from './emit/markdown.js';
import { AibomError, UsageError } from './util/errors.js';
import type { CommandIO } from './commands/io.js';

const MAX_ANNOTATIONS = 10;

function scanArgs(): string[] {
  const args = [core.getInput('path') || '.', '--no-progress', '--no-color'];
  const formats = (core.getInput('formats') || 'cyclonedx-json=aibom.cdx.json,sarif=aibom.sarif')
    .split(/[,\n]/)
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of formats) args.push('--format', f.includes('=') ? f : `${f}=aibom.${f.replace('cyclonedx-', 'cdx.')}`);
  const flag = (input: string, name = input) => {
    const v = core.getInput(input);
    if (v) args.push(`--${name}`, v);
  };
  flag('policy');
  flag('fail-on');
  flag('spec-version');
  for (const ex of core.getMultilineInput('exclude')) args.push('--exclude', ex);
  if (core.getInput('all-dependencies') === 'true') args.push('--all-dependencies');
  if (core.getInput('upload') === 'true') {
    args.push('--upload');
    flag('dependency-track-url', 'url');
    flag('dependency-track-project', 'project');
    flag('dependency-track-project-name', 'project-name');
    flag('dependency-track-project-version', 'project-version');
    if (core.getInput('dependency-track-auto-create') === 'true') args.push('--auto-create');
  }
  return args;
}

function annotate(f: Finding): void {
  const props = { title: `${f.ruleId}: ${f.title}`.slice(0, 250), file: f.location.path.split('!/')[0], startLine: f.location.line };
  const text = `${f.message}${f.recommendation ? `\n${f.recommendation}` : ''}`;
  if (f.severity === 'critical' || f.severity === 'high') core.error(text, props);
  else if (f.severity === 'medium') core.warning(text, props);
  else core.notice(text, props);
}

function countOutputs(inv: Inventory): void {
  const n = (k: string) => String(inv.assets.filter((a) => a.kind === k).length);
  core.setOutput('models', n('model'));
  core.setOutput('datasets', n('dataset'));
  core.setOutput('services', n('service'));
  core.setOutput('libraries', n('library'));
  core.setOutput('findings', String(inv.findings.length));
  for (const s of ['critical', 'high', 'medium', 'low'] as const) core.setOutput(s, String(inv.findings.filter((f) => f.severity === s).length));
}

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const cwd = env.GITHUB_WORKSPACE ? resolve(env.GITHUB_WORKSPACE) : process.cwd();
  const io: CommandIO = { stdout: process.stdout, stderr: process.stderr, env, cwd };
  try {
    const parsed = parseScanArgs(scanArgs());
    if (parsed === 'help') return 0;
    const options: ScanCliOptions = { ...parsed, quiet: false };
    const run = await executeScan(options, io);
    const inv = run.inventory;
    countOutputs(inv);
    for (const w of run.written) {
      if (w.format === 'cyclonedx-json' || w.format === 'cyclonedx-xml') core.setOutput('bom', w.file);
      if (w.format === 'sarif') core.setOutput('sarif', w.file);
      if (w.format === 'markdown') core.setOutput('markdown', w.file);
    }
    core.setOutput('verdict', run.verdict ? (run.verdict.passed ? 'passed' : 'failed') : 'none');
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const top = [...inv.findings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity)).slice(0, MAX_ANNOTATIONS);
    for (const f of top) annotate(f);
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(toMarkdown(inv, { policy: run.verdict }), true).write();
    const gate = await diffAgainstBase(run, env, cwd);
    if (run.exitCode === 2) {
      core.setFailed('aibom: the upload to Dependency-Track failed (the BOM was written; see the log)');
      return 2;
    }
    if (run.exitCode !== 0 || gate !== 0) {
      core.setFailed(run.exitCode !== 0 ? `aibom policy failed: ${run.verdict?.violations.length ?? 0} violation(s)` : 'aibom: the pull request adds items that fail-on-new forbids');
      return 1;
    }
    return 0;
  } catch (e) {
    const msg = e instanceof AibomError ? e.message : (e as Error).stack ?? String(e);
    core.setFailed(`aibom: ${msg}`);
    return 2;
  }
}

/** With base-bom: diff the new BOM against the base branch's, summarise it, and gate on new items. */
async function diffAgainstBase(run: ScanRun, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const base = core.getInput('base-bom');
  if (!base) return 0;
  const head = run.written.find((w) => w.format === 'cyclonedx-json')?.file;
  if (!head) throw new UsageError('base-bom needs a cyclonedx-json output in formats to compare with.');
  const basePath = resolve(cwd, base);
  if (!existsSync(basePath)) {
    core.warning(`base-bom ${base} does not exist: no diff (first run on this branch?)`);
    return 0;
  }
  const diff = diffBoms(await readBomFile(basePath, 'the base BOM'), await readBomFile(head, 'the new BOM'));
  const kinds = parseGateKinds((core.getInput('fail-on-new') || '').split(',').map((k) => k.trim()).filter(Boolean));
  const gate = evaluateGate(diff, kinds);
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderDiff(diff, 'markdown', gate), true).write();
  core.setOutput('diff-new', String(GATE_KINDS.reduce((n, k) => n + newCount(diff, k), 0)));
  if (gate.failed) {
    for (const r of gate.reasons) core.error(`the pull request adds ${r.count} new ${r.kind} item(s) (fail-on-new)`);
    return 1;
  }
  return 0;
}
