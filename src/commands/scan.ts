// `aibom scan [PATH] [options]`: one scan, any number of outputs.
import { parseArgs } from 'node:util';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { DEPENDENCY_TRACK_ARG_OPTIONS, dependencyTrackUploadFromArgs } from '../export/command.js';
import type { DependencyTrackUpload } from '../export/dependency-track.js';
import { redactIn } from '../util/redact.js';
import { dirname, relative, resolve, sep } from 'node:path';
import { homedir } from 'node:os';
import { homeConfigPaths } from '../../detectors/agents/index.js';
import { UsageError } from '../util/errors.js';
import { formatNames, rendererFor } from '../emit/formats.js';
import { summaryLine } from '../emit/table.js';
import { makeProgress } from '../util/progress.js';
import { scanInventory, type ScanOptions } from '../scan.js';
import { defaultEnrichers } from '../enrich/defaults.js';
import type { CommandIO } from './io.js';
import { SEVERITY_ORDER, type Severity } from '../inventory/types.js';
import { evaluatePolicy, type Verdict } from '../policy/evaluate.js';
import type { Inventory } from '../inventory/types.js';
import { findPolicy, formatViolations, trustFromPolicy } from '../policy/run.js';
import { TRUST_ARG_OPTIONS, trustFrom } from '../provenance/trust-options.js';
import type { Trust } from '../provenance/types.js';

async function trustFromFlags(flags: ScanCliOptions['trustFlags'], cwd: string): Promise<Trust | undefined> {
  if (Object.values(flags).every((x) => x === undefined)) return undefined;
  const abs = (p: unknown) => (typeof p === 'string' ? resolve(cwd, p) : p);
  const resolved = { ...flags, key: abs(flags.key), 'trusted-root': abs(flags['trusted-root']), ca: Array.isArray(flags.ca) ? flags.ca.map((c) => resolve(cwd, c)) : undefined };
  try {
    return await trustFrom(resolved as ScanCliOptions['trustFlags']);
  } catch (e) {
    throw new UsageError(`${(e as Error).message} (signature trust options)`);
  }
}

export const SCAN_HELP = `Usage: aibom scan [PATH] [options]

Find the AI assets in PATH (a folder, a single file or an archive; default ".") and write an AI-BOM.

Output:
  --format NAME[=FILE]    cyclonedx-json (default), cyclonedx-xml, sarif, markdown, table, json (aibom's
                          inventory JSON).
                          Repeat to write several formats from one scan; NAME=FILE writes that format to FILE.
  --output FILE, -o FILE  write the (first) format to FILE instead of stdout; a summary goes to stderr
  --spec-version V        CycloneDX version: 1.6 (default) or 1.7

What to scan:
  --exclude GLOB          skip paths matching GLOB (.gitignore syntax); repeatable
  --no-gitignore          also scan files that .gitignore excludes (installed dependencies, i.e. node_modules,
                          .venv, site-packages, vendor, are always searched for models and datasets, as they
                          are part of the supply chain; --exclude them to skip)
  --detectors LIST        only these detectors or groups (comma-separated; see "aibom detectors")
  --all-dependencies      list non-AI dependencies from manifests too
  --db FILE               the advisory database (default $AIBOM_DB, else ~/.cache/aibom/advisories.db,
                          built from the bundled seed on first use; "aibom db update" refreshes it)
  --no-advisories         do not match components against the advisory database
  --include-home          also scan your user-level agent configs (MCP servers of Claude, Cursor, VS Code,
                          Gemini, Windsurf ..., global CLAUDE.md / GEMINI.md / AGENTS.md), shown as ~/...

Policy (exit 1 when it fails; violations are printed first):
  --policy FILE           policy file (default: .aibom.yml in the scanned folder, when present)
  --fail-on SEVERITY      fail when a finding has this severity or higher: critical, high, medium, low, info
                          (overrides the policy's fail-on)

Dependency-Track (the BOM is written to disk first, so a failed upload loses nothing):
  --upload                upload the CycloneDX JSON BOM after the scan; API key from DTRACK_API_KEY only
  --url URL, --project UUID | --project-name N --project-version V [--auto-create],
  --parent-name N --parent-version V, --tags a,b, --wait, --timeout S   as for "aibom export dependency-track"

Model signatures (OpenSSF model signing; without these a signature is "present-unverified"):
  --identity SAN --issuer URL   trust keyless (Sigstore) signatures by this exact identity and issuer
  --identity-regex              treat --identity as a regular expression
  --trusted-root FILE           Sigstore trusted_root.json (default: the bundled public-good root)
  --key PEM                     trust signatures made with this public key
  --ca PEM                      trust certificate-chain signatures rooted at this CA (repeatable)

Display:
  --no-progress           no progress line on stderr
  --quiet, -q             print nothing but errors and the requested output
  --no-color              no colours in the table

Environment:
  AIBOM_SCAN_WORKERS=N    scan worker threads besides the main one (default: cores - 2 where the native reader
                          reads ahead on a thread of its own, else cores - 1; at most 3; 0: one thread)
  AIBOM_NATIVE=0          read files from JavaScript instead of the native reader built at install
  AIBOM_PARSE_TIMEOUT_MS=N  stop parsing one source file after N ms (default 10000) and warn about it
  AIBOM_QUICK_PARSE_CHARS=N  parse the first N characters of source with quickly compiled WebAssembly, the
                          rest with code V8 optimises (default 524288; 0: optimised from the start)
  AIBOM_SCAN_DEBUG=1      print the thread split, phase times, and whether the native reader and code caches were used

Exit codes: 0 scan completed, 1 policy failed, 2 usage or runtime error.
`;

export interface ScanCliOptions {
  path: string;
  outputs: { format: string; file?: string }[];
  specVersion: '1.6' | '1.7';
  exclude: string[];
  gitignore: boolean;
  detectors: string[];
  allDependencies: boolean;
  includeHome: boolean;
  dbPath?: string;
  advisories: boolean;
  progress: boolean;
  quiet: boolean;
  color: boolean;
  trustFlags: Record<string, string | boolean | string[] | undefined>;
  policy?: string;
  failOn?: Severity;
  /** Dependency-Track upload settings when --upload is given */
  upload?: Omit<DependencyTrackUpload, 'bom'>;
}

export const SCAN_ARG_OPTIONS = {
  format: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  'spec-version': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  detectors: { type: 'string', multiple: true },
  'all-dependencies': { type: 'boolean' },
  'include-home': { type: 'boolean' },
  db: { type: 'string' },
  'no-advisories': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'no-color': { type: 'boolean' },
  policy: { type: 'string' },
  'fail-on': { type: 'string' },
  upload: { type: 'boolean' },
  ...DEPENDENCY_TRACK_ARG_OPTIONS,
  ...TRUST_ARG_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseScanArgs(args: string[]): ScanCliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args, options: SCAN_ARG_OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. Run "aibom scan --help" for the options.`);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (parsed.positionals.length > 1) {
    throw new UsageError(`scan takes one PATH, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}. Quote paths with spaces.`);
  }
  const spec = v['spec-version'] ?? '1.6';
  if (spec !== '1.6' && spec !== '1.7') throw new UsageError(`--spec-version must be 1.6 or 1.7, not "${spec}".`);
  const outputs = (v.format ?? ['cyclonedx-json']).map((f) => {
    const eq = f.indexOf('=');
    const format = eq < 0 ? f : f.slice(0, eq);
    if (!rendererFor(format)) throw new UsageError(`unknown format "${format}". Use one of: ${formatNames().join(', ')}.`);
    return { format, file: eq < 0 ? undefined : f.slice(eq + 1) };
  });
  if (v.output) {
    const target = outputs.find((o) => o.file === undefined);
    if (!target) throw new UsageError('--output has no format to apply to: every --format already names its file.');
    target.file = v.output;
  }
  if (outputs.filter((o) => o.file === undefined).length > 1) {
    throw new UsageError('only one format can go to stdout; give the others a file with --format NAME=FILE.');
  }
  return {
    path: parsed.positionals[0] ?? '.',
    outputs,
    specVersion: spec,
    exclude: v.exclude ?? [],
    gitignore: !v['no-gitignore'],
    detectors: (v.detectors ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean),
    allDependencies: v['all-dependencies'] === true,
    includeHome: v['include-home'] === true,
    dbPath: v.db,
    advisories: !v['no-advisories'],
    progress: !v['no-progress'] && !v.quiet,
    quiet: v.quiet === true,
    color: !v['no-color'],
    policy: v.policy,
    failOn: parseFailOn(v['fail-on']),
    upload: v.upload ? dependencyTrackUploadFromArgs(v, process.env) : undefined,
    trustFlags: { identity: v.identity, issuer: v.issuer, 'identity-regex': v['identity-regex'], 'trusted-root': v['trusted-root'], key: v.key, ca: v.ca },
  };
}

/** user-level agent configs, displayed as ~/... so reports never carry the home folder's absolute path */
function homeFiles(env: NodeJS.ProcessEnv): { abs: string; display: string }[] {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  return homeConfigPaths(home, process.platform).map((abs) => ({ abs, display: `~/${relative(home, abs).split(sep).join('/')}` }));
}

function parseFailOn(v: string | undefined): Severity | undefined {
  if (v === undefined) return undefined;
  if (!(SEVERITY_ORDER as readonly string[]).includes(v)) throw new UsageError(`--fail-on must be one of ${[...SEVERITY_ORDER].reverse().join(', ')}, not "${v}".`);
  return v as Severity;
}

export interface ScanRun {
  inventory: Inventory;
  verdict?: Verdict;
  /** files written, by format */
  written: { format: string; file: string }[];
  exitCode: number;
}

export async function runScanCommand(args: string[], io: CommandIO): Promise<number> {
  const o = parseScanArgs(args);
  if (o === 'help') {
    io.stdout.write(SCAN_HELP);
    return 0;
  }
  return (await executeScan(o, io)).exitCode;
}

/** One scan, every requested output, the policy verdict. Shared by the CLI and the GitHub Action. */
export async function executeScan(o: ScanCliOptions, io: CommandIO): Promise<ScanRun> {
  const scanRoot = resolve(io.cwd, o.path);
  const loaded = await findPolicy(o.policy, scanRoot, io.cwd);
  const trust = (await trustFromFlags(o.trustFlags, io.cwd)) ?? (loaded ? await trustFromPolicy(loaded) : undefined);
  const progress = makeProgress(io.stderr as NodeJS.WriteStream, o.progress);
  const options: ScanOptions = {
    path: scanRoot,
    gitignore: o.gitignore,
    exclude: o.exclude,
    detectors: o.detectors,
    allDependencies: o.allDependencies,
    extraFiles: o.includeHome ? homeFiles(io.env) : undefined,
    dbPath: o.dbPath ? resolve(io.cwd, o.dbPath) : io.env.AIBOM_DB,
    advisories: o.advisories,
    onProgress: (p) => progress.update(p),
    trust,
  };
  const result = { inventory: await scanInventory({ ...options, enrichers: defaultEnrichers(options) }) };
  progress.done();
  const now = new Date();
  const policy = loaded || o.failOn ? { ...(loaded?.policy ?? {}), ...(o.failOn ? { 'fail-on': o.failOn } : {}) } : undefined;
  const verdict = policy ? evaluatePolicy(result.inventory, policy, now) : undefined;
  if (verdict && !verdict.passed) io.stderr.write(formatViolations(verdict));
  const written: ScanRun['written'] = [];
  for (const out of o.outputs) {
    const text = await rendererFor(out.format)!(result.inventory, {
      specVersion: o.specVersion,
      now,
      verdict,
      color: o.color && out.file === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR,
    });
    if (out.file) {
      const target = resolve(io.cwd, out.file);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
      written.push({ format: out.format, file: target });
    } else {
      io.stdout.write(text);
    }
  }
  if (!o.quiet && o.outputs.every((x) => x.file !== undefined)) {
    const table = await rendererFor('table')!(result.inventory, { specVersion: o.specVersion, now, color: io.stderr.isTTY === true && !io.env.NO_COLOR });
    io.stderr.write(table);
    for (const out of o.outputs) io.stderr.write(`wrote ${out.format} to ${out.file}\n`);
  } else if (!o.quiet && o.outputs[0]?.format !== 'table') {
    io.stderr.write(summaryLine(result.inventory) + '\n');
  }
  if (verdict && !o.quiet) io.stderr.write(verdict.passed ? formatViolations(verdict) : `policy: FAILED (${verdict.violations.length} violation(s), listed above)\n`);
  if (io.env.AIBOM_SCAN_DEBUG) io.stderr.write(`aibom: outputs written at ${performance.now().toFixed(0)} ms\n`);
  let exitCode = verdict && !verdict.passed ? 1 : 0;
  if (o.upload) {
    exitCode = (await uploadAfterScan(o, io, result.inventory, written, now)) ? exitCode : 2;
  }
  return { inventory: result.inventory, verdict, written, exitCode };
}

/** writes the 1.6 JSON BOM if no output holds one, then uploads it; false when the upload failed */
async function uploadAfterScan(o: ScanCliOptions, io: CommandIO, inv: Inventory, written: ScanRun['written'], now: Date): Promise<boolean> {
  const upload = { ...o.upload!, apiKey: io.env.DTRACK_API_KEY ?? o.upload!.apiKey };
  let bomFile = written.find((w) => w.format === 'cyclonedx-json' && o.specVersion === '1.6')?.file;
  if (!bomFile) {
    bomFile = resolve(io.cwd, 'aibom.cdx.json');
    await writeFile(bomFile, await rendererFor('cyclonedx-json')!(inv, { specVersion: '1.6', now, color: false }));
    written.push({ format: 'cyclonedx-json', file: bomFile });
    io.stderr.write(`wrote cyclonedx-json (1.6, for Dependency-Track) to ${bomFile}\n`);
  }
  try {
    // the HTTP client is loaded only for an upload
    const { uploadToDependencyTrack } = await import('../export/dependency-track.js');
    const r = await uploadToDependencyTrack({ ...upload, bom: await readFile(bomFile), bomLabel: bomFile, log: (line) => io.stderr.write(line + '\n') });
    io.stderr.write(`uploaded ${bomFile} to Dependency-Track${r.token ? ` (token ${r.token}${r.processed ? ', processed' : ''})` : ''}\n`);
    return true;
  } catch (e) {
    const secrets = upload.apiKey ? [upload.apiKey] : [];
    io.stderr.write(`aibom scan: upload to Dependency-Track failed: ${redactIn((e as Error).message, secrets)}\nThe BOM is still at ${bomFile}; retry with "aibom export dependency-track ${bomFile} ...".\n`);
    return false;
  }
}
