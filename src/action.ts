// GitHub Action entry (bundled to dist/action/index.js by scripts/build-action.mjs and committed).
// Inputs arrive as INPUT_* variables; outputs go to $GITHUB_OUTPUT, the Markdown summary to
// $GITHUB_STEP_SUMMARY, and the top findings become annotations on the pull request.
import * as core from '@actions/core';
import { resolve } from 'node:path';
import type { Finding, Inventory } from './inventory/types.js';
import { executeScan, parseScanArgs, type ScanCliOptions } from './commands/scan.js';
import { toMarkdown } from './emit/markdown.js';
import { AibomError } from './util/errors.js';
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
    const extra = await postScan(run, io, env);
    if (run.exitCode !== 0 || extra !== 0) {
      core.setFailed(run.exitCode !== 0 ? `aibom policy failed: ${run.verdict?.violations.length ?? 0} violation(s)` : 'aibom: a post-scan step failed');
      return run.exitCode || extra;
    }
    return 0;
  } catch (e) {
    const msg = e instanceof AibomError ? e.message : (e as Error).stack ?? String(e);
    core.setFailed(`aibom: ${msg}`);
    return 2;
  }
}

/** Optional steps after the scan: BOM diff against the base branch, Dependency-Track upload. */
type PostScan = (run: Awaited<ReturnType<typeof executeScan>>, io: CommandIO, env: NodeJS.ProcessEnv) => Promise<number>;
let postScan: PostScan = async () => 0;
export function setPostScan(p: PostScan): void {
  postScan = p;
}
