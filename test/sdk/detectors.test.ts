import { describe, expect, it } from 'vitest';
import { importDetector, manifestDetector, sdkDetectors, UNDECLARED_RULE } from '../../detectors/sdk/index.js';
import { loadPackageTable } from '../../detectors/sdk/packages.js';
import type { Ecosystem } from '../../detectors/sdk/packages.js';
import { buildPrefilter } from '../../detectors/sdk/prefilter.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import type { Asset, LibraryAsset } from '../../src/inventory/types.js';
import { context } from './harness.js';

const ctx = context();
const libs = (assets: Asset[] | undefined): LibraryAsset[] => (assets ?? []).filter((a): a is LibraryAsset => a.kind === 'library');

describe('sdk/manifest', () => {
  it('wants manifests by name only', () => {
    expect(manifestDetector.wants(memoryFile('a/requirements-dev.txt', ''))).toBe(true);
    expect(manifestDetector.wants(memoryFile('a/notes.txt', ''))).toBe(false);
    expect(manifestDetector.scansDependencies).toBe(false);
  });

  it('prefers the exact version from a sibling lockfile (no spec-only duplicate)', async () => {
    const file = memoryFile('svc/package.json', '{"dependencies":{"openai":"^4.0.0","left-pad":"1.3.0"}}', {
      siblings: { 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/openai': { version: '4.67.3' } } }) },
    });
    const r = await manifestDetector.detect(file, ctx);
    const l = libs(r.assets);
    expect(l.map((a) => a.key)).toEqual(['lib:pkg:npm/openai@4.67.3']);
    expect(l[0]).toMatchObject({ version: '4.67.3', ai: true, ecosystem: 'npm', locations: [{ path: 'svc/package.json', line: 1 }] });
    expect(l[0].properties?.['aibom:evidence:manifest']).toBe('svc/package.json:1');
    expect(l[0].properties?.['aibom:sdk:category']).toBe('llm-client');
  });

  it('keeps the declared range when nothing pins it, with PEP 503 names in the purl', async () => {
    const r = await manifestDetector.detect(memoryFile('requirements.txt', 'LangChain_OpenAI>=0.2\n'), ctx);
    expect(libs(r.assets)[0]).toMatchObject({ key: 'lib:pkg:pypi/langchain-openai', name: 'langchain-openai', versionSpec: '>=0.2' });
  });

  it('follows -r includes in the same folder and notes the others', async () => {
    const file = memoryFile('app/requirements.txt', '-r common.txt\n-r ../shared/reqs.in\n-r requirements-dev.txt\n-r missing.in\n', {
      siblings: { 'common.txt': 'anthropic==0.39.0\n', 'requirements-dev.txt': 'openai==1.0.0\n' },
    });
    const r = await manifestDetector.detect(file, ctx);
    expect(libs(r.assets).map((a) => `${a.key} ${a.locations[0].path}:${a.locations[0].line}`)).toEqual(['lib:pkg:pypi/anthropic@0.39.0 app/common.txt:1']);
    const msgs = (r.warnings ?? []).map((w) => w.message).join('\n');
    expect(msgs).toMatch(/\.\.\/shared\/reqs\.in is outside this folder/);
    expect(msgs).toMatch(/missing\.in not found/);
  });

  it('turns malformed and binary manifests into warnings naming the file', async () => {
    const bad = await manifestDetector.detect(memoryFile('x/pyproject.toml', '[project\n'), ctx);
    expect(bad.warnings?.[0]).toMatchObject({ path: 'x/pyproject.toml' });
    const bin = await manifestDetector.detect(memoryFile('x/package.json', Buffer.from([0, 1, 2, 0])), ctx);
    expect(bin.warnings?.[0].message).toMatch(/binary/);
  });

  it('leaves go.sum to go.mod when both are present', async () => {
    const sum = 'github.com/sashabaranov/go-openai v1.32.0 h1:x=\n';
    expect((await manifestDetector.detect(memoryFile('go.sum', sum, { siblings: { 'go.mod': 'module x\n' } }), ctx)).assets).toBeUndefined();
    expect(libs((await manifestDetector.detect(memoryFile('go.sum', sum), ctx)).assets)[0].key).toBe('lib:pkg:golang/github.com/sashabaranov/go-openai@v1.32.0');
  });
});

describe('sdk/imports', () => {
  it('wants source files by extension only', () => {
    for (const p of ['a.py', 'b.ts', 'c.mjs', 'd.cjs', 'e.jsx', 'f.tsx', 'g.go', 'h.java', 'i.kt', 'j.cs', 'k.rs', 'l.rb', 'm.ipynb']) expect(importDetector.wants(memoryFile(p, '')), p).toBe(true);
    for (const p of ['build.gradle.kts', 'README.md', 'x.txt', 'Makefile']) expect(importDetector.wants(memoryFile(p, '')), p).toBe(false);
  });

  it('skips files the prefilter rejects without parsing', async () => {
    const r = await importDetector.detect(memoryFile('a.py', 'import os\nprint("openai")\n# anthropic\n'), ctx);
    expect(r).toEqual({});
  });

  it('emits partial import sightings that finish() turns into an undeclared finding', async () => {
    const r = await importDetector.detect(memoryFile('src/a.py', 'import os\nimport openai\nfrom openai import OpenAI\n'), ctx);
    const l = libs(r.assets);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatchObject({ key: 'lib:pkg:pypi/openai', partial: true, locations: [{ path: 'src/a.py', line: 2 }, { path: 'src/a.py', line: 3 }] });
    expect(l[0].properties?.['aibom:evidence:import']).toEqual(['src/a.py:2', 'src/a.py:3']);
    const fin = importDetector.finish?.({ assets: l, findings: [] });
    expect(fin?.findings).toHaveLength(1);
    expect(fin?.findings?.[0]).toMatchObject({ ruleId: UNDECLARED_RULE, severity: 'medium', category: 'shadow-ai', subject: 'lib:pkg:pypi/openai', location: { path: 'src/a.py', line: 2 } });
    expect(libs(fin?.assets)[0]).toMatchObject({ key: 'lib:pkg:pypi/openai', ai: true, properties: { 'aibom:declared': 'false' } });
  });

  it('attaches an import to the declared, pinned component instead', async () => {
    const decl = libs((await manifestDetector.detect(memoryFile('requirements.txt', 'openai==1.54.3\n'), ctx)).assets);
    const imp = libs((await importDetector.detect(memoryFile('a.py', 'import openai\n'), ctx)).assets);
    const fin = importDetector.finish?.({ assets: [...decl, ...imp], findings: [] });
    expect(fin?.findings).toEqual([]);
    expect(fin?.assets).toEqual([
      expect.objectContaining({ key: 'lib:pkg:pypi/openai@1.54.3', partial: true, locations: [{ path: 'a.py', line: 1 }], properties: { 'aibom:evidence:import': ['a.py:1'] } }),
    ]);
  });

  it('parses only up to the last keyword hit, yet a cut inside a string or comment never counts', async () => {
    const traps: [string, string][] = [
      ['a.py', 'x = 1\n"""\nimport openai\n' + '\n'.repeat(12) + '"""\n'],
      ['b.py', 'x = 1\ns = """\nfrom anthropic import X\n' + 'y\n'.repeat(12) + '"""\nprint(s)\n'],
      ['c.ts', 'const x = 1;\n/*\nimport OpenAI from "openai";\n' + ' *\n'.repeat(12) + '*/\n'],
      ['d.ts', 'const s = `\nimport OpenAI from "openai";\n' + 'line\n'.repeat(12) + '`;\n'],
      ['e.go', 'package m\nconst s = `\nimport "github.com/sashabaranov/go-openai"\n' + 'x\n'.repeat(12) + '`\n'],
      ['f.rb', 'x = <<~EOS\nrequire "openai"\n' + 'y\n'.repeat(12) + 'EOS\n'],
      ['g.rs', 'const S: &str = r#"\nuse async_openai::Client;\n' + 'x\n'.repeat(12) + '"#;\n'],
    ];
    for (const [p, t] of traps) expect((await importDetector.detect(memoryFile(p, t), ctx)).assets ?? [], p).toEqual([]);
    const real = 'import os\n"""doc"""\nimport openai\n' + 'x = 1\n'.repeat(50);
    expect(libs((await importDetector.detect(memoryFile('h.py', real), ctx)).assets).map((a) => a.locations)).toEqual([[{ path: 'h.py', line: 3 }]]);
  });

  it('merges thousands of imports of one package into one sighting, in linear time', async () => {
    // 20 000 lines took ~90 s when each merge rebuilt the seen-locations set
    const text = 'import { x } from "openai";\n'.repeat(20_000) + 'import Anthropic from "@anthropic-ai/sdk";\nimport { y } from "openai";\n';
    const r = await importDetector.detect(memoryFile('src/many.ts', text), ctx);
    const l = libs(r.assets);
    expect(l.map((a) => a.key)).toEqual(['lib:pkg:npm/openai', 'lib:pkg:npm/%40anthropic-ai/sdk']);
    expect(l[0].locations).toHaveLength(20_001);
    expect(l[0].locations[20_000]).toEqual({ path: 'src/many.ts', line: 20_002 });
    expect(l[0].properties?.['aibom:evidence:import']).toEqual(l[0].locations.map((loc) => `src/many.ts:${loc.line}`));
  });

  it('rates ML runtimes low and never crashes on hostile source', async () => {
    const imp = libs((await importDetector.detect(memoryFile('t.py', 'import torch\n'), ctx)).assets);
    expect(importDetector.finish?.({ assets: imp, findings: [] }).findings?.[0].severity).toBe('low');
    for (const [p, t] of [['x.py', 'import openai\n' + '('.repeat(20000)], ['x.ts', 'import "openai";\n\u0000\u0001'], ['x.ipynb', '{"cells": 5}'], ['y.ipynb', 'import openai']] as const) {
      await expect(importDetector.detect(memoryFile(p, t), ctx)).resolves.toBeDefined();
    }
  });
});

describe('prefilters are supersets of the import rules', () => {
  const table = loadPackageTable();
  const statement: Record<Ecosystem, (m: string) => string> = {
    PyPI: (m) => `import ${m}\n`,
    npm: (m) => `import x from "${m}";\n`,
    Go: (m) => `import "${m}"\n`,
    Maven: (m) => `import ${m}.X;\n`,
    NuGet: (m) => `using ${m};\n`,
    'crates.io': (m) => `use ${m}::X;\n`,
    RubyGems: (m) => `require "${m}"\n`,
  };
  it.each(table.cases.import.filter((c) => c.package !== null).map((c) => [c.ecosystem, c.module ?? ''] as const))('%s %s', (eco, mod) => {
    expect(buildPrefilter(eco, table).test(statement[eco](mod))).toBe(true);
  });
  it('covers every import root of the table', () => {
    for (const p of table.packages) for (const r of p.imports) expect(buildPrefilter(p.ecosystem, table).test(statement[p.ecosystem](r)), `${p.ecosystem} ${r}`).toBe(true);
  });
  it('exports both detectors', () => {
    expect(sdkDetectors.map((d) => d.id)).toEqual(['sdk/manifest', 'sdk/imports']);
  });
});
