// Detector.rejects() lets the runner skip a detector from a file's bytes alone. It must never be true for a file
// the detector would report anything about: this runs every detector on every fixture file it selects (and on
// the rule files' must-match snippets) and checks that each rejection was right. It also checks that plain
// source files are rejected, so the pre-check does its job.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detect/registry.js';
import { makeSelector } from '../../src/detect/select.js';
import { precheck } from '../../src/detect/precheck.js';
import { extOf, memoryFile } from '../../src/detect/memory-file.js';
import { fsFile } from '../../src/walk/fs-file.js';
import { lazySizeRef } from '../../src/walk/walker.js';
import type { DetectContext, DetectResult, Detector, FileRef, ScanFile } from '../../src/detect/types.js';
import { loadPackageTable } from '../../detectors/sdk/packages.js';
import { loadProviders } from '../../detectors/shadow-ai/providers.js';

const ctx: DetectContext = { signal: new AbortController().signal, options: { allDependencies: false } };
const hasher = { sha256: async () => '0'.repeat(64) };
const SMALL = 256 * 1024;

function fixtureFiles(): { abs: string; path: string; listing: string[] }[] {
  const root = join(process.cwd(), 'fixtures');
  const out: { abs: string; path: string; listing: string[] }[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    const listing = entries.map((e) => e.name).sort();
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && statSync(p).size <= SMALL) out.push({ abs: p, path: relative(root, p).split('\\').join('/'), listing });
    }
  };
  walk(root);
  return out;
}

function refOf(path: string, size: number): FileRef {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return { path, name, ext: extOf(name), size };
}

const reports = (r: DetectResult) => (r.assets?.length ?? 0) + (r.findings?.length ?? 0) + (r.warnings?.length ?? 0);

async function wrongRejections(cases: { ref: FileRef; content: Buffer; listing?: string[]; file: () => ScanFile }[]): Promise<{ wrong: string[]; rejected: number; checked: number }> {
  const select = makeSelector(allDetectors());
  const wrong: string[] = [];
  let rejected = 0;
  let checked = 0;
  for (const c of cases) {
    for (const d of select(c.ref)) {
      if (!d.rejects) continue;
      checked++;
      if (!d.rejects(c.ref, c.content, c.listing)) continue;
      rejected++;
      const r = await d.detect(c.file(), ctx);
      if (reports(r) > 0) wrong.push(`${d.id} rejected ${c.ref.path} but reports ${JSON.stringify(r).slice(0, 200)}`);
    }
  }
  return { wrong, rejected, checked };
}

describe('Detector.rejects', () => {
  it('never rejects a fixture file its detector reports on', async () => {
    const files = fixtureFiles();
    expect(files.length).toBeGreaterThan(500);
    const { wrong, rejected, checked } = await wrongRejections(
      files.map((f) => {
        const content = readFileSync(f.abs);
        const ref = refOf(f.path, content.length);
        return { ref, content, listing: f.listing, file: () => fsFile(ref, f.abs, hasher, new Map(), f.listing) };
      }),
    );
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(100);
  });

  it('never rejects a rule file snippet that must match', async () => {
    const snippets: { path: string; text: string }[] = [];
    // SDK imports: an import statement for every import case of the package table that names a package
    const stmt: Record<string, (m: string) => [string, string]> = {
      PyPI: (m) => ['py', `import ${m}\nfrom ${m} import x\n`],
      npm: (m) => ['ts', `import x from "${m}";\nconst y = require('${m}');\n`],
      Go: (m) => ['go', `package main\n\nimport "${m}"\n`],
      Maven: (m) => ['java', `import ${m}.Client;\n`],
      NuGet: (m) => ['cs', `using ${m};\n`],
      'crates.io': (m) => ['rs', `use ${m}::Client;\n`],
      RubyGems: (m) => ['rb', `require "${m}"\n`],
    };
    for (const c of loadPackageTable().cases.import) {
      const make = stmt[c.ecosystem];
      if (!make || c.package === null || !c.module) continue;
      const [ext, text] = make(c.module);
      snippets.push({ path: `case/import.${ext}`, text });
    }
    // short import roots (looked for with the character next to them) and white space outside ASCII
    for (const [path, text] of [
      ['case/short.py', 'import ray\n'],
      ['case/short2.py', 'import os, ray\nfrom vllm import LLM\n'],
      ['case/short3.py', 'import os,jax\n'],
      ['case/short.ts', "import { generateText } from 'ai';\n"],
      ['case/short2.ts', 'import { openai } from "ai/openai";\n'],
      ['case/short.rs', 'use ort::session::Session;\n'],
      ['case/short2.rs', 'extern crate tch;\n'],
      ['case/short3.rs', 'use rig::providers::openai;\n'],
      ['case/nbsp.rs', 'use\u00A0ort;\n'],
      ['case/nbsp2.rs', 'extern crate\u2003tch;\n'],
    ] as const) {
      snippets.push({ path, text });
      // each one is an import the SDK detector reports, so a wrong rejection would show
      const sdk = allDetectors().find((d) => d.id === 'sdk/imports');
      const r = await sdk?.detect(memoryFile(path, text), ctx);
      expect(r?.assets?.length ?? 0, path).toBeGreaterThan(0);
    }
    // providers: the endpoint cases
    for (const p of loadProviders()) for (const m of p.cases.match) snippets.push({ path: `case/${p.id}.py`, text: m });
    expect(snippets.length).toBeGreaterThan(20);
    const { wrong } = await wrongRejections(
      snippets.map((s) => {
        const content = Buffer.from(s.text);
        const ref = refOf(s.path, content.length);
        return { ref, content, file: () => memoryFile(s.path, content) };
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('rejects plain source files for every source detector', () => {
    const select = makeSelector(allDetectors());
    const plain: [string, string][] = [
      ['src/a.py', 'import os\n\ndef f(x):\n    return x + 1\n'],
      ['src/a.ts', 'export function f(x: number) { return x + 1; }\n'],
      ['src/a.go', 'package main\n\nfunc f(x int) int { return x + 1 }\n'],
      ['src/A.java', 'class A { int f(int x) { return x + 1; } }\n'],
      ['src/a.rs', 'pub fn port(x: u32) -> u32 { x + 1 }\n'],
      ['src/b.ts', 'export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms)); // ai\n'],
      ['src/b.py', 'def array(x):\n    return x  # import later\n'],
    ];
    for (const [path, text] of plain) {
      const ref = lazySizeRef(path, path.slice(4), '/nonexistent');
      const wanting = select(ref) as Detector[];
      expect(wanting.length, path).toBeGreaterThan(2);
      // the content is handed over as if the walk had read it
      (ref as unknown as { holdContent(b: Buffer): void }).holdContent(Buffer.from(text));
      expect(precheck(ref, '/nonexistent', wanting, ['x']).map((d) => d.id), path).toEqual([]);
    }
  });

  it('keeps the detectors whose keywords occur, and hands the bytes to them', async () => {
    const select = makeSelector(allDetectors());
    const text = 'from openai import OpenAI\nclient = OpenAI(base_url="https://api.groq.com/openai/v1")\n';
    const ref = lazySizeRef('src/app.py', 'app.py', '/nonexistent');
    (ref as unknown as { holdContent(b: Buffer): void }).holdContent(Buffer.from(text));
    const kept = precheck(ref, '/nonexistent', select(ref), ['app.py']).map((d) => d.id);
    expect(kept).toEqual(expect.arrayContaining(['sdk/imports', 'shadow-ai/endpoint']));
    expect(kept).not.toContain('serialization/remote-code');
    // the ScanFile over the ref reads nothing from disk: the bytes kept by the pre-check are served
    const file = fsFile(ref, '/nonexistent', hasher);
    expect(await file.text()).toBe(text);
    expect(file.size).toBe(Buffer.byteLength(text));
  });
});
