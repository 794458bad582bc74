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
