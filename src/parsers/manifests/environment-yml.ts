// conda environment.yml: "name=1.2=build" conda specs and a nested {pip: [...]} list of PEP 508 requirements.
import { parse } from 'yaml';
import { lineOfName } from './lines.js';
import { parsePep508 } from './pep508.js';
import { asRecord, asString, emptyResult, errorText } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

function condaDep(spec: string): ManifestDep | undefined {
  const s = spec.replace(/^[\w.-]+::/, '').trim();
  const m = /^([A-Za-z0-9_][A-Za-z0-9._-]*)\s*(.*)$/.exec(s);
  if (!m) return undefined;
  const rest = m[2].trim();
  const exact = /^==?\s*([\w.+!]+)(?:[=\s]\S+)?$/.exec(rest);
  if (exact && !rest.includes('*')) return { ecosystem: 'conda', name: m[1], version: exact[1] };
  return { ecosystem: 'conda', name: m[1], spec: rest || undefined };
}

export function parseEnvironmentYml(text: string): ManifestResult {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    return emptyResult(false, `invalid YAML: ${errorText(e)}`);
  }
  const list = asRecord(doc)?.dependencies;
  const deps: ManifestDep[] = [];
  const warnings: string[] = [];
  if (!Array.isArray(list)) return { deps, warnings, lock: false };
  for (const item of list) {
    const s = asString(item);
    if (s !== undefined) {
      const d = condaDep(s);
      if (d) deps.push(d);
      else warnings.push(`not a conda spec: ${s.slice(0, 80)}`);
      continue;
    }
    const pip = asRecord(item)?.pip;
    if (!Array.isArray(pip)) continue;
    for (const p of pip) {
      const r = asString(p) !== undefined ? parsePep508(asString(p) ?? '') : undefined;
      if (r) deps.push({ ecosystem: 'PyPI', ...r });
    }
  }
  for (const d of deps) d.line = lineOfName(text, d.name, true);
  return { deps, warnings, lock: false };
}
