// .gitignore handling for one walk: each folder's .gitignore applies to the paths below it,
// evaluated relative to that folder, as git does. `--exclude` patterns use the same syntax.
import ignore, { type Ignore } from 'ignore';

export interface IgnoreLayer {
  /** folder (relative to the root, POSIX, '' for the root) that the patterns are relative to */
  base: string;
  matcher: Ignore;
}

export function makeLayer(base: string, patterns: string): IgnoreLayer {
  return { base, matcher: ignore().add(patterns) };
}

/** true when `rel` (relative to the walk root) is ignored by any layer; `dir` marks folders */
export function isIgnored(layers: readonly IgnoreLayer[], rel: string, dir: boolean): boolean {
  for (const layer of layers) {
    const sub = layer.base === '' ? rel : rel.startsWith(layer.base + '/') ? rel.slice(layer.base.length + 1) : undefined;
    if (sub === undefined || sub === '') continue;
    if (layer.matcher.ignores(dir ? sub + '/' : sub)) return true;
  }
  return false;
}
