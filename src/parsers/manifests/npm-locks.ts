// npm lockfiles: package-lock.json / npm-shrinkwrap.json (v1-v3), yarn.lock (classic and berry), pnpm-lock.yaml.
import { parse } from 'yaml';
import { asRecord, asString, emptyResult, errorText } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

export function parsePackageLock(text: string): ManifestResult {
  let doc: Record<string, unknown> | undefined;
  try {
    doc = asRecord(JSON.parse(text));
  } catch (e) {
    return emptyResult(true, `invalid JSON: ${errorText(e)}`);
  }
  const deps: ManifestDep[] = [];
  const packages = asRecord(doc?.packages);
  if (packages) {
    for (const [path, value] of Object.entries(packages)) {
      const at = path.lastIndexOf('node_modules/');
      const rec = asRecord(value);
      if (at < 0 || rec?.link === true) continue;
      const name = asString(rec?.name) ?? path.slice(at + 'node_modules/'.length);
      deps.push({ ecosystem: 'npm', name, version: asString(rec?.version), scope: rec?.dev === true ? 'dev' : undefined, anchor: `"${path}"` });
    }
    return { deps, warnings: [], lock: true };
  }
  const walk = (table: unknown, depth: number): void => {
    if (depth > 64) return;
    for (const [name, value] of Object.entries(asRecord(table) ?? {})) {
      const rec = asRecord(value);
      deps.push({ ecosystem: 'npm', name, version: asString(rec?.version), scope: rec?.dev === true ? 'dev' : undefined, anchor: `"${name}"` });
      walk(rec?.dependencies, depth + 1);
    }
  };
  walk(doc?.dependencies, 0);
  return { deps, warnings: [], lock: true };
}

/** "@scope/name@^1" / "name@npm:^1" -> the package name */
function yarnName(spec: string): string | undefined {
  const s = spec.trim().replace(/^"|"$/g, '');
  const at = s.indexOf('@', s.startsWith('@') ? 1 : 0);
  return at > 0 ? s.slice(0, at) : undefined;
}

export function parseYarnLock(text: string): ManifestResult {
  const deps: ManifestDep[] = [];
  const lines = text.split(/\r?\n/);
  let current: { name: string; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.startsWith('#')) continue;
    if (!line.startsWith(' ') && line.trimEnd().endsWith(':')) {
      const name = yarnName(line.split(',')[0].replace(/:$/, ''));
      current = name && !line.startsWith('__metadata') ? { name, line: i + 1 } : undefined;
      continue;
    }
    const v = /^\s+version:?\s+"?([^"\s]+)"?/.exec(line);
    if (v && current) {
      if (!v[1].includes('use.local')) deps.push({ ecosystem: 'npm', name: current.name, version: v[1], line: current.line });
      current = undefined;
    }
  }
  return { deps, warnings: [], lock: true };
}

/** pnpm package keys: "/name/1.2.3" (v5), "/name@1.2.3(peer@1)" (v6), "name@1.2.3" (v9). */
function pnpmKey(key: string): { name: string; version: string } | undefined {
  const k = key.replace(/^\//, '').replace(/\(.*$/, '');
  const at = k.lastIndexOf('@');
  if (at > 0) return { name: k.slice(0, at), version: k.slice(at + 1) };
  const slash = k.lastIndexOf('/');
  return slash > 0 ? { name: k.slice(0, slash), version: k.slice(slash + 1) } : undefined;
}

export function parsePnpmLock(text: string): ManifestResult {
  let doc: Record<string, unknown> | undefined;
  try {
    doc = asRecord(parse(text, { maxAliasCount: 1000 }));
  } catch (e) {
    return emptyResult(true, `invalid YAML: ${errorText(e)}`);
  }
  const deps: ManifestDep[] = [];
  const seen = new Set<string>();
  for (const key of Object.keys(asRecord(doc?.packages) ?? {})) {
    const p = pnpmKey(key);
    if (!p || seen.has(`${p.name}@${p.version}`)) continue;
    seen.add(`${p.name}@${p.version}`);
    deps.push({ ecosystem: 'npm', name: p.name, version: p.version, anchor: key });
  }
  return { deps, warnings: [], lock: true };
}
