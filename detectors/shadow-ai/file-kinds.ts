// Which files the shadow-AI, secret and model-reference detectors look at: by name and extension only.
import type { FileRef } from '../../src/detect/types.js';
import { languageForPath } from '../../src/parsers/source/tree-sitter.js';
import { lexerFor } from './fallback-lexer.js';

const CONFIG_EXTS = new Set(['.yml', '.yaml', '.json', '.toml', '.tf', '.tfvars', '.hcl', '.ini', '.cfg', '.conf', '.properties', '.env']);
const LOCKFILES = /(^|[-.])lock(\.json|\.ya?ml)?$|^package-lock\.json$|^npm-shrinkwrap\.json$|\.lock$|^composer\.lock$|\.min\.json$/i;

export function isEnvFile(name: string): boolean {
  const n = name.toLowerCase();
  return n === '.env' || n.startsWith('.env.') || n.endsWith('.env');
}

export function isCodeFile(f: FileRef): boolean {
  if (f.ext === '.ipynb') return true;
  return languageForPath(f.path) !== undefined || lexerFor(f.path) !== undefined;
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

export const MAX_TEXT = 2 << 20;
