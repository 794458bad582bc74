// Per-file detector selection. Detectors declare which files their wants() can accept (Detector.extensions,
// .names, .prefixes, .folders); they are indexed once per scan, so a file is offered only to the detectors
// that could want it (plus every detector without any hint), and wants() runs only on those. The result for
// a file is one of a few shared, frozen arrays (one per combination seen), in registry order, so callers can
// cache per selection (the runner's content pre-check does).
import type { Detector, FileRef } from './types.js';

export type Selector = ((ref: FileRef) => readonly Detector[]) & {
  /** the detectors offered a file that only its extension (lower case, with the dot) selects: no name, prefix,
   *  suffix or folder hint matches it (settleFolder's bulk path) */
  byExtension(ext: string): readonly Detector[];
};

const NONE: readonly Detector[] = Object.freeze([]);

export type SelectionHints = Pick<Detector, 'extensions' | 'names' | 'prefixes' | 'folders' | 'suffixes'>;

/** Gives a detector selection hints computed on first use (from rule data, say): `load` runs once, when the
 *  selector first reads them; undefined leaves the detector without hints (offered every file). */
export function withLazyHints<D extends Detector>(detector: D, load: () => SelectionHints | undefined): D {
  let loaded: { hints: SelectionHints | undefined } | undefined;
  const get = (key: keyof SelectionHints) => () => (loaded ??= { hints: load() }).hints?.[key];
  for (const key of ['extensions', 'names', 'prefixes', 'folders', 'suffixes'] as const) Object.defineProperty(detector, key, { get: get(key), enumerable: true, configurable: true });
  return detector;
}

/** What the selection hints of a set of detectors say about which files any of them may want, for the native
 *  reader's read-ahead (it reads only those; a file it leaves out is read when a detector turns out to want it).
 *  `all`: some detector declares no hints, so any file may be wanted. `folders` as the selector matches them:
 *  lowercased, with a slash on both sides. */
export interface ReadAheadHints {
  all: boolean;
  exts: string[];
  names: string[];
  prefixes: string[];
  suffixes: string[];
  folders: string[];
}

export function readAheadHints(detectors: readonly Detector[]): ReadAheadHints {
  const out = { all: false, exts: new Set<string>(), names: new Set<string>(), prefixes: new Set<string>(), suffixes: new Set<string>(), folders: new Set<string>() };
  for (const d of detectors) {
    const h = hintsOf(d);
    if (!h) {
      out.all = true;
      continue;
    }
    for (const key of ['exts', 'names', 'prefixes', 'suffixes', 'folders'] as const) for (const v of h[key]) out[key].add(v);
  }
  return { all: out.all, exts: [...out.exts], names: [...out.names], prefixes: [...out.prefixes], suffixes: [...out.suffixes], folders: [...out.folders] };
}

/** a detector's selection hints as the selector matches them (lowercased; folders with a slash on both sides),
 *  or undefined when it declares none (it is offered every file) */
function hintsOf(d: Detector): Omit<ReadAheadHints, 'all'> | undefined {
  const { extensions, names, prefixes, suffixes, folders } = d;
  if (!extensions && !names && !prefixes && !suffixes && !folders) return undefined;
  const lower = (xs: readonly string[] | undefined) => (xs ?? []).map((x) => x.toLowerCase());
  return {
    exts: lower(extensions),
    names: lower(names),
    prefixes: lower(prefixes),
    suffixes: lower(suffixes),
    folders: lower(folders).map((f) => `/${f.replace(/^\/+|\/+$/g, '')}/`),
  };
}

export function makeSelector(detectors: readonly Detector[]): Selector {
  const order = new Map<Detector, number>();
  const byExt = new Map<string, Detector[]>();
  const byName = new Map<string, Detector[]>();
  const prefixes: [string, Detector][] = [];
  const suffixes: [string, Detector][] = [];
  const folders: [string, Detector][] = [];
  const always: Detector[] = [];
  const add = (m: Map<string, Detector[]>, k: string, d: Detector) => {
    const list = m.get(k);
    if (!list) m.set(k, [d]);
    else if (!list.includes(d)) list.push(d);
  };
  detectors.forEach((d, i) => {
    order.set(d, i);
    const h = hintsOf(d);
    if (!h) {
      always.push(d);
      return;
    }
    for (const e of h.exts) add(byExt, e, d);
    for (const n of h.names) add(byName, n, d);
    for (const p of h.prefixes) prefixes.push([p, d]);
    for (const x of h.suffixes) suffixes.push([x, d]);
    for (const f of h.folders) folders.push([f, d]);
  });
  const merge = (lists: readonly (readonly Detector[])[]): Detector[] => {
    const set = new Set<Detector>();
    for (const l of lists) for (const d of l) set.add(d);
    return [...set].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  };

  const byExtCache = new Map<string, Detector[]>();
  let lastDir: string | undefined;
  let lastDirHits: Detector[] = [];
  const inFolder = (path: string): Detector[] => {
    if (folders.length === 0) return lastDirHits;
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    if (dir !== lastDir) {
      lastDir = dir;
      const d = `/${dir.toLowerCase()}/`;
      lastDirHits = folders.filter(([f]) => d.includes(f)).map(([, det]) => det);
    }
    return lastDirHits;
  };
  const candidates = (ref: FileRef): Detector[] => {
    let base = byExtCache.get(ref.ext);
    if (!base) byExtCache.set(ref.ext, (base = merge([always, byExt.get(ref.ext) ?? []])));
    const lower = ref.name.toLowerCase();
    const named = byName.get(lower);
    let extra: Detector[] | undefined;
    for (const [p, d] of prefixes) if (lower.startsWith(p)) (extra ??= []).push(d);
    for (const [x, d] of suffixes) if (lower.endsWith(x)) (extra ??= []).push(d);
    const dirHits = inFolder(ref.path);
    if (!named && !extra && dirHits.length === 0) return base;
    return merge([base, named ?? [], extra ?? [], dirHits]);
  };

  const byExtension = (ext: string): readonly Detector[] => {
    let base = byExtCache.get(ext);
    if (!base) byExtCache.set(ext, (base = merge([always, byExt.get(ext) ?? []])));
    return base;
  };

  // the selections handed out, per candidate list and wants() bit mask: shared frozen arrays
  const chosen = new Map<readonly Detector[], Map<number, readonly Detector[]>>();
  const select = (ref: FileRef): readonly Detector[] => {
    const cands = candidates(ref);
    if (cands.length > 30) return Object.freeze(cands.filter((d) => accepts(d, ref)));
    let mask = 0;
    for (let i = 0; i < cands.length; i++) if (accepts(cands[i], ref)) mask |= 1 << i;
    if (mask === 0) return NONE;
    let forCands = chosen.get(cands);
    if (!forCands) {
      // merged lists (a name, prefix or folder hit) are new arrays: not worth keeping
      if (byExtCache.get(ref.ext) !== cands) return Object.freeze(cands.filter((_, i) => mask & (1 << i)));
      chosen.set(cands, (forCands = new Map()));
    }
    let sel = forCands.get(mask);
    if (!sel) forCands.set(mask, (sel = Object.freeze(cands.filter((_, i) => mask & (1 << i)))));
    return sel;
  };
  return Object.assign(select, { byExtension });
}

/** whether `d` wants the file, by the runner's rules: a detector that does not scan installed dependencies is never
 *  offered their files, and a wants() that throws wants nothing */
export function accepts(d: Detector, ref: FileRef): boolean {
  if (!d.scansDependencies && ref.dependency) return false;
  try {
    return d.wants(ref);
  } catch {
    return false;
  }
}
