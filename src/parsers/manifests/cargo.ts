// Cargo.toml ([dependencies], [dev-dependencies], [build-dependencies], [workspace.dependencies],
// [target.*.dependencies]; `package = "..."` renames) and Cargo.lock ([[package]] name/version).
import { lineOfName } from './lines.js';
import { asRecord, asString, parseTomlManifest } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

function table(tbl: unknown, scope: string | undefined, text: string, out: ManifestDep[]): void {
  for (const [key, value] of Object.entries(asRecord(tbl) ?? {})) {
    const rec = asRecord(value);
    const name = asString(rec?.package) ?? key;
    const spec = asString(value) ?? asString(rec?.version);
    const exact = spec ? /^\s*=\s*(\d[\w.+-]*)\s*$/.exec(spec) : null;
    out.push({ ecosystem: 'crates.io', name, scope, line: lineOfName(text, key), ...(exact ? { version: exact[1] } : { spec }) });
  }
}

export function parseCargoToml(text: string): ManifestResult {
  const parsed = parseTomlManifest(text, false);
  if ('invalid' in parsed) return parsed.invalid;
  const doc = parsed.doc;
  const deps: ManifestDep[] = [];
  const sections = (d: Record<string, unknown> | undefined): void => {
    table(d?.dependencies, undefined, text, deps);
    table(d?.['dev-dependencies'], 'dev', text, deps);
    table(d?.['build-dependencies'], 'build', text, deps);
  };
  sections(doc);
  table(asRecord(doc.workspace)?.dependencies, undefined, text, deps);
  for (const t of Object.values(asRecord(doc.target) ?? {})) sections(asRecord(t));
  return { deps, warnings: [], lock: false };
}

export function parseCargoLock(text: string): ManifestResult {
  const parsed = parseTomlManifest(text, true);
  if ('invalid' in parsed) return parsed.invalid;
  const doc = parsed.doc;
  const deps: ManifestDep[] = [];
  for (const p of Array.isArray(doc.package) ? doc.package : []) {
    const rec = asRecord(p);
    const name = asString(rec?.name);
    // packages without a source are the workspace's own crates
    if (name && rec?.source !== undefined) deps.push({ ecosystem: 'crates.io', name, version: asString(rec?.version), anchor: `name = "${name}"` });
  }
  return { deps, warnings: [], lock: true };
}
