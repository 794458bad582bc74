// *.csproj / *.fsproj / Directory.Packages.props (<PackageReference>, <PackageVersion>), packages.config and
// packages.lock.json. Regex over comment-free XML; nothing is resolved or fetched.
import { lineAt } from './lines.js';
import { asRecord, asString, emptyResult, errorText } from './types.js';
import type { ManifestDep, ManifestResult } from './types.js';

function attr(s: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(s);
  return m ? m[1] : undefined;
}

function nugetDep(name: string, version: string | undefined, line: number): ManifestDep {
  // a plain NuGet version is the one restored (lowest applicable); floating (*) and ranges are not exact
  const exact = version && /^\d[\w.+-]*$/.test(version) && !version.includes('*') ? version : undefined;
  return { ecosystem: 'NuGet', name, line, ...(exact ? { version: exact } : { spec: version }) };
}

export function parseCsproj(text: string): ManifestResult {
  const xml = text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const deps: ManifestDep[] = [];
  const re = /<(PackageReference|PackageVersion|package)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/g;
  for (const m of xml.matchAll(re)) {
    const attrs = m[2];
    const name = attr(attrs, m[1] === 'package' ? 'id' : 'Include') ?? attr(attrs, 'Update');
    if (!name) continue;
    const child = m[4] ? /<Version>\s*([^<]*?)\s*<\/Version>/i.exec(m[4])?.[1] : undefined;
    deps.push(nugetDep(name, attr(attrs, 'Version') ?? child, lineAt(xml, m.index)));
  }
  return { deps, warnings: [], lock: false };
}

export function parseNugetLock(text: string): ManifestResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return emptyResult(true, `invalid JSON: ${errorText(e)}`);
  }
  const seen = new Set<string>();
  const deps: ManifestDep[] = [];
  for (const fw of Object.values(asRecord(asRecord(doc)?.dependencies) ?? {})) {
    for (const [name, value] of Object.entries(asRecord(fw) ?? {})) {
      const rec = asRecord(value);
      if (asString(rec?.type) === 'Project') continue;
      const version = asString(rec?.resolved);
      if (seen.has(`${name}@${version}`)) continue;
      seen.add(`${name}@${version}`);
      deps.push({ ecosystem: 'NuGet', name, version, anchor: `"${name}"`, scope: asString(rec?.type) === 'Transitive' ? 'transitive' : undefined });
    }
  }
  return { deps, warnings: [], lock: true };
}
