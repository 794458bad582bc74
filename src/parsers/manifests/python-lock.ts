// poetry.lock and uv.lock: TOML with [[package]] name/version tables (resolved, transitive included).
import { asRecord, asString, parseTomlManifest } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

export function parsePythonLock(text: string): ManifestResult {
  const parsed = parseTomlManifest(text, true);
  if ('invalid' in parsed) return parsed.invalid;
  const doc = parsed.doc;
  const deps: ManifestDep[] = [];
  const packages = Array.isArray(doc.package) ? doc.package : [];
  for (const p of packages) {
    const rec = asRecord(p);
    const name = asString(rec?.name);
    const version = asString(rec?.version);
    if (!name) continue;
    const source = asRecord(rec?.source);
    // uv.lock lists the project itself (editable / virtual source): not a dependency
    if (source && (source.editable !== undefined || source.virtual !== undefined)) continue;
    deps.push({ ecosystem: 'PyPI', name, version, anchor: `name = "${name}"` });
  }
  return { deps, warnings: [], lock: true };
}
