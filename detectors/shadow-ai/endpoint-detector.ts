// shadow-ai/endpoint and shadow-ai/config: AI provider use in code and configuration, one
// ServiceAsset `service:<provider-id>` per provider per file (the reducer merges files).
import type { DetectResult, Detector, ScanFile } from '../../src/detect/types.js';
import { lexSource } from './fallback-lexer.js';
import { configScalars, envFileScalars, scanConfig } from './config-scan.js';
import { scanCode, type CodeFacts } from './code-scan.js';
import { CODE_HINTS, CONFIG_HINTS, isCodeFile, isConfigFile, isEnvFile, isLexedConfig, MAX_TEXT } from './file-kinds.js';
import { PREFILTER_SHADOW, prefilterMask, prefilterMaskBytes } from './prefilter.js';
import { notebookCode } from './notebook.js';
import { buildServices } from './occurrences.js';
import { lexerFor } from './fallback-lexer.js';
import { makeView, sourceView } from './source-view.js';

const HASH_STYLE = /(^|\/)(dockerfile|containerfile|makefile|modelfile)$|\.(sh|bash|zsh|ps1|mk)$/i;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Thrown for input that cannot be read as what its name says; becomes a warning naming the file. */
class Unreadable extends Error {}

async function codeFacts(file: ScanFile, text: string): Promise<CodeFacts | undefined> {
  if (file.ext === '.ipynb') {
    const nb = notebookCode(text);
    if (!nb) throw new Unreadable('not a valid Jupyter notebook (JSON with a cells list); its code cells were not checked');
    const view = await sourceView('cells.py', nb.code, nb.lineMap);
    return view ? scanCode(view, { urlsOutsideStrings: false }) : undefined;
  }
  const view = await sourceView(file.path, text);
  if (!view) return undefined;
  return scanCode(view, { urlsOutsideStrings: HASH_STYLE.test(file.path) || lexerFor(file.path)?.line[0] === '#' });
}

function configFacts(file: ScanFile, text: string): CodeFacts | undefined {
  if (isEnvFile(file.name)) return scanConfig(envFileScalars(text));
  if (isLexedConfig(file)) {
    // TOML, HCL, INI: comments (#, //, /* */) blanked; values quoted or bare
    const { code, strings } = lexSource(text, { line: ['#', '//', ';'], block: [['/*', '*/']], quotes: ['"""', '"', "'"] });
    return scanCode(makeView(text, code, strings), { urlsOutsideStrings: true });
  }
  const scalars = configScalars(text);
  if (!scalars) throw new Unreadable(`does not parse as ${file.ext === '.json' ? 'JSON' : 'YAML'}; AI provider references in it were not checked`);
  return scanConfig(scalars);
}

function makeDetector(
  id: string,
  description: string,
  wants: Detector['wants'],
  hints: Pick<Detector, 'extensions' | 'names' | 'prefixes'>,
  facts: (f: ScanFile, t: string) => Promise<CodeFacts | undefined> | CodeFacts | undefined,
  bulkExts?: readonly string[],
): Detector {
  return {
    id,
    group: id.endsWith('config') ? 'config' : 'source',
    description,
    scansDependencies: false,
    wants,
    ...hints,
    // bulk: for these extensions wants() is the extension's kind, and rejects() the keyword test below
    ...(bulkExts ? { bulk: { exts: bulkExts, gate: () => PREFILTER_SHADOW } } : {}),
    // detect() stops at the same keyword test on the decoded text
    rejects: (_file, content) => (prefilterMaskBytes(content) & PREFILTER_SHADOW) === 0,
    async detect(file: ScanFile): Promise<DetectResult> {
      const text = await file.text(MAX_TEXT);
      if (text === undefined || (prefilterMask(text) & PREFILTER_SHADOW) === 0) return {};
      try {
        const f = await facts(file, text);
        if (!f) return {};
        return { assets: buildServices(file.path, id, f.occurrences, f.models) };
      } catch (e) {
        const why = e instanceof Unreadable ? message(e) : `could not analyse the file: ${message(e)}`;
        return { warnings: [{ path: file.path, message: `${id}: ${file.path} ${why}` }] };
      }
    },
  };
}

export const shadowAiEndpointDetector: Detector = makeDetector(
  'shadow-ai/endpoint',
  'AI provider endpoints, SDK base URLs, env var names and model ids in source code (comments and docs ignored)',
  (f) => isCodeFile(f),
  CODE_HINTS,
  codeFacts,
  CODE_HINTS.extensions,
);

export const shadowAiConfigDetector: Detector = makeDetector(
  'shadow-ai/config',
  'AI provider endpoints, env var names and model ids in .env, docker-compose, Kubernetes, Terraform and YAML/JSON/TOML settings',
  (f) => isConfigFile(f) && !isCodeFile(f),
  CONFIG_HINTS,
  (f, t) => configFacts(f, t),
);
