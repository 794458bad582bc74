// Selection hints (Detector.extensions / .names) must never change which detectors a file is offered to:
// the indexed selector has to agree with asking every detector's wants(), on every fixture path and on
// names chosen to sit at the edges of the hints (case, double extensions, dot files, no extension).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detect/registry.js';
import { globHints } from '../../src/util/glob-literals.js';
import { makeSelector } from '../../src/detect/select.js';
import { extOf } from '../../src/detect/memory-file.js';
import type { Detector, FileRef } from '../../src/detect/types.js';

const EDGE_NAMES = [
  'README.md', 'readme.MD', 'Readme.md', 'config.json', 'CONFIG.JSON', 'model_index.json', 'adapter_config.json',
  'tokenizer_config.json', 'chat_template.json', 'processor_config.json', 'dataset_info.json', 'dataset_infos.json',
  'model.safetensors.index.json', 'pytorch_model.bin.index.json', 'MODEL.SAFETENSORS', 'model.GGUF', 'x.Pt', 'w.npz',
  'saved_model.pb', 'saved_model.pbtxt', 'model.onnx', 'model.onnx.data', 'a.keras', 'b.H5', 'c.hdf5', 'd.pkl.xz',
  'e.joblib.gz', 'f.tflite', 'g.mlmodel', 'h.dvc', 'i.parquet', 'j.pq', 'k.arrow', 'l.feather', 'm.csv', 'n.TSV',
  'o.jsonl', 'p.ndjson', 'q.jinja', 'Pipfile', 'Pipfile.lock', 'Gemfile', 'Gemfile.lock', 'gems.rb', 'gems.locked',
  'requirements.txt', 'requirements-dev.txt', 'dev-requirements.in', 'REQUIREMENTS.TXT', 'environment.yml',
  'environment-gpu.yaml', 'build.gradle', 'build.gradle.kts', 'settings.gradle.kts', '.gradle', 'libs.versions.toml',
  'app.csproj', 'a.fsproj', 'b.vbproj', '.csproj', 'packages.config', 'Directory.Packages.props', 'go.mod', 'go.sum',
  'pom.xml', 'Cargo.toml', 'Cargo.lock', 'package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'uv.lock',
  'poetry.lock', 'pdm.lock', 'pyproject.toml', 'npm-shrinkwrap.json', 'packages.lock.json', 'x.py', 'X.PY', 'x.pyi',
  'x.js', 'x.mjs', 'x.cjs', 'x.jsx', 'x.ts', 'x.d.ts', 'x.mts', 'x.cts', 'x.tsx', 'x.go', 'x.java', 'x.cs', 'x.rs',
  'x.rb', 'x.kt', 'x.kts', 'x.ipynb', 'Dockerfile', 'Dockerfile.dev', 'api.dockerfile', 'Makefile', 'Modelfile',
  'run.sh', '.env', '.env.local', 'prod.env', 'main.tf', 'x.tfvars', 'x.hcl', 'x.ini', 'x.cfg', 'x.conf', 'x.toml',
  'x.properties', 'x.yaml', 'x.yml', 'x.json', 'x.min.json', 'AGENTS.md', 'CLAUDE.md', 'GEMINI.md', '.cursorrules',
  '.windsurfrules', '.clinerules', '.roorules', '.roorules-code', '.mcp.json', 'claude_desktop_config.json',
  'mcp.json', 'x.prompt', 'x.prompty', 'x.prompt.yml', 'x.code-workspace', 'noext', '.hidden', 'x.', 'x.txt',
  '.prompt', '.prompty', 'X.PROMPT', 'DOCKERFILE', 'dockerfile.prod', 'Modelfile.llama', 'x.modelfile', 'MODELFILE', '.ENV',
  '.env.production', '.Env.Local', 'settings.json', 'settings.local.json', 'mcp_config.json', 'mcp_settings.json',
  'config.yaml', 'config.yml', 'config.toml', 'guidelines.md', 'copilot-instructions.md', 'x.instructions.md',
  'x.chatmode.md', 'AGENTS.override.md', 'CLAUDE.local.md', '.roorules-', 'x.jinja2', 'x.j2', 'x.tmpl', 'x.hbs',
  'x.mustache', 'x.kts', 'x.scala', 'x.swift', 'x.php', 'x.dart', 'x.ps1', 'x.R', 'x.pl', 'x.mk', 'x.bash', 'x.zsh',
  'x.prompt.md', 'X.PROMPT.MD', '.prompt.md', 'prompt.md', 'x.md', 'notes.MD', 'x.prompt.txt', 'x.prompt.yaml',
];
const EDGE_DIRS = [
  '', 'src/', '.cursor/rules/', '.cursor/rules/deep/', '.cursor/', '.github/', '.github/instructions/', '.github/chatmodes/a/',
  '.github/agents/', '.vscode/', '.claude/', '.claude/agents/', '.claude/rules/x/', '.claude/commands/', 'prompts/',
  'prompts/a/b/', 'a/prompts/', 'system_prompts/', 'system-prompts/x/', 'models/tiny/', 'pkg/.cursor/rules/', 'a/.github/',
  '.windsurf/rules/', '.windsurf/', '.clinerules/', '.roo/rules/', '.roo/rules-code/', '.roo/', '.kiro/steering/',
  '.kiro/settings/', '.continue/rules/', '.continue/prompts/', '.continue/mcpServers/', '.continue/', '.junie/',
  '.gemini/', '.gemini/commands/', '.gemini/antigravity/', '.gemini/config/', '.codeium/windsurf/', 'Code/User/',
  'Code - Insiders/User/', 'rooveterinaryinc.roo-cline/settings/', '.cline/', '.zed/', 'zed/', 'Zed/', '.codex/',
  'x/Code/User/', 'PROMPTS/', '.Cursor/Rules/',
];

function fixturePaths(): string[] {
  const root = join(process.cwd(), 'fixtures');
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 12) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(root, 0);
  return out;
}

function refOf(path: string, size: number, dependency?: FileRef['dependency']): FileRef {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return { path, name, ext: extOf(name), size, dependency };
}

function unindexed(detectors: readonly Detector[], ref: FileRef): string[] {
  return detectors
    .filter((d) => {
      if (!d.scansDependencies && ref.dependency) return false;
      try {
        return d.wants(ref);
      } catch {
        return false;
      }
    })
    .map((d) => d.id);
}

describe('detector selection with hints', () => {
  const detectors = allDetectors();
  const select = makeSelector(detectors);
  const paths = [...fixturePaths(), ...EDGE_DIRS.flatMap((d) => EDGE_NAMES.map((n) => d + n))];

  it('offers every file to exactly the detectors whose wants() accepts it', () => {
    expect(paths.length).toBeGreaterThan(500);
    const mismatches: string[] = [];
    for (const path of paths) {
      for (const size of [0, 200, 5 << 20]) {
        for (const dep of [undefined, { dir: 'node_modules', owner: 'x@1.0.0' }]) {
          const ref = refOf(path, size, dep);
          const want = unindexed(detectors, ref);
          const got = select(ref).map((d) => d.id);
          if (want.join() !== got.join()) mismatches.push(`${path} (size ${size}${dep ? ', dependency' : ''}): wants ${want.join(',')} but selected ${got.join(',')}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('hints every built-in detector, so no detector is offered every file', () => {
    const unhinted = detectors.filter((d) => !d.extensions && !d.names && !d.prefixes && !d.folders).map((d) => d.id);
    expect(unhinted).toEqual([]);
  });

  it('hands out one shared array per selection (the pre-check caches by it)', () => {
    const a = select(refOf('src/a.py', 10));
    const b = select(refOf('lib/b.py', 10));
    expect(a.length).toBeGreaterThan(0);
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('makeSelector', () => {
  const calls: string[] = [];
  const det = (id: string, hint: Partial<Pick<Detector, 'extensions' | 'names' | 'prefixes' | 'suffixes' | 'folders' | 'scansDependencies'>>, wants: (f: FileRef) => boolean): Detector => ({
    id,
    group: 'model',
    description: id,
    ...hint,
    wants: (f) => {
      calls.push(`${id}:${f.path}`);
      return wants(f);
    },
    detect: async () => ({}),
  });
  const a = det('a', { extensions: ['.pt'] }, () => true);
  const b = det('b', {}, (f) => f.name.startsWith('x'));
  const c = det('c', { names: ['config.json'], extensions: ['.md'], scansDependencies: true }, () => true);
  const d = det('d', { extensions: ['.pt'] }, () => {
    throw new Error('bad rule');
  });
  const select = makeSelector([a, b, c, d]);

  it('asks only the candidates, keeps registry order, and treats a throwing wants() as no', () => {
    calls.length = 0;
    expect(select(refOf('m/x.pt', 1)).map((x) => x.id)).toEqual(['a', 'b']);
    expect(calls).toEqual(['a:m/x.pt', 'b:m/x.pt', 'd:m/x.pt']);
    calls.length = 0;
    expect(select(refOf('config.json', 1)).map((x) => x.id)).toEqual(['c']);
    expect(calls).toEqual(['b:config.json', 'c:config.json']);
    expect(select(refOf('notes/x.md', 1)).map((x) => x.id)).toEqual(['b', 'c']);
  });

  it('skips source detectors inside dependency folders', () => {
    const dep = refOf('node_modules/p/x.pt', 1, { dir: 'node_modules' });
    expect(select(dep).map((x) => x.id)).toEqual([]);
    expect(select(refOf('node_modules/p/README.md', 1, { dir: 'node_modules' })).map((x) => x.id)).toEqual(['c']);
  });

  it('selects by name ending, any case, whatever the extension hints say', () => {
    const x = det('x', { suffixes: ['.prompt.md'], extensions: ['.txt'] }, () => true);
    const sel = makeSelector([x]);
    expect(sel(refOf('a/ask.Prompt.MD', 1)).map((d) => d.id)).toEqual(['x']);
    expect(sel(refOf('a/notes.md', 1)).map((d) => d.id)).toEqual([]);
    expect(sel(refOf('a/notes.txt', 1)).map((d) => d.id)).toEqual(['x']);
  });

  it('turns *.x.ext globs into name endings, not the extension', () => {
    expect(globHints(['**/*.prompt.md', '**/*.prompt', 'AGENTS.md', '.cursor/rules/**/*', 'x*'])).toEqual({
      extensions: ['.prompt'],
      names: ['.prompt.md', '.prompt', 'AGENTS.md'],
      prefixes: ['x'],
      folders: ['.cursor/rules'],
      suffixes: ['.prompt.md'],
    });
  });

  it('selects by name prefix and by folder, any case, at folder boundaries', () => {
    const e = det('e', { prefixes: ['.env.'] }, () => true);
    const f = det('f', { folders: ['.cursor/rules'] }, () => true);
    const sel = makeSelector([e, f]);
    calls.length = 0;
    expect(sel(refOf('app/.ENV.local', 1)).map((x) => x.id)).toEqual(['e']);
    expect(sel(refOf('app/x.env', 1)).map((x) => x.id)).toEqual([]);
    expect(sel(refOf('.cursor/rules/a.mdc', 1)).map((x) => x.id)).toEqual(['f']);
    expect(sel(refOf('pkg/.Cursor/Rules/deep/a.mdc', 1)).map((x) => x.id)).toEqual(['f']);
    expect(sel(refOf('my.cursor/rules/a.mdc', 1)).map((x) => x.id)).toEqual([]);
    expect(sel(refOf('.cursor/rulesx/a.mdc', 1)).map((x) => x.id)).toEqual([]);
    expect(sel(refOf('.cursor/rules', 1)).map((x) => x.id)).toEqual([]);
    expect(calls).toEqual(['e:app/.ENV.local', 'f:.cursor/rules/a.mdc', 'f:pkg/.Cursor/Rules/deep/a.mdc']);
  });
});
