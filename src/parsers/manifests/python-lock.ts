// poetry.lock and uv.lock: TOML with [[package]] name/version tables (resolved, transitive included).
import { parse } from 'smol-toml';
import { asRecord, asString, emptyResult, errorText } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

export function parsePythonLock(text: string): ManifestResult {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    return emptyResult(true, `invalid TOML: ${errorText(e)}`);
  }
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
