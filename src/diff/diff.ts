// diffBoms(old, new): a pure comparison of two AI-BOMs. Components are paired by match.ts; content
// changes are found per path (the same path with another SHA-256 is possible tampering).
import type { BomView, ComponentView, ServiceView } from './bom-view.js';
import { matchComponents, matchServices } from './match.js';
import { diffVulnerabilities } from './vulns.js';
import type { BomDiff, ComponentSummary, HashChange, LicenseChange, ServiceSummary, VersionChange } from './types.js';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function summary(c: ComponentView): ComponentSummary {
  const format = c.props['aibom:model:format']?.[0] ?? c.props['aibom:dataset:format']?.[0];
  return { ref: c.id, name: c.name, type: c.type, version: c.version, purl: c.purl, format, sha256: c.sha256, licenses: c.licenses, paths: c.paths };
}

function serviceSummary(s: ServiceView): ServiceSummary {
  return { ref: s.id, name: s.name, provider: s.provider, endpoints: s.endpoints, models: s.models };
}

function hashesByPath(list: ComponentView[]): Map<string, { sha: Set<string>; c: ComponentView }> {
  const out = new Map<string, { sha: Set<string>; c: ComponentView }>();
  for (const c of list) {
    if (!c.sha256) continue;
    const paths = c.paths.length ? c.paths : c.id.startsWith('file:') ? [c.id.slice(5)] : [];
    for (const p of paths) {
      const e = out.get(p) ?? { sha: new Set<string>(), c };
      e.sha.add(c.sha256);
      out.set(p, e);
    }
  }
  return out;
}

function hashChanges(oldList: ComponentView[], newList: ComponentView[]): HashChange[] {
  const before = hashesByPath(oldList);
  const out: HashChange[] = [];
  for (const [path, now] of hashesByPath(newList)) {
    const was = before.get(path);
    if (!was) continue;
    const same = was.sha.size === now.sha.size && [...was.sha].every((s) => now.sha.has(s));
    if (same) continue;
    out.push({ path, ref: now.c.id, name: now.c.name, type: now.c.type, oldSha256: [...was.sha].sort().join(','), newSha256: [...now.sha].sort().join(',') });
  }
  return out.sort((a, b) => byText(a.path, b.path));
}

function licenseChange(o: ComponentView, n: ComponentView): LicenseChange | undefined {
  const added = n.licenses.filter((l) => !o.licenses.includes(l));
  const removed = o.licenses.filter((l) => !n.licenses.includes(l));
  if (added.length === 0 && removed.length === 0) return undefined;
  return { ref: n.id, name: n.name, type: n.type, old: o.licenses, new: n.licenses, added, removed };
}

function allLicenses(list: ComponentView[]): Set<string> {
  return new Set(list.flatMap((c) => c.licenses));
}

export function diffBoms(oldBom: BomView, newBom: BomView): BomDiff {
  const pairs = matchComponents(oldBom.components, newBom.components);
  const matchedOld = new Set(pairs.values());
  const oldById = new Map(oldBom.components.map((c) => [c.id, c]));
  const added = newBom.components.filter((c) => !pairs.has(c.id));
  const removed = oldBom.components.filter((c) => !matchedOld.has(c.id));
  const pick = (list: ComponentView[], cls: ComponentView['cls']) => list.filter((c) => c.cls === cls).map(summary).sort((a, b) => byText(a.ref, b.ref));

  const versionChanged: VersionChange[] = [];
  const licenseChanges: LicenseChange[] = [];
  for (const n of newBom.components) {
    const o = oldById.get(pairs.get(n.id) ?? '');
    if (!o) continue;
    if (n.cls === 'library' && (o.version ?? '') !== (n.version ?? '')) {
      versionChanged.push({ ref: n.id, name: n.name, purl: n.purl, oldVersion: o.version, newVersion: n.version });
    }
    const lc = licenseChange(o, n);
    if (lc) licenseChanges.push(lc);
  }

  const sPairs = matchServices(oldBom.services, newBom.services);
  const sMatchedOld = new Set(sPairs.values());
  const oldEndpoints = new Set(oldBom.services.flatMap((s) => s.endpoints));
  const newEndpoints = new Set(newBom.services.flatMap((s) => s.endpoints));
  const endpointList = (list: ServiceView[], other: Set<string>) =>
    list.flatMap((s) => s.endpoints.filter((e) => !other.has(e)).map((url) => ({ url, service: s.name })))
      .filter((e, i, all) => all.findIndex((x) => x.url === e.url) === i)
      .sort((a, b) => byText(a.url, b.url));

  const oldIds = allLicenses(oldBom.components);
  const newIds = allLicenses(newBom.components);
  const counts = (b: BomView) => ({ specVersion: b.specVersion, components: b.components.length, services: b.services.length, vulnerabilities: b.vulnerabilities.length });
  return {
    old: counts(oldBom),
    new: counts(newBom),
    hashChanges: hashChanges(oldBom.components, newBom.components),
    models: { added: pick(added, 'model'), removed: pick(removed, 'model') },
    datasets: { added: pick(added, 'dataset'), removed: pick(removed, 'dataset') },
    libraries: { added: pick(added, 'library'), removed: pick(removed, 'library'), versionChanged: versionChanged.sort((a, b) => byText(a.ref, b.ref)) },
    otherComponents: { added: pick(added, 'other'), removed: pick(removed, 'other') },
    services: {
      added: newBom.services.filter((s) => !sPairs.has(s.id)).map(serviceSummary).sort((a, b) => byText(a.ref, b.ref)),
      removed: oldBom.services.filter((s) => !sMatchedOld.has(s.id)).map(serviceSummary).sort((a, b) => byText(a.ref, b.ref)),
    },
    endpoints: { added: endpointList(newBom.services, oldEndpoints), removed: endpointList(oldBom.services, newEndpoints) },
    vulnerabilities: diffVulnerabilities(oldBom, newBom, pairs),
    licenses: {
      changed: licenseChanges.sort((a, b) => byText(a.ref, b.ref)),
      newIds: [...newIds].filter((l) => !oldIds.has(l)).sort(),
      removedIds: [...oldIds].filter((l) => !newIds.has(l)).sort(),
    },
    warnings: [...oldBom.warnings, ...newBom.warnings],
  };
}
