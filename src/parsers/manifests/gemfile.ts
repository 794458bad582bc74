// Gemfile (gem "name", "~> 1.0") and Gemfile.lock (GEM specs: "    name (version)").
import type { ManifestDep, ManifestResult } from './types.js';

export function parseGemfile(text: string): ManifestResult {
  const deps: ManifestDep[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*gem\s*\(?\s*(["'])([\w.-]+)\1((?:\s*,\s*(["'])[^"']*\4)*)/.exec(lines[i]);
    if (!m) continue;
    const specs = [...m[3].matchAll(/["']([^"']*)["']/g)].map((s) => s[1]);
    const exact = specs.length === 1 ? /^\s*=?\s*(\d[\w.]*)\s*$/.exec(specs[0]) : null;
    deps.push({ ecosystem: 'RubyGems', name: m[2], line: i + 1, ...(exact ? { version: exact[1] } : { spec: specs.join(', ') || undefined }) });
  }
  return { deps, warnings: [], lock: false };
}

export function parseGemfileLock(text: string): ManifestResult {
  const deps: ManifestDep[] = [];
  const lines = text.split(/\r?\n/);
  let section = '';
  let inSpecs = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^[A-Z]/.test(line)) {
      section = line.trim();
      inSpecs = false;
      continue;
    }
    if (/^ {2}specs:\s*$/.test(line)) {
      inSpecs = section === 'GEM';
      continue;
    }
    const m = inSpecs ? /^ {4}([\w.-]+) \(([^)]+)\)\s*$/.exec(line) : null;
    // RubyGems versions never contain '-': what follows is a platform (x86_64-linux)
    if (m) deps.push({ ecosystem: 'RubyGems', name: m[1], version: m[2].split('-')[0], line: i + 1 });
  }
  return { deps, warnings: [], lock: true };
}
