// package.json dependency tables.
import semver from 'semver';
import { asRecord, asString, emptyResult, errorText } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

const TABLES: [string, string | undefined][] = [
  ['dependencies', undefined],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
];

export function parsePackageJson(text: string): ManifestResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return emptyResult(false, `invalid JSON: ${errorText(e)}`);
  }
  const deps: ManifestDep[] = [];
  for (const [table, scope] of TABLES) {
    for (const [name, value] of Object.entries(asRecord(asRecord(doc)?.[table]) ?? {})) {
      const spec = asString(value) ?? '';
      // "npm:real-name@^1" aliases install another package under this name
      const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(spec);
      const realName = alias ? alias[1] : name;
      const realSpec = alias ? (alias[2] ?? '') : spec;
      const exact = semver.valid(realSpec.replace(/^=/, '').trim());
      deps.push({ ecosystem: 'npm', name: realName, scope, anchor: `"${name}"`, ...(exact ? { version: exact } : { spec: realSpec || undefined }) });
    }
  }
  return { deps, warnings: [], lock: false };
}
