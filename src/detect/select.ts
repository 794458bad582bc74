// Per-file detector selection. Detectors may declare which extensions / file names their wants() can
// accept (Detector.extensions / .names); they are indexed once per scan so that a file is offered only
// to the detectors that could want it (plus every detector without a hint). Order is the registry order.
import type { Detector, FileRef } from './types.js';

export type Selector = (ref: FileRef) => Detector[];

export function makeSelector(detectors: readonly Detector[]): Selector {
  const order = new Map<Detector, number>();
  const byExt = new Map<string, Detector[]>();
  const byName = new Map<string, Detector[]>();
  const always: Detector[] = [];
  const add = (m: Map<string, Detector[]>, k: string, d: Detector) => {
    const list = m.get(k);
    if (!list) m.set(k, [d]);
    else if (!list.includes(d)) list.push(d);
  };
  detectors.forEach((d, i) => {
    order.set(d, i);
    const exts = d.extensions;
    const names = d.names;
    if (!exts && !names) {
      always.push(d);
      return;
    }
    for (const e of exts ?? []) add(byExt, e, d);
    for (const n of names ?? []) add(byName, n, d);
  });
  const merge = (...lists: (readonly Detector[] | undefined)[]): Detector[] => {
    const set = new Set<Detector>();
    for (const l of lists) for (const d of l ?? []) set.add(d);
    return [...set].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  };
  const byExtCache = new Map<string, Detector[]>();
  const candidates = (ref: FileRef): Detector[] => {
    let base = byExtCache.get(ref.ext);
    if (!base) byExtCache.set(ref.ext, (base = merge(always, byExt.get(ref.ext))));
    const named = byName.get(ref.name);
    return named ? merge(base, named) : base;
  };
  return (ref) => {
    const out: Detector[] = [];
    for (const d of candidates(ref)) if ((d.scansDependencies || !ref.dependency) && safeWants(d, ref)) out.push(d);
    return out;
  };
}

function safeWants(d: Detector, ref: FileRef): boolean {
  try {
    return d.wants(ref);
  } catch {
    return false;
  }
}
