// Inventory -> @cyclonedx/cyclonedx-library models, for everything the library models. What it does not
// model (modelCard, component data, evidence occurrences, service endpoints / auth / trust boundary /
// data flow) is added after normalisation by extras.ts, for JSON and XML alike.
import * as CDX from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import type { Asset, Finding, Inventory, LicenseRef, Severity } from '../../inventory/types.js';
import { packageVersion } from '../../util/package-root.js';

export const ROOT_REF = 'aibom:root';

export interface BuildOptions {
  now?: Date;
  serialNumber?: string;
}

const COMPONENT_TYPE: Record<string, CDX.Enums.ComponentType> = {
  model: CDX.Enums.ComponentType.MachineLearningModel,
  dataset: CDX.Enums.ComponentType.Data,
  library: CDX.Enums.ComponentType.Library,
  container: CDX.Enums.ComponentType.Container,
  file: CDX.Enums.ComponentType.File,
};

const SEVERITY: Record<Severity, CDX.Enums.Vulnerability.Severity> = {
  critical: CDX.Enums.Vulnerability.Severity.Critical,
  high: CDX.Enums.Vulnerability.Severity.High,
  medium: CDX.Enums.Vulnerability.Severity.Medium,
  low: CDX.Enums.Vulnerability.Severity.Low,
  info: CDX.Enums.Vulnerability.Severity.Info,
};

function licenseOf(l: LicenseRef): CDX.Models.License | undefined {
  if (l.spdx) {
    if (CDX.SPDX.isSupportedSpdxId(l.spdx)) return new CDX.Models.SpdxLicense(l.spdx, { url: l.url });
    if (/\s(AND|OR|WITH)\s/.test(l.spdx)) return new CDX.Models.LicenseExpression(l.spdx);
  }
  const name = l.name ?? l.spdx;
  return name ? new CDX.Models.NamedLicense(name, { url: l.url }) : undefined;
}

function addProperties(repo: CDX.Models.PropertyRepository, props: Record<string, string | string[]> | undefined): void {
  for (const [k, v] of Object.entries(props ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) repo.add(new CDX.Models.Property(k, item));
  }
}

function locationText(l: { path: string; line?: number }): string {
  return l.line ? `${l.path}:${l.line}` : l.path;
}

function assetProperties(a: Asset): Record<string, string | string[]> {
  const props: Record<string, string | string[]> = { ...(a.properties ?? {}) };
  if (a.kind === 'model') {
    props['aibom:model:format'] ??= a.format;
    if (!a.present) props['aibom:model:present'] = 'false';
  }
  if (a.kind === 'dataset') {
    props['aibom:dataset:format'] ??= a.format;
    if (!a.present) props['aibom:dataset:present'] = 'false';
  }
  if (a.kind === 'library') {
    props['aibom:library:ecosystem'] = a.ecosystem;
    props['aibom:library:ai'] = a.ai ? 'true' : 'false';
    if (a.versionSpec) props['aibom:library:version-spec'] = a.versionSpec;
  }
  if (a.kind === 'file') props['aibom:file:role'] = a.role;
  if (a.locations.length > 0) props['aibom:location'] = [...new Set(a.locations.map(locationText))];
  if (a.warnings?.length) props['aibom:warning'] = a.warnings;
  return props;
}

function makeComponent(a: Asset): CDX.Models.Component {
  const c = new CDX.Models.Component(COMPONENT_TYPE[a.kind] ?? CDX.Enums.ComponentType.File, a.name, {
    bomRef: a.key,
    version: a.version,
    group: a.group,
    description: a.description,
  });
  if (a.hashes?.sha256) c.hashes.set(CDX.Enums.HashAlgorithm['SHA-256'], a.hashes.sha256);
  for (const l of a.licenses ?? []) {
    const lic = licenseOf(l);
    if (lic) c.licenses.add(lic);
  }
  for (const r of a.externalReferences ?? []) {
    const type = Object.values(CDX.Enums.ExternalReferenceType).includes(r.type as CDX.Enums.ExternalReferenceType)
      ? (r.type as CDX.Enums.ExternalReferenceType)
      : CDX.Enums.ExternalReferenceType.Other;
    c.externalReferences.add(new CDX.Models.ExternalReference(r.url, type, { comment: r.comment }));
  }
  addProperties(c.properties, assetProperties(a));
  return c;
}

function makeService(a: Extract<Asset, { kind: 'service' }>): CDX.Models.Service {
  const s = new CDX.Models.Service(a.name, {
    bomRef: a.key,
    version: a.version,
    group: a.group,
    description: a.description,
    provider: a.provider ? new CDX.Models.OrganizationalEntity({ name: a.provider }) : undefined,
  });
  for (const r of a.externalReferences ?? []) {
    s.externalReferences.add(new CDX.Models.ExternalReference(r.url, CDX.Enums.ExternalReferenceType.Other, { comment: r.comment }));
  }
  const props = assetProperties(a);
  if (a.models?.length) props['aibom:service:model'] = a.models;
  addProperties(s.properties, props);
  return s;
}

export function vulnRef(f: Finding): string {
  const where = f.location.line ? `${f.location.path}:${f.location.line}` : f.location.path;
  return `vuln:${f.ruleId}:${f.subject ?? ROOT_REF}:${where}`;
}

function makeVulnerability(f: Finding, refs: Set<string>, versionOf: Map<string, string | undefined>): CDX.Models.Vulnerability.Vulnerability {
  const adv = f.advisory;
  const v = new CDX.Models.Vulnerability.Vulnerability({
    bomRef: vulnRef(f),
    id: f.ruleId,
    description: f.title,
    detail: f.message,
    recommendation: f.recommendation,
    source: adv?.source
      ? new CDX.Models.Vulnerability.Source({ name: adv.source.name, url: adv.source.url })
      : new CDX.Models.Vulnerability.Source({ name: 'aibom' }),
  });
  let rated = false;
  for (const c of adv?.cvss ?? []) {
    const method = c.method === 'CVSSv4' ? CDX.Enums.Vulnerability.RatingMethod.CVSSv4
      : c.method === 'CVSSv2' ? CDX.Enums.Vulnerability.RatingMethod.CVSSv2
      : c.method === 'CVSSv3' ? CDX.Enums.Vulnerability.RatingMethod.CVSSv3
      : CDX.Enums.Vulnerability.RatingMethod.CVSSv31;
    v.ratings.add(new CDX.Models.Vulnerability.Rating({ score: c.score, vector: c.vector, method, severity: SEVERITY[f.severity] }));
    rated = true;
  }
  if (!rated) v.ratings.add(new CDX.Models.Vulnerability.Rating({ severity: SEVERITY[f.severity], method: CDX.Enums.Vulnerability.RatingMethod.Other }));
  for (const alias of adv?.aliases ?? []) {
    if (alias === f.ruleId) continue;
    v.references.add(new CDX.Models.Vulnerability.Reference(alias, new CDX.Models.Vulnerability.Source({ name: aliasSource(alias) })));
  }
  for (const url of adv?.references ?? []) v.advisories.add(new CDX.Models.Vulnerability.Advisory(url));
  if (adv?.published) v.published = new Date(adv.published);
  if (adv?.modified) v.updated = new Date(adv.modified);
  const target = f.subject && refs.has(f.subject) ? f.subject : ROOT_REF;
  const affect = new CDX.Models.Vulnerability.Affect(new CDX.Models.BomRef(target));
  const version = adv?.affectedVersion ?? (target !== ROOT_REF ? versionOf.get(target) : undefined);
  if (version) {
    affect.versions.add(new CDX.Models.Vulnerability.AffectedSingleVersion(version, {
      status: adv?.status === 'possibly-affected' ? CDX.Enums.Vulnerability.AffectStatus.Unknown : CDX.Enums.Vulnerability.AffectStatus.Affected,
    }));
  }
  v.affects.add(affect);
  const props: Record<string, string | string[]> = { ...(f.properties ?? {}) };
  props['aibom:finding:location'] = f.location.line ? `${f.location.path}:${f.location.line}` : f.location.path;
  if (f.category) props['aibom:finding:category'] = f.category;
  if (adv?.status) props['aibom:advisory:status'] = adv.status;
  if (adv?.fixedVersions?.length) props['aibom:advisory:fixed'] = adv.fixedVersions;
  addProperties(v.properties, props);
  return v;
}

function aliasSource(id: string): string {
  if (id.startsWith('CVE-')) return 'NVD';
  if (id.startsWith('GHSA-')) return 'GitHub';
  if (id.startsWith('PYSEC-')) return 'PyPA';
  return 'OSV';
}

export interface BuiltBom {
  bom: CDX.Models.Bom;
  assetsByRef: Map<string, Asset>;
}

export function buildBom(inv: Inventory, opts: BuildOptions = {}): BuiltBom {
  const bom = new CDX.Models.Bom();
  if (opts.serialNumber) bom.serialNumber = opts.serialNumber;
  bom.metadata.timestamp = opts.now ?? new Date();
  bom.metadata.tools.components.add(
    new CDX.Models.Component(CDX.Enums.ComponentType.Application, 'aibom', { version: packageVersion(), bomRef: 'aibom:tool' }),
  );
  const root = new CDX.Models.Component(CDX.Enums.ComponentType.Application, inv.rootName, { bomRef: ROOT_REF });
  bom.metadata.component = root;
  addProperties(bom.metadata.properties, inv.properties);

  const assetsByRef = new Map<string, Asset>();
  const components = new Map<string, CDX.Models.Component>();
  for (const a of inv.assets) {
    assetsByRef.set(a.key, a);
    if (a.kind === 'service') bom.services.add(makeService(a));
    else components.set(a.key, makeComponent(a));
  }
  for (const a of inv.assets) {
    if (a.kind === 'service') continue;
    const c = components.get(a.key)!;
    const parent = a.parent ? components.get(a.parent) : undefined;
    if (parent) parent.components.add(c);
    else {
      bom.components.add(c);
      root.dependencies.add(c.bomRef);
    }
    if (a.purl) setPurl(c, a.purl);
  }
  for (const s of bom.services) root.dependencies.add(s.bomRef);
  const versionOf = new Map(inv.assets.map((a) => [a.key, a.version] as const));
  const refs = new Set(assetsByRef.keys());
  for (const f of inv.findings) bom.vulnerabilities.add(makeVulnerability(f, refs, versionOf));
  return { bom, assetsByRef };
}

function setPurl(c: CDX.Models.Component, purl: string): void {
  try {
    // PackageURL.fromString validates; an invalid purl is dropped rather than emitted
    c.purl = PackageURL.fromString(purl).toString();
  } catch {
    c.purl = undefined;
  }
}

