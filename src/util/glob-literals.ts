// A cheap pre-check for path globs: a path can only match a glob if it contains the glob's longest literal
// piece (the text between wildcards). Checking a few substrings rejects almost every path of a walk before
// any regular expression runs.

/** longest wildcard-free piece of each glob; undefined when some glob has none (no pre-check possible) */
export function globLiterals(globs: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const g of globs) {
    const pieces = g.split(/\*+\/?|\?/).filter((p) => p.length > 0);
    const longest = pieces.sort((a, b) => b.length - a.length)[0];
    if (!longest || longest.length < 3) return undefined;
    out.push(longest);
  }
  return [...new Set(out)];
}

/** false only when the path cannot match any of the globs the literals came from */
export function mayMatch(path: string, literals: readonly string[] | undefined): boolean {
  if (!literals) return true;
  for (const l of literals) if (path.includes(l)) return true;
  return false;
}

/** Selection hints (Detector.extensions / names / prefixes / folders) for path globs matched at a folder
 *  boundary at the end of the path (`**` spans folders, `*` stays in one segment): a path can only match
 *  when its name is a literal name, starts with a literal prefix, has the extension a `*.ext` name glob ends
 *  with or the ending of a `*.x.ext` one, or when its folder contains a glob's literal folder part. Undefined when some glob gives
 *  no such hint (then the detector must be offered every file). */
export function globHints(globs: readonly string[]): { extensions: string[]; names: string[]; prefixes: string[]; folders: string[]; suffixes: string[] } | undefined {
  const h = { extensions: new Set<string>(), names: new Set<string>(), prefixes: new Set<string>(), folders: new Set<string>(), suffixes: new Set<string>() };
  for (const glob of globs) {
    let g = glob;
    while (g.startsWith('**/')) g = g.slice(3);
    const slash = g.lastIndexOf('/');
    if (slash >= 0) {
      const dir = g.slice(0, slash).split('/');
      const lit: string[] = [];
      for (const seg of dir) {
        if (seg.includes('*') || seg.includes('?')) break;
        lit.push(seg);
      }
      if (lit.length === 0) return undefined;
      h.folders.add(lit.join('/'));
      continue;
    }
    if (g.includes('?')) return undefined;
    const star = g.indexOf('*');
    if (star < 0) {
      h.names.add(g);
      continue;
    }
    const prefix = g.slice(0, star);
    const suffix = g.slice(g.lastIndexOf('*') + 1);
    if (prefix.length > 0) {
      h.prefixes.add(prefix);
      continue;
    }
    const dot = suffix.lastIndexOf('.');
    if (dot < 0) return undefined;
    // "*.prompt.md": the whole ending, not every ".md" file; "*.prompt": the extension
    if (dot > 0 && star === g.lastIndexOf('*')) h.suffixes.add(suffix.toLowerCase());
    else h.extensions.add(suffix.slice(dot).toLowerCase());
    // `*` may match nothing: ".prompt" has no extension (a leading dot does not start one)
    h.names.add(suffix);
  }
  return { extensions: [...h.extensions], names: [...h.names], prefixes: [...h.prefixes], folders: [...h.folders], suffixes: [...h.suffixes] };
}
