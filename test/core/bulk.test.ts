// Detector.bulk lets the runner settle the ordinary files of a folder without asking each detector about each file
// (settleFolder's bulk path). A declaration is a promise about wants() and rejects(); this checks every one:
// - wants() is the same for every name the native reader classes by its extension alone, in ordinary and in
//   installed-dependency folders;
// - rejects() is true whenever the file's keyword bits miss the declared gate, on every fixture file's content and
//   on generated ones, in ordinary folders and in a model folder;
// and that the bulk path settles every folder of the fixtures and of a generated tree exactly as the one-by-one path.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detect/registry.js';
import { accepts, makeSelector, readAheadHints } from '../../src/detect/select.js';
import { readAheadFor, runDetectors } from '../../src/detect/runner.js';
import type { HashPool } from '../../src/enrich/hash-pool.js';
import { settleFolder } from '../../src/detect/precheck.js';
import { extOf } from '../../src/detect/memory-file.js';
import { dependencyContext } from '../../src/walk/dependency-dirs.js';
import { ARCHIVE_ENDINGS, archiveKindByName, DEFAULT_ARCHIVE_LIMITS } from '../../src/walk/archive-policy.js';
import { walkFolders } from '../../src/walk/walker.js';
import { nativeReader, PREFETCH_FILE_LIMIT } from '../../src/walk/native-read.js';
import type { Detector, FileRef } from '../../src/detect/types.js';
import { prefilterMaskBytes } from '../../detectors/shadow-ai/prefilter.js';
import { rng as seeded } from '../helpers/rng.js';

const ROOT = process.cwd();
const detectors = allDetectors();
const declared = detectors.filter((d): d is Detector & { bulk: NonNullable<Detector['bulk']> } => d.bulk !== undefined);
const spec = readAheadFor(detectors).files;

/** the native reader's class of a name (src/native/fastread.c, filter_class(); test/core/native-read.test.ts checks
 *  the reader against it): true when the extension alone selects it */
function byExtensionAlone(name: string): boolean {
  if (!/^[\x00-\x7f]*$/.test(name)) return false;
  const lower = name.toLowerCase();
  if (spec.names.includes(lower) || spec.prefixes.some((p) => lower.startsWith(p)) || spec.suffixes.some((x) => lower.endsWith(x))) return false;
  return spec.exts.includes(extOf(name));
}

/** file name stems that detectors treat apart somewhere, and ordinary ones */
function stems(): string[] {
  const out = new Set(['a', 'index', 'main', '__init__', 'setup', 'test_x', 'x.test', 'x.spec', 'x.d', 'build.gradle', 'settings.gradle', 'conftest', 'manage', 'app.config', 'x.prompt', 'mcp', 'Dockerfile', 'Modelfile', 'README', 'CLAUDE', 'AGENTS', 'GEMINI', 'copilot-instructions', 'package', 'package-lock', 'requirements', 'pyproject', 'poetry', 'go', 'Cargo', 'Gemfile', 'pom', 'config', 'tokenizer_config', 'model', 'model.safetensors.index', 'dataset_info', '.env', '.hidden', 'x.min', 'UPPER']);
  for (const d of detectors) {
    for (const n of d.names ?? []) out.add(n.includes('.') ? n.slice(0, n.lastIndexOf('.')) : n);
    for (const p of d.prefixes ?? []) out.add(`${p}x`);
  }
  return [...out].filter((s) => s.length > 0);
}

function ref(path: string): FileRef {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const r: FileRef = { path, name, ext: extOf(name), size: 100 };
  const dep = dependencyContext(path);
  if (dep) r.dependency = { dir: dep.dir };
  return r;
}


function fixtureContents(): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && statSync(p).size < PREFETCH_FILE_LIMIT) out.push({ path: p, bytes: readFileSync(p) });
    }
  };
  walk(join(ROOT, 'fixtures'));
  return out;
}

describe('bulk declarations', () => {
  it('are made by the source detectors, for extensions among their hints', () => {
    expect(declared.map((d) => d.id).sort()).toEqual(['agent/system-prompt', 'model-ref/remote', 'sdk/imports', 'secret/ai-key', 'serialization/remote-code', 'shadow-ai/endpoint']);
    for (const d of declared) {
      expect(d.bulk.exts.length, d.id).toBeGreaterThan(0);
      for (const e of d.bulk.exts) expect(d.extensions, `${d.id} ${e}`).toContain(e);
      // the endings it leaves out reach the native reader's filter, so such files are classed as special
      for (const x of d.bulk.except ?? []) expect(byExtensionAlone(`a${x}`), `${d.id} ${x}`).toBe(false);
    }
    // hints the reader's filter holds: archives are never classed by extension alone
    for (const e of ARCHIVE_ENDINGS) expect(byExtensionAlone(`model${e}`), e).toBe(false);
  });

  it('wants() is the same for every name classed by its extension alone, in each kind of folder', () => {
    let checked = 0;
    for (const d of declared) {
      for (const ext of d.bulk.exts) {
        const names = stems()
          .flatMap((s) => [`${s}${ext}`, `${s}${ext.toUpperCase()}`])
          .filter(byExtensionAlone);
        expect(names.length, `${d.id} ${ext}`).toBeGreaterThan(10);
        for (const folder of ['', 'src', 'a/b/c', 'node_modules/pkg', 'node_modules/pkg/lib', '.venv/lib/python3.11/site-packages/pkg', 'vendor/x']) {
          const at = (n: string) => (folder ? `${folder}/${n}` : n);
          const first = accepts(d, ref(at(names[0])));
          for (const n of names) {
            expect(accepts(d, ref(at(n))), `${d.id}: ${at(n)} against ${at(names[0])}`).toBe(first);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('rejects() is true for every content whose keyword bits miss the gate, in ordinary and in model folders', () => {
    const contents = fixtureContents();
    expect(contents.length).toBeGreaterThan(200);
    // generated ones too: fixture lines shuffled together, so keywords land in other files and other company
    const rand = seeded(20261129);
    const lines = contents.flatMap((c) => c.bytes.toString('utf8').split('\n')).filter((l) => l.length > 0 && l.length < 300);
    for (let i = 0; i < 400; i++) {
      const n = 1 + Math.floor(rand() * 12);
      contents.push({ path: `generated-${i}`, bytes: Buffer.from(Array.from({ length: n }, () => lines[Math.floor(rand() * lines.length)]).join('\n')) });
    }
    const listings: (string[] | undefined)[] = [undefined, ['a.py', 'b.ts', 'README.md'], ['config.json', 'model.safetensors', 'modeling_x.py'], ['config.json', 'pytorch_model.bin', 'x.py']];
    const cases = declared.flatMap((d) =>
      d.bulk.exts.flatMap((ext) => {
        const r = ref(`src/app${ext}`);
        expect(byExtensionAlone(r.name)).toBe(true);
        return listings.map((listing) => ({ d, ext, r, listing, gate: d.bulk.gate(ext, listing) })).filter((c) => c.gate !== undefined);
      }),
    );
    let held = 0;
    let free = 0;
    // content by content: the detectors' keyword test remembers the last bytes it scanned
    for (const c of contents) {
      const mask = prefilterMaskBytes(c.bytes);
      for (const { d, ext, r, listing, gate } of cases) {
        if ((mask & (gate as number)) !== 0) continue;
        if (d.rejects?.(r, c.bytes, listing) !== true) expect.fail(`${d.id} ${ext} gate ${gate} does not reject ${c.path} in ${JSON.stringify(listing)}`);
        if (gate === 0) free++;
        else held++;
      }
    }
    expect(held).toBeGreaterThan(10_000);
    expect(free).toBeGreaterThan(1000); // remote-code's .py outside model folders
  });

  it('archive names end with one of the endings the reader treats as special', () => {
    const rand = seeded(7);
    const parts = ['model', 'x', 'tar', 'gz', 'zip', 'TAR', 'Gz', 'whl', 'jar', 'nemo', 'riva', 'zst', 'tgz', 'mar', 'nupkg', 'pt', 'bin'];
    let archives = 0;
    for (let i = 0; i < 5000; i++) {
      const name = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => parts[Math.floor(rand() * parts.length)]).join('.');
      if (archiveKindByName({ name }) === undefined) continue;
      archives++;
      expect(ARCHIVE_ENDINGS.some((e) => name.toLowerCase().endsWith(e)), name).toBe(true);
    }
    expect(archives).toBeGreaterThan(500);
  });
});

describe.runIf(process.platform !== 'win32')('bulk path', () => {
  let dir: string;
  beforeAll(() => {
    // a tree with what the bulk path must leave alone next to what it settles
    dir = mkdtempSync(join(tmpdir(), 'aibom-bulk-'));
    const put = (p: string, text: string | Buffer) => {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), text);
    };
    for (let i = 0; i < 30; i++) {
      put(`src/plain${i}.py`, `def f${i}(x):\n    return x + ${i}\n`);
      put(`src/plain${i}.ts`, `export const f${i} = (x: number) => x + ${i};\n`);
      put(`web/Comp${i}.TSX`, `export const C${i} = () => <div>${i}</div>;\n`);
    }
    put('src/ai.py', 'from openai import OpenAI\nclient = OpenAI(base_url="https://api.openai.com/v1")\n');
    put('src/prompt.ts', 'const messages = [{ role: "system", content: "You are a helpful assistant" }];\n');
    put('src/key.go', 'package main\nconst k = "sk-proj-FAKE0TEST0bBRsk29cztUX1kmObfEjdpyHGfY5PBNaNKNYd7pMCapFTzdbKB1Ga8FPJsKbMnY0T3BlbkFJFAKE1LcUwE4BoMMc8b6ZGZkWBvKQXfVzUrrrUaR46drUvLinbJC6RQuFlBnDomtQhA14VqnPa5"\n');
    put('src/types.d.ts', 'export declare const x: number;\n');
    put('src/build.gradle.kts', 'dependencies { implementation("com.openai:openai-java:1.0.0") }\n');
    put('src/Main.kts', 'println("x")\n');
    put('src/ünïcode.py', 'import anthropic\n');
    put('src/big.py', `import openai\n${'# padding\n'.repeat(PREFETCH_FILE_LIMIT / 10)}`);
    put('src/notes.md', '# notes\n');
    put('src/bundle.zip', 'PK\x05\x06' + '\0'.repeat(18));
    put('src/data.tar.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    put('models/m1/config.json', '{"model_type": "bert"}');
    put('models/m1/model.safetensors', Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{}')]));
    put('models/m1/modeling_x.py', 'import torch\n');
    put('node_modules/pkg/index.js', 'const openai = require("openai");\n');
    put('node_modules/pkg/package.json', '{"name":"pkg","version":"1.0.0"}');
    put('.cursor/rules/x.py', 'print(1)\n');
    put('Dockerfile.dev', 'FROM python:3.12\n');
    put('Modelfile.py', 'FROM llama3\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const settleAll = async (root: string, bulk: boolean) => {
    const select = makeSelector(detectors);
    const out: string[] = [];
    let classed = 0;
    for await (const folder of walkFolders({ root, gitignore: false, excludes: [], onWarning: () => {}, readAhead: readAheadFor(detectors) })) {
      if (folder.content?.classes) classed += [...folder.content.classes].filter((c) => c >= 0).length;
      const { unsettled, quiet } = settleFolder(folder, select, bulk);
      out.push(`${folder.rel} quiet=${quiet} ${unsettled.map((u) => `${folder.names[u.i]}:${u.wanting.map((d) => d.id).join('+')}`).join(' ')}`);
    }
    return { out, classed };
  };

  it('settles every folder exactly as the one-by-one path, in a generated tree and in the fixtures', async () => {
    expect(nativeReader()?.prefetchStart).toBeTypeOf('function');
    for (const root of [dir, join(ROOT, 'fixtures')]) {
      const bulk = await settleAll(root, true);
      const one = await settleAll(root, false);
      expect(bulk.classed, root).toBeGreaterThan(50);
      expect(bulk.out, root).toEqual(one.out);
    }
    const lines = (await settleAll(dir, true)).out.join('\n');
    // what must not be settled in bulk still reaches its detectors
    for (const n of ['ai.py:', 'prompt.ts:', 'key.go:', 'ünïcode.py:', 'big.py:', 'bundle.zip', 'data.tar.gz', 'modeling_x.py:serialization/remote-code']) expect(lines).toContain(n);
    expect(lines).toMatch(/^src quiet=6\d /m);
  });

  it('is not taken when the walk reads ahead by other hints than these detectors\' own', async () => {
    // a read-ahead that selects only .ts files: by its classes every .py file is "selected by nothing"
    const narrow = { all: false, exts: ['.ts'], names: [], prefixes: [], suffixes: [], folders: [] };
    const run = await runDetectors({
      walk: { root: dir, gitignore: false, excludes: [], readAhead: { files: narrow, dependencies: narrow } },
      detectors,
      ctx: { signal: new AbortController().signal, options: { allDependencies: false } },
      hashes: { sha256: async () => '0'.repeat(64) } as unknown as HashPool,
      archiveLimits: DEFAULT_ARCHIVE_LIMITS,
    });
    expect(run.assets.some((a) => a.locations?.some((l) => l.path === 'src/ai.py'))).toBe(true);
  });

  it('the read-ahead hints hold the archive endings, which no detector needs to hint', () => {
    const plain = readAheadHints(detectors);
    expect(ARCHIVE_ENDINGS.every((e) => spec.suffixes.includes(e))).toBe(true);
    expect(ARCHIVE_ENDINGS.some((e) => !plain.suffixes.includes(e))).toBe(true);
  });
});
