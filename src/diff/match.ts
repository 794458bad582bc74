// Pairs the components of two BOMs: same bom-ref first, then same purl, then the same package
// with another version (purl without version), then a shared location path. Returns new id -> old id.
import type { ComponentView, ServiceView } from './bom-view.js';

/** `pkg:pypi/transformers@4.30.0?x=y#sub` -> `pkg:pypi/transformers` */
export function versionlessPurl(purl: string): string {
  const noFrag = purl.split('#')[0].split('?')[0];
  const at = noFrag.lastIndexOf('@');
  const slash = noFrag.lastIndexOf('/');
  return at > slash ? noFrag.slice(0, at) : noFrag;
}

type Key = (c: ComponentView) => string | undefined;

function pairBy(oldFree: ComponentView[], newFree: ComponentView[], key: Key, out: Map<string, string>): void {
  const byKey = new Map<string, ComponentView[]>();
  for (const o of oldFree) {
    const k = key(o);
    if (k !== undefined) byKey.set(k, [...(byKey.get(k) ?? []), o]);
  }
  const taken = new Set<string>();
  for (const n of newFree) {
    if (out.has(n.id)) continue;
    const k = key(n);
    if (k === undefined) continue;
    const candidates = (byKey.get(k) ?? []).filter((o) => !taken.has(o.id));
    if (candidates.length === 0) continue;
    // prefer a candidate seen at one of the same paths
    const best = candidates.find((o) => o.paths.some((p) => n.paths.includes(p))) ?? candidates[0];
    taken.add(best.id);
    out.set(n.id, best.id);
  }
}

export function matchComponents(oldList: ComponentView[], newList: ComponentView[]): Map<string, string> {
  const out = new Map<string, string>();
  const oldIds = new Set(oldList.map((c) => c.id));
  for (const n of newList) if (oldIds.has(n.id) && !n.id.startsWith('anon:')) out.set(n.id, n.id);
  const keys: Key[] = [
    (c) => c.purl,
    (c) => (c.purl ? `${c.cls}|${versionlessPurl(c.purl)}` : undefined),
    (c) => (c.cls === 'library' ? `${c.cls}|${c.name}|${c.paths[0] ?? ''}` : undefined),
  ];
  for (const key of keys) {
    const used = new Set(out.values());
    pairBy(oldList.filter((o) => !used.has(o.id)), newList.filter((n) => !out.has(n.id)), key, out);
  }
  // last: same kind of component at the same path
  const used = new Set(out.values());
  const oldFree = oldList.filter((o) => !used.has(o.id));
  for (const n of newList) {
    if (out.has(n.id) || n.paths.length === 0) continue;
    const hit = oldFree.find((o) => !used.has(o.id) && o.type === n.type && o.paths.some((p) => n.paths.includes(p)));
    if (hit) {
      used.add(hit.id);
      out.set(n.id, hit.id);
    }
  }
  return out;
}

/** Services: same bom-ref, then same provider and name. Returns new id -> old id. */
export function matchServices(oldList: ServiceView[], newList: ServiceView[]): Map<string, string> {
  const out = new Map<string, string>();
  const oldIds = new Set(oldList.map((s) => s.id));
  for (const n of newList) if (oldIds.has(n.id) && !n.id.startsWith('anon:')) out.set(n.id, n.id);
  const used = new Set(out.values());
  const label = (s: ServiceView) => `${(s.provider ?? '').toLowerCase()}|${s.name.toLowerCase()}`;
  for (const n of newList) {
    if (out.has(n.id)) continue;
    const hit = oldList.find((o) => !used.has(o.id) && label(o) === label(n));
    if (hit) {
      used.add(hit.id);
      out.set(n.id, hit.id);
    }
  }
  return out;
}
