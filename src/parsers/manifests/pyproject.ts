// pyproject.toml: PEP 621 [project], PEP 735 [dependency-groups], Poetry [tool.poetry] and uv [tool.uv].
import { lineOfName } from './lines.js';
import { parsePep508 } from './pep508.js';
import { asRecord, asString, parseTomlManifest } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

/** Poetry: a bare version ("1.2.3") or "==1.2.3" is exact; ^, ~, *, ranges are not. */
function poetryDep(name: string, value: unknown, scope: string | undefined): ManifestDep {
  const spec = asString(value) ?? asString(asRecord(value)?.version);
  const exact = spec ? /^\s*(?:==?\s*)?(\d[\w.+!-]*)\s*$/.exec(spec) : null;
  const dep: ManifestDep = { ecosystem: 'PyPI', name, scope };
  if (exact) dep.version = exact[1];
  else if (spec) dep.spec = spec;
  else if (asRecord(value)) dep.spec = JSON.stringify(value).slice(0, 120);
  return dep;
}

function pep508List(list: unknown, scope: string | undefined, out: ManifestDep[], warnings: string[]): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    const s = asString(item);
    if (s === undefined) continue; // {include-group = "..."} in PEP 735
    const req = parsePep508(s);
    if (req) out.push({ ecosystem: 'PyPI', ...req, scope });
    else warnings.push(`not a requirement: ${s.slice(0, 80)}`);
  }
}

export function parsePyproject(text: string): ManifestResult {
  const parsed = parseTomlManifest(text, false);
  if ('invalid' in parsed) return parsed.invalid;
  const doc = parsed.doc;
  const deps: ManifestDep[] = [];
  const warnings: string[] = [];
  const project = asRecord(doc.project);
  pep508List(project?.dependencies, undefined, deps, warnings);
  for (const [group, list] of Object.entries(asRecord(project?.['optional-dependencies']) ?? {})) {
    pep508List(list, `optional:${group}`, deps, warnings);
  }
  for (const [group, list] of Object.entries(asRecord(doc['dependency-groups']) ?? {})) pep508List(list, `group:${group}`, deps, warnings);
  const tool = asRecord(doc.tool);
  const poetry = asRecord(tool?.poetry);
  const poetryTables: [Record<string, unknown> | undefined, string | undefined][] = [
    [asRecord(poetry?.dependencies), undefined],
    [asRecord(poetry?.['dev-dependencies']), 'dev'],
  ];
  for (const [g, v] of Object.entries(asRecord(poetry?.group) ?? {})) poetryTables.push([asRecord(asRecord(v)?.dependencies), `group:${g}`]);
  for (const [table, scope] of poetryTables) {
    for (const [name, value] of Object.entries(table ?? {})) {
      if (name.toLowerCase() !== 'python') deps.push(poetryDep(name, value, scope));
    }
  }
  const uv = asRecord(tool?.uv);
  pep508List(uv?.['dev-dependencies'], 'dev', deps, warnings);
  for (const d of deps) d.line = lineOfName(text, d.name, true);
  return { deps, warnings, lock: false };
}
