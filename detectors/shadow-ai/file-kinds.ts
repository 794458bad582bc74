// Which files the shadow-AI, secret and model-reference detectors look at: by name and extension only.
import type { FileRef } from '../../src/detect/types.js';
import { languageForExt, SOURCE_EXTENSIONS } from '../../src/parsers/source/tree-sitter.js';
import { hasLexer, LEXER_HINTS } from './fallback-lexer.js';

const CONFIG_EXTS = new Set(['.yml', '.yaml', '.json', '.toml', '.tf', '.tfvars', '.hcl', '.ini', '.cfg', '.conf', '.properties', '.env']);
const LOCKFILES = /(^|[-.])lock(\.json|\.ya?ml)?$|^package-lock\.json$|^npm-shrinkwrap\.json$|\.lock$|^composer\.lock$|\.min\.json$/i;

export function isEnvFile(name: string): boolean {
  const n = name.toLowerCase();
  return n === '.env' || n.startsWith('.env.') || n.endsWith('.env');
}

export function isCodeFile(f: FileRef): boolean {
  if (f.ext === '.ipynb') return true;
  return languageForExt(f.ext) !== undefined || hasLexer(f.ext, f.name);
}

/** YAML / JSON: parsed structurally. */
export function isStructuredConfig(f: FileRef): boolean {
  return (f.ext === '.yml' || f.ext === '.yaml' || f.ext === '.json') && !LOCKFILES.test(f.name);
}

/** TOML, Terraform/HCL, INI-like: lexed (comments and strings), not evaluated. */
export function isLexedConfig(f: FileRef): boolean {
  return CONFIG_EXTS.has(f.ext) && !isStructuredConfig(f) && !isEnvFile(f.name) && !LOCKFILES.test(f.name);
}

export function isConfigFile(f: FileRef): boolean {
  return isEnvFile(f.name) || ((CONFIG_EXTS.has(f.ext)) && !LOCKFILES.test(f.name));
}

/** Documentation: never a call, never a hard-coded key (examples and placeholders live here). */
export function isDocFile(f: FileRef): boolean {
  return /\.(md|markdown|mdx|rst|adoc|txt|html?)$/i.test(f.name);
}

/** Selection hints (Detector.extensions / names / prefixes) for the files isCodeFile() accepts. */
export const CODE_HINTS = {
  extensions: ['.ipynb', ...SOURCE_EXTENSIONS, ...LEXER_HINTS.extensions],
  names: [...LEXER_HINTS.names],
  prefixes: [...LEXER_HINTS.prefixes],
};

/** Selection hints for the files isConfigFile() accepts. */
export const CONFIG_HINTS = { extensions: [...CONFIG_EXTS], names: ['.env'], prefixes: ['.env.'] };

/** Two hint sets as one (a detector that wants either kind). */
export function unionHints(...hs: { extensions?: string[]; names?: string[]; prefixes?: string[] }[]): { extensions: string[]; names: string[]; prefixes: string[] } {
  const u = (k: 'extensions' | 'names' | 'prefixes') => [...new Set(hs.flatMap((h) => h[k] ?? []))];
  return { extensions: u('extensions'), names: u('names'), prefixes: u('prefixes') };
}

export const MAX_TEXT = 2 << 20;
