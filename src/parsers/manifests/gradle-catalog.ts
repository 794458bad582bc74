// Gradle version catalogs (gradle/libs.versions.toml): [libraries] aliases with module/group/name and
// version or version.ref into [versions].
import { parse } from 'smol-toml';
import { lineOfName } from './lines.js';
import { asRecord, asString, emptyResult, errorText } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

function versionOf(v: unknown, versions: Record<string, unknown>): string | undefined {
  const s = asString(v);
  if (s !== undefined) return s;
  const rec = asRecord(v);
  if (!rec) return undefined;
  if (asString(rec.ref)) return versionOf(versions[asString(rec.ref) ?? ''], {});
  return asString(rec.strictly) ?? asString(rec.require) ?? asString(rec.prefer);
}

export function parseGradleCatalog(text: string): ManifestResult {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    return emptyResult(false, `invalid TOML: ${errorText(e)}`);
  }
  const versions = asRecord(doc.versions) ?? {};
  const deps: ManifestDep[] = [];
  for (const [alias, value] of Object.entries(asRecord(doc.libraries) ?? {})) {
    const rec = asRecord(value);
    const notation = asString(value)?.split(':');
    const module = asString(rec?.module) ?? (rec?.group && rec?.name ? `${asString(rec.group)}:${asString(rec.name)}` : notation && notation.length >= 2 ? `${notation[0]}:${notation[1]}` : undefined);
    if (!module) continue;
    const version = notation && notation.length >= 3 ? notation[2] : versionOf(rec?.version, versions);
    const exact = version && !/[$+[\](),]/.test(version) ? version : undefined;
    deps.push({ ecosystem: 'Maven', name: module, line: lineOfName(text, alias), ...(exact ? { version: exact } : { spec: version }) });
  }
  return { deps, warnings: [], lock: false };
}
