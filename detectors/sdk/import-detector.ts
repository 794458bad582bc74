// sdk/imports: imports of AI SDKs in source code and notebooks. wants() looks at the extension only; detect()
// runs the ecosystem's keyword prefilter on the raw text and parses (tree-sitter) only files that pass.
// Each import becomes a partial library asset (key lib:<purl without version>, property aibom:evidence:import);
// finish() (undeclared.ts) attaches it to the declared package or reports it as undeclared.
import type { LibraryAsset } from '../../src/inventory/types.js';
import type { DetectContext, DetectResult, Detector, FileRef, ScanFile } from '../../src/detect/types.js';
import { extractImports } from '../../src/parsers/source/imports.js';
import type { ImportRef } from '../../src/parsers/source/imports.js';
import { notebookCells } from '../../src/parsers/source/notebook.js';
import { languageForExt } from '../../src/parsers/source/tree-sitter.js';
import { PREFILTER_NON_ASCII, PREFILTER_SDK, prefilterMaskBytes } from '../shadow-ai/prefilter.js';
import type { SourceLang } from '../../src/parsers/source/tree-sitter.js';
import { libraryAsset, mergeSighting } from './library.js';
import { loadPackageTable } from './packages.js';
import type { Ecosystem } from './packages.js';
import { buildPrefilter, parseCutoff, prefilterSource } from './prefilter.js';
import { finishImports } from './undeclared.js';

export const IMPORT_DETECTOR_ID = 'sdk/imports';
const MAX_BYTES = 4 << 20;
// Parsing (tree-sitter WASM, ~1 MB/s) stops just after the last prefilter hit, see parseCutoff().

type Lang = SourceLang | 'kotlin' | 'notebook';

const ECOSYSTEM: Record<Lang, Ecosystem> = {
  python: 'PyPI',
  notebook: 'PyPI',
  javascript: 'npm',
  typescript: 'npm',
  tsx: 'npm',
  go: 'Go',
  java: 'Maven',
  kotlin: 'Maven',
  csharp: 'NuGet',
  rust: 'crates.io',
  ruby: 'RubyGems',
};

function langOf(file: FileRef): Lang | undefined {
  if (file.ext === '.ipynb') return 'notebook';
  if (file.ext === '.kt' || (file.ext === '.kts' && !file.name.endsWith('.gradle.kts'))) return 'kotlin';
  return languageForExt(file.ext);
}

const prefilters = new Map<Ecosystem, RegExp>();
/** the ecosystem's prefilter as a global regex (used through parseCutoff only, which resets lastIndex) */
function prefilter(eco: Ecosystem): RegExp {
  let re = prefilters.get(eco);
  if (!re) prefilters.set(eco, (re = new RegExp(prefilterSource(eco, loadPackageTable()), 'g')));
  return re;
}

const testers = new Map<Ecosystem, RegExp>();
/** the ecosystem's prefilter, not global (safe for test()) */
function tester(eco: Ecosystem): RegExp {
  let re = testers.get(eco);
  if (!re) testers.set(eco, (re = buildPrefilter(eco, loadPackageTable())));
  return re;
}

async function importsOf(lang: Lang, text: string, cut: number): Promise<{ refs: ImportRef[]; warning?: string }> {
  if (lang !== 'notebook') return { refs: await extractImports(lang, text, cut) };
  const nb = notebookCells(text);
  const refs: ImportRef[] = [];
  for (const cell of nb.cells) {
    const cut = parseCutoff(cell.code, prefilter('PyPI'));
    if (cut < 0) continue;
    for (const r of await extractImports('python', cell.code, cut)) refs.push({ module: r.module, line: cell.fileLines[r.line - 1] ?? 0 });
  }
  return { refs, warning: nb.warning };
}

export const importDetector: Detector = {
  id: IMPORT_DETECTOR_ID,
  group: 'source',
  description: 'Imports of AI SDKs in Python, notebooks, JS/TS, Go, Java/Kotlin, C#, Rust and Ruby; undeclared ones are findings',
  scansDependencies: false,
  wants(file: FileRef): boolean {
    return langOf(file) !== undefined;
  },
  // selection hint: notebooks, Kotlin and the tree-sitter languages' extensions (languageForPath)
  extensions: ['.ipynb', '.kt', '.kts', '.py', '.pyi', '.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.go', '.java', '.cs', '.rs', '.rb'],
  // detect() parses only when the ecosystem's prefilter regex matches the decoded text: the same test, after
  // the shared keyword pass (every regex needs an import root) has ruled out most files; notebooks (JSON-escaped
  // cells) are always read
  // bulk: wants() is the extension's language (".gradle.kts" aside); rejects() is the SDK keyword test first
  bulk: {
    exts: ['.kt', '.kts', '.py', '.pyi', '.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.go', '.java', '.cs', '.rs', '.rb'],
    gate: () => PREFILTER_SDK | PREFILTER_NON_ASCII,
    except: ['.gradle.kts'],
  },
  rejects(file, content) {
    if (file.ext === '.ipynb') return false;
    if ((prefilterMaskBytes(content) & (PREFILTER_SDK | PREFILTER_NON_ASCII)) === 0) return true;
    const lang = langOf(file);
    return lang !== undefined && !tester(ECOSYSTEM[lang]).test(content.toString('utf8'));
  },
  async detect(file: ScanFile, ctx: DetectContext): Promise<DetectResult> {
    const lang = langOf(file);
    if (!lang || ctx.signal.aborted) return {};
    const eco = ECOSYSTEM[lang];
    const text = await file.text(MAX_BYTES);
    if (text === undefined) return {};
    // notebooks: the prefilter runs per code cell (a JSON-escaped line would not match the raw-text regex)
    const cut = lang === 'notebook' ? (/import/.test(text) ? text.length : -1) : parseCutoff(text, prefilter(eco));
    if (cut < 0) return {};
    let found: { refs: ImportRef[]; warning?: string };
    try {
      found = await importsOf(lang, text, cut);
    } catch (e) {
      return { warnings: [{ path: file.path, message: `sdk/imports: cannot parse: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    const table = loadPackageTable();
    const byKey = new Map<string, LibraryAsset>();
    // a module imported many times is looked up once
    const pkgOf = new Map<string, ReturnType<typeof table.byImport>>();
    for (const ref of found.refs) {
      let pkg = pkgOf.get(ref.module);
      if (pkg === undefined && !pkgOf.has(ref.module)) pkgOf.set(ref.module, (pkg = table.byImport(eco, ref.module)));
      if (!pkg) continue;
      const asset = libraryAsset({
        ecosystem: eco,
        name: pkg.name,
        pkg,
        location: ref.line > 0 ? { path: file.path, line: ref.line } : { path: file.path },
        evidence: 'import',
        detector: IMPORT_DETECTOR_ID,
      });
      asset.partial = true;
      const prev = byKey.get(asset.key);
      if (prev) mergeSighting(prev, asset);
      else byKey.set(asset.key, asset);
    }
    return {
      assets: [...byKey.values()],
      warnings: found.warning ? [{ path: file.path, message: `sdk/imports: ${found.warning}` }] : undefined,
    };
  },
  finish: finishImports,
};
