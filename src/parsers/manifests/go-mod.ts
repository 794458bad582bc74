// go.mod (require directives; versions are exact under minimal version selection) and go.sum.
import type { ManifestDep, ManifestResult } from './types.js';

export function parseGoMod(text: string): ManifestResult {
  const deps: ManifestDep[] = [];
  const lines = text.split(/\r?\n/);
  let inRequire = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const indirect = /\/\/\s*indirect\b/.test(raw);
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (inRequire) {
      if (line.startsWith(')')) {
        inRequire = false;
        continue;
      }
    } else if (/^require\s*\($/.test(line)) {
      inRequire = true;
      continue;
    }
    const m = inRequire ? /^(\S+)\s+(v\S+)$/.exec(line) : /^require\s+(\S+)\s+(v\S+)$/.exec(line);
    if (m) deps.push({ ecosystem: 'Go', name: m[1].replace(/^"|"$/g, ''), version: m[2], line: i + 1, scope: indirect ? 'indirect' : undefined });
  }
  return { deps, warnings: [], lock: false };
}

/** go.sum lists every module version the build graph touched; the highest per module is reported. */
export function parseGoSum(text: string): ManifestResult {
  const best = new Map<string, ManifestDep>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\S+)\s+(v[^/\s]+)(?:\/go\.mod)?\s+h1:/.exec(lines[i]);
    if (!m) continue;
    const prev = best.get(m[1]);
    if (!prev || (prev.version ?? '') < m[2]) best.set(m[1], { ecosystem: 'Go', name: m[1], version: m[2], line: i + 1 });
  }
  return { deps: [...best.values()], warnings: [], lock: true };
}
