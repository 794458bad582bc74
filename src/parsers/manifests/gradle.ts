// build.gradle / build.gradle.kts: "group:artifact:version" coordinates and group/name/version maps in
// dependency declarations. Comments are blanked first; variables ($x, libs.*) are not evaluated.
import { blankComments } from '../source/clike-lexer.js';
import { lineAt } from './lines.js';
import type { ManifestDep, ManifestResult } from './types.js';

const GAV = /\b([A-Za-z]\w*)\s*\(?\s*(?:(?:platform|enforcedPlatform)\s*\(\s*)?["']([\w.-]+):([\w.-]+)(?::([^"':@\s]+))?(?::[\w.-]+)?(?:@\w+)?["']/g;
const MAP = /\bgroup\s*[:=]\s*["']([\w.-]+)["']\s*,\s*name\s*[:=]\s*["']([\w.-]+)["'](?:\s*,\s*version\s*[:=]\s*["']([^"']+)["'])?/g;
const NOT_DEPS = new Set(['id', 'plugin', 'maven', 'url', 'uri', 'apply', 'mavenBom', 'from', 'include', 'exclude']);

function dep(group: string, artifact: string, version: string | undefined, at: number, code: string, scope: string | undefined): ManifestDep {
  const exact = version && !/[$+[\](),]/.test(version) && !version.includes('latest') ? version : undefined;
  return { ecosystem: 'Maven', name: `${group}:${artifact}`, line: lineAt(code, at), scope, ...(exact ? { version: exact } : { spec: version }) };
}

export function parseGradle(text: string): ManifestResult {
  const code = blankComments(text);
  const deps: ManifestDep[] = [];
  for (const m of code.matchAll(GAV)) {
    if (NOT_DEPS.has(m[1])) continue;
    deps.push(dep(m[2], m[3], m[4], m.index, code, /test/i.test(m[1]) ? 'test' : undefined));
  }
  for (const m of code.matchAll(MAP)) deps.push(dep(m[1], m[2], m[3], m.index, code, undefined));
  return { deps, warnings: [], lock: false };
}
