// .gitignore handling for one walk: each folder's .gitignore applies to the paths below it,
// evaluated relative to that folder, as git does. `--exclude` patterns use the same syntax.
//
// Matching is the `ignore` package's. It tests every rule against every path, ~15 µs a path for a typical
// 130-line .gitignore: 1.5 s on a 100k-file tree, more than the rest of the walk. So each layer also joins its
// rules' regular expressions into two (rules matched against the basename, rules matched against the path,
// split as the package splits them); a path neither matches cannot be ignored by the layer, and only the few
// paths that match one go to the package. This is exact because the walk tests folders before their contents
// and never enters an ignored folder, so for the package a path's ancestors are never ignored either (see
// test/core/ignore-stack.test.ts, which compares both on real templates). The joined expressions are built from
// the package's compiled rules; if a future version of it no longer has them, every path goes to the package.
import ignore, { type Ignore } from 'ignore';

export interface IgnoreLayer {
  /** folder (relative to the root, POSIX, '' for the root) that the patterns are relative to */
  base: string;
  matcher: Ignore;
  /** the layer's rules joined (see above); undefined: ask the package for every path */
  prefilter?: Prefilter;
}

interface Prefilter {
  /** rules the package matches against a path's last segment */
  basename: RegExp;
  /** the other rules, matched against the whole path */
  path: RegExp;
}

export function makeLayer(base: string, patterns: string): IgnoreLayer {
  const matcher = ignore().add(patterns);
  return { base, matcher, prefilter: prefilterOf(matcher) };
}

/** the shape of the package's compiled rules (ignore 7) */
interface CompiledRules {
  _rules: { regex: unknown; _basenameOnly: unknown }[];
  _basenameCount: number;
}

function prefilterOf(matcher: Ignore): Prefilter | undefined {
  try {
    const rm = (matcher as unknown as { _rules?: CompiledRules })._rules;
    const rules = rm?._rules;
    if (!rm || !Array.isArray(rules) || typeof rm._basenameCount !== 'number') return undefined;
    // the package matches basename-only rules against the basename when they are at least half of the rules
    const shortcut = rm._basenameCount * 2 >= rules.length;
    const base: string[] = [];
    const path: string[] = [];
    let flags: string | undefined;
    for (const r of rules) {
      if (!(r.regex instanceof RegExp) || typeof r._basenameOnly !== 'boolean') return undefined;
      if (flags !== undefined && r.regex.flags !== flags) return undefined;
      flags = r.regex.flags;
      (shortcut && r._basenameOnly ? base : path).push(`(?:${r.regex.source})`);
    }
    const join = (xs: string[]) => new RegExp(xs.length ? xs.join('|') : '(?!)', (flags ?? '').replace(/[gy]/g, ''));
    return { basename: join(base), path: join(path) };
  } catch {
    return undefined;
  }
}

/** the last segment of a path, keeping a trailing slash (as the package takes it) */
function basenameOf(path: string): string {
  const end = path.length - 1;
  const i = path.lastIndexOf('/', path[end] === '/' ? end - 1 : end);
  return i < 0 ? path : path.slice(i + 1);
}

/** true when `rel` (relative to the walk root) is ignored by any layer; `dir` marks folders. The walk asks about
 *  a folder before anything in it, and does not enter ignored folders (with them the answer may differ). */
export function isIgnored(layers: readonly IgnoreLayer[], rel: string, dir: boolean): boolean {
  for (const layer of layers) {
    const sub = layer.base === '' ? rel : rel.startsWith(layer.base + '/') ? rel.slice(layer.base.length + 1) : undefined;
    if (sub === undefined || sub === '') continue;
    const p = dir ? sub + '/' : sub;
    const pre = layer.prefilter;
    if (pre && !pre.basename.test(basenameOf(p)) && !pre.path.test(p)) continue;
    if (layer.matcher.ignores(p)) return true;
  }
  return false;
}
