// The compiled CLI shares large walks with worker threads. Whatever the split, the inventory must be
// byte-identical to the serial path's (AIBOM_SCAN_WORKERS=0). Runs bin/aibom.js (the bundle in dist/cli/),
// building it first when a source or data file is newer than the build.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const BIN = join(ROOT, 'bin', 'aibom.js');
const BUILT = join(ROOT, 'dist', 'cli', 'cli.cjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|ya?ml|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(BUILT).mtimeMs;
  } catch {
    /* not built */
  }
  if (built >= Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'detectors')))) return;
  // what `npm run build` runs: tsc (dist/src), the data cache, the bundle (dist/cli)
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
  for (const script of ['compile-data.mjs', 'build-cli.mjs']) {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', script)], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${script}: ${r.stdout}${r.stderr}`);
  }
  // type errors elsewhere in the tree still emit JavaScript (the bundle does not type-check); only a build that
  // produced nothing is fatal
  if (statSync(BUILT, { throwIfNoEntry: false }) === undefined) throw new Error(`build failed: ${tsc.stdout}${tsc.stderr}`);
}

const PROVIDERS = ['api.openai.com', 'api.anthropic.com', 'api.mistral.ai', 'api.groq.com'];

/** a few thousand source files (1% AI usage), copies of the demo repo, a dependency folder and an archive */
function makeTree(dir: string): void {
  for (let i = 0; i < 3000; i++) {
    const d = join(dir, `pkg${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(d, { recursive: true });
    const host = PROVIDERS[i % PROVIDERS.length];
    const ai = i % 100 === 7;
    const files: [string, string][] = [
      ['py', ai ? `from openai import OpenAI\nclient = OpenAI(base_url="https://${host}/v1")\n` : `import os\n\ndef f${i}(x):\n    return x + ${i}\n`],
      ['ts', ai ? `const r = await fetch("https://${host}/v1/chat/completions", { method: "POST" });\n` : `export const f${i} = (x: number) => x + ${i};\n`],
      ['go', `package main\n\nfunc f${i}(x int) int { return x + ${i} }\n`],
      ['md', `# Notes ${i}\n\nSee https://${host}/docs\n`],
    ];
    const [ext, text] = files[i % files.length];
    writeFileSync(join(d, `file${i}.${ext}`), text);
  }
  for (let i = 0; i < 8; i++) cpSync(join(ROOT, 'fixtures', 'demo'), join(dir, `demo${i}`), { recursive: true });
  const dep = join(dir, 'node_modules', 'embedder');
  mkdirSync(join(dep, 'models'), { recursive: true });
  writeFileSync(join(dep, 'package.json'), JSON.stringify({ name: 'embedder', version: '1.2.3' }));
  cpSync(join(ROOT, 'fixtures', 'demo', 'models', 'tiny.gguf'), join(dep, 'models', 'tiny.gguf'));
  cpSync(join(ROOT, 'fixtures', 'modelscan', 'zip', 'test.zip'), join(dir, 'bundle.zip'));
  writeFileSync(join(dir, '.gitignore'), 'pkg29/\n');
}

function scan(target: string, env: Record<string, string>): { json: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'scan', target, '--no-progress', '-q', '--no-advisories', '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, AIBOM_SCAN_DEBUG: '1', ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  const inv = JSON.parse(r.stdout) as Record<string, unknown>;
  // the only run-dependent fields
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'durationMs' && k !== 'generatedAt' && k !== 'timestamp').map(([k, x]) => [k, strip(x)]));
    }
    return v;
  };
  return { json: JSON.stringify(strip(inv), null, 2), stderr: r.stderr };
}

const SERIAL = { AIBOM_SCAN_WORKERS: '0' };
// the workers start at once and the main thread waits for one to be ready, so they take a share on any machine
const PARALLEL = { AIBOM_SCAN_WORKERS: '2', AIBOM_SCAN_PARALLEL_AFTER: '0', AIBOM_SCAN_WAIT_WORKERS: '1' };

describe('parallel scan (compiled CLI)', () => {
  let tree: string;
  beforeAll(() => {
    ensureBuilt();
    tree = mkdtempSync(join(tmpdir(), 'aibom-parallel-'));
    makeTree(tree);
  });
  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it('gives the serial inventory on the demo repository', () => {
    const serial = scan('fixtures/demo', SERIAL);
    const parallel = scan('fixtures/demo', PARALLEL);
    expect(serial.stderr).toContain('scan workers: not used');
    expect(Number(/scan workers: (\d+) files on workers/.exec(parallel.stderr)?.[1] ?? 0)).toBeGreaterThan(0);
    expect(parallel.json).toBe(serial.json);
    expect(serial.json).toContain('tiny.gguf');
    // the build's training scan wrote both code caches, and V8 accepted them; the native reader is built
    expect(parallel.stderr).toMatch(/code cache: main used, workers used\b/);
    expect(parallel.stderr).toContain('files read by native');
  });

  it('still gives the serial inventory when the workers die', () => {
    const serial = scan('fixtures/demo', SERIAL);
    const failing = scan('fixtures/demo', { ...PARALLEL, AIBOM_SCAN_WORKER_FAIL: '1' });
    expect(failing.stderr).toMatch(/scan workers: \d+ files on workers/);
    expect(failing.json).toBe(serial.json);
  });

  it('gives the serial inventory on a generated tree, whatever share the workers take', () => {
    const serial = scan(tree, SERIAL);
    const parallel = scan(tree, PARALLEL);
    const onWorkers = Number(/scan workers: (\d+) files on workers/.exec(parallel.stderr)?.[1] ?? 0);
    expect(onWorkers).toBeGreaterThan(0);
    expect(parallel.json).toBe(serial.json);
    const inv = JSON.parse(serial.json) as { assets: { kind: string; name: string }[]; findings: unknown[] };
    expect(inv.assets.some((a) => a.kind === 'service')).toBe(true);
    expect(inv.assets.filter((a) => a.kind === 'model').length).toBeGreaterThan(3);
    // default settings (the CLI starts the worker ahead; it takes batches once ready): the same inventory
    expect(scan(tree, {}).json).toBe(serial.json);
    // files read from JavaScript instead of the native reader, on both threads: the same inventory
    expect(scan(tree, { ...PARALLEL, AIBOM_NATIVE: '0' }).json).toBe(serial.json);
    expect(scan(tree, { ...SERIAL, AIBOM_NATIVE: '0' }).json).toBe(serial.json);
    // a scan too small to wait for the worker ends at once and agrees too
    const small = scan('fixtures/demo', {});
    expect(small.json).toBe(scan('fixtures/demo', SERIAL).json);
  });
});
