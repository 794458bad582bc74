// Pipfile (TOML: [packages], [dev-packages]) and Pipfile.lock (JSON: default, develop).
import { lineOfName } from './lines.js';
import { exactPin } from './pep508.js';
import { asRecord, asString, emptyResult, errorText, parseTomlManifest } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

function specOf(value: unknown): string | undefined {
  return asString(value) ?? asString(asRecord(value)?.version);
}

export function parsePipfile(text: string): ManifestResult {
  const parsed = parseTomlManifest(text, false);
  if ('invalid' in parsed) return parsed.invalid;
  const doc = parsed.doc;
  const deps: ManifestDep[] = [];
  for (const [section, scope] of [['packages', undefined], ['dev-packages', 'dev']] as const) {
    for (const [name, value] of Object.entries(asRecord(doc[section]) ?? {})) {
      const spec = specOf(value);
      const version = spec ? exactPin(spec) : undefined;
      deps.push({ ecosystem: 'PyPI', name, scope, line: lineOfName(text, name, true), ...(version ? { version } : { spec: spec === '*' ? undefined : spec }) });
    }
  }
  return { deps, warnings: [], lock: false };
}

export function parsePipfileLock(text: string): ManifestResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return emptyResult(true, `invalid JSON: ${errorText(e)}`);
  }
  const deps: ManifestDep[] = [];
  for (const [section, scope] of [['default', undefined], ['develop', 'dev']] as const) {
    for (const [name, value] of Object.entries(asRecord(asRecord(doc)?.[section]) ?? {})) {
      const spec = specOf(value);
      const version = spec ? exactPin(spec) : undefined;
      deps.push({ ecosystem: 'PyPI', name, scope, anchor: `"${name}"`, ...(version ? { version } : { spec }) });
    }
  }
  return { deps, warnings: [], lock: true };
}
