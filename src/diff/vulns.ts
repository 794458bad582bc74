// New and resolved vulnerabilities (findings). A finding is the same across the two BOMs when its
// id, affected component (paired by match.ts, so a version bump keeps the identity) and file agree;
// lines may move, so several findings of one key are paired by line first, then in order.
import type { BomView, VulnView } from './bom-view.js';
import type { VulnSummary } from './types.js';

const SEV = ['critical', 'high', 'medium', 'low', 'info', 'none', 'unknown'];

function keyOf(v: VulnView, canonical: (ref: string) => string): string {
  return `${v.id}|${v.affects.map(canonical).sort().join(',')}|${v.path ?? ''}`;
}

function group(list: VulnView[], canonical: (ref: string) => string): Map<string, VulnView[]> {
  const out = new Map<string, VulnView[]>();
  for (const v of list) {
    const k = keyOf(v, canonical);
    out.set(k, [...(out.get(k) ?? []), v]);
  }
  return out;
}

/** the items of `a` that have no partner in `b`: pairs by same line first, the rest in order */
function unpaired(a: VulnView[], b: VulnView[]): VulnView[] {
  const excess = a.length - b.length;
  if (excess <= 0) return [];
  const rest = [...b];
  const left: VulnView[] = [];
  for (const v of a) {
    const i = rest.findIndex((x) => x.line === v.line);
    if (i >= 0) rest.splice(i, 1);
    else left.push(v);
  }
  // every item of `rest` pairs with one of `left` (a moved finding); the last `excess` are new
  return left.slice(left.length - excess);
}

function display(bom: BomView): (v: VulnView) => VulnSummary {
  const names = new Map<string, string>();
  for (const c of bom.components) names.set(c.id, c.version ? `${c.name}@${c.version}` : c.name);
  for (const s of bom.services) names.set(s.id, s.name);
  return (v) => ({
    id: v.id,
    severity: v.severity,
    title: v.title,
    affects: v.affects.map((r) => names.get(r) ?? r),
    location: v.path === undefined ? undefined : v.line ? `${v.path}:${v.line}` : v.path,
  });
}

const bySeverity = (a: VulnSummary, b: VulnSummary) =>
  SEV.indexOf(a.severity ?? 'unknown') - SEV.indexOf(b.severity ?? 'unknown') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function diffVulnerabilities(oldBom: BomView, newBom: BomView, pairs: Map<string, string>): { added: VulnSummary[]; resolved: VulnSummary[] } {
  const canonicalNew = (ref: string) => pairs.get(ref) ?? ref;
  const canonicalOld = (ref: string) => ref;
  const before = group(oldBom.vulnerabilities, canonicalOld);
  const after = group(newBom.vulnerabilities, canonicalNew);
  const added: VulnView[] = [];
  const resolved: VulnView[] = [];
  for (const [k, list] of after) added.push(...unpaired(list, before.get(k) ?? []));
  for (const [k, list] of before) resolved.push(...unpaired(list, after.get(k) ?? []));
  return { added: added.map(display(newBom)).sort(bySeverity), resolved: resolved.map(display(oldBom)).sort(bySeverity) };
}
