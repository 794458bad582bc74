// requirements*.txt (pip): one requirement per line, -r includes, -e editables, options, hashes.
import { parsePep508 } from './pep508.js';
import type { ManifestResult } from './types.js';

const EGG = /#egg=([A-Za-z0-9][A-Za-z0-9._-]*)/;

export function parseRequirements(text: string): ManifestResult {
  const out: ManifestResult = { deps: [], warnings: [], includes: [], lock: false };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i];
    line = line.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const inc = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(line);
    if (inc) {
      out.includes?.push(inc[1]);
      continue;
    }
    if (/^(?:-e|--editable)\s/.test(line)) {
      const egg = EGG.exec(line);
      if (egg) out.deps.push({ ecosystem: 'PyPI', name: egg[1], spec: line.replace(/^(?:-e|--editable)\s+/, ''), line: lineNo });
      continue;
    }
    if (line.startsWith('-')) continue; // -c constraints, --index-url, --hash on its own line...
    if (/^[a-z+]+:\/\//i.test(line) || line.startsWith('.') || line.startsWith('/')) {
      const egg = EGG.exec(line);
      if (egg) out.deps.push({ ecosystem: 'PyPI', name: egg[1], spec: line, line: lineNo });
      continue;
    }
    const req = parsePep508(line.replace(/\s--?[a-z][\w-]*(?:[=\s]\S+)?/g, ''));
    if (req) out.deps.push({ ecosystem: 'PyPI', ...req, line: lineNo });
    else out.warnings.push(`line ${lineNo}: not a requirement`);
  }
  return out;
}
