// One combined keyword regex per ecosystem, run on the raw text before any parsing: a file that cannot
// contain an import of a known AI package is never parsed. False hits only cost a parse; misses would be bugs,
// so each regex is a superset of what the import extractors accept (a test checks every import root).
import type { Ecosystem, PackageTable } from './packages.js';

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function alt(list: string[]): string {
  // longest first so alternation prefers whole roots
  return [...new Set(list)].sort((a, b) => b.length - a.length).map(esc).join('|');
}

function pythonSource(roots: string[]): string {
  const full = alt(roots);
  // `from google import genai` names the root google.genai in two parts
  const parents = alt(roots.filter((r) => r.includes('.')).map((r) => r.slice(0, r.lastIndexOf('.'))));
  // starts with literals (no line anchor: a superset, and much faster to scan for)
  return `\\b(?:import|from)[ \\t]+(?:[\\w.]+[ \\t]*,[ \\t]*)*(?:${full})\\b|\\bfrom[ \\t]+(?:${parents})[ \\t]+import\\b|__import__|import_module`;
}

export function prefilterSource(ecosystem: Ecosystem, table: PackageTable): string {
  const roots = table.roots(ecosystem);
  const all = alt(roots);
  switch (ecosystem) {
    case 'PyPI':
      return pythonSource(roots);
    case 'npm':
      return `["'\`](?:${all})["'\`/]`;
    case 'Go':
      return `"(?:${all})["/]`;
    case 'Maven':
      return `\\bimport\\s+(?:static\\s+)?\`?(?:${all})\\b`;
    case 'NuGet':
      return `\\busing\\s+(?:static\\s+)?(?:\\w+\\s*=\\s*)?(?:${all})\\b`;
    case 'crates.io':
      return `\\b(?:${all})\\s*::|\\bextern\\s+crate\\s+(?:${all})\\b|\\buse\\s+(?:${all})\\s*;`;
    case 'RubyGems':
      return `\\b(?:require|gem)\\b[\\s(]*["'](?:${all})["'/]`;
  }
}

/** The prefilter of an ecosystem (not global: safe for .test()). */
export function buildPrefilter(ecosystem: Ecosystem, table: PackageTable): RegExp {
  return new RegExp(prefilterSource(ecosystem, table));
}

/** Offset just past the last prefilter hit plus a few lines of slack (multi-line import statements), or -1
 *  when nothing matches. Parsing the text up to there classifies every hit exactly as parsing the whole file
 *  would: whether a position lies in a comment or string depends only on the text before it. */
export function parseCutoff(text: string, global: RegExp, slackLines = 8): number {
  let last = -1;
  global.lastIndex = 0;
  for (let m = global.exec(text); m; m = global.exec(text)) {
    last = m.index + m[0].length;
    if (m[0].length === 0) global.lastIndex++;
  }
  if (last < 0) return -1;
  let end = last;
  for (let i = 0; i < slackLines && end >= 0 && end < text.length; i++) end = text.indexOf('\n', end + 1);
  return end < 0 ? text.length : end;
}
