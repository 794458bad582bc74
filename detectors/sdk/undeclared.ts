// Cross-file correlation for sdk/imports (run in the detector's finish()): an import of an AI SDK is
// attached to the library component a manifest declares, or, when no manifest in the scan declares it,
// becomes a library component of its own (aibom:declared=false) and an AIBOM-SDK-UNDECLARED finding.
import type { Asset, Finding, LibraryAsset } from '../../src/inventory/types.js';
import type { DetectResult } from '../../src/detect/types.js';
import { registryName } from './library.js';
import { declarationCovers, loadPackageTable } from './packages.js';
import type { AiPackage } from './packages.js';

export const UNDECLARED_RULE = 'AIBOM-SDK-UNDECLARED';
const DETECTOR = 'sdk/imports';
/** categories that talk to a service or act: an undeclared one is worth a closer look */
const MEDIUM = new Set(['llm-client', 'agent', 'mcp', 'framework']);

const dirOf = (p: string): string => p.slice(0, p.lastIndexOf('/') + 1);
const isLibrary = (a: Asset): a is LibraryAsset => a.kind === 'library';

export function finishImports(all: { assets: Asset[]; findings: Finding[] }): DetectResult {
  const table = loadPackageTable();
  const declared: { pkg: AiPackage; asset: LibraryAsset }[] = [];
  const observed = new Map<string, { pkg: AiPackage; parts: LibraryAsset[] }>();
  for (const a of all.assets) {
    if (!isLibrary(a)) continue;
    const pkg = table.byName(a.ecosystem, registryName(a));
    if (!pkg) continue;
    if (!a.partial && a.properties?.['aibom:evidence:manifest'] !== undefined) declared.push({ pkg, asset: a });
    else if (a.partial && a.detectors?.includes(DETECTOR)) {
      const o = observed.get(a.key) ?? { pkg, parts: [] };
      o.parts.push(a);
      observed.set(a.key, o);
    }
  }
  const assets: Asset[] = [];
  const findings: Finding[] = [];
  for (const [key, { pkg, parts }] of observed) {
    const locations = parts.flatMap((p) => p.locations);
    const evidence = locations.map((l) => (l.line ? `${l.path}:${l.line}` : l.path));
    const covering = declared.filter((d) => declarationCovers(d.pkg, pkg));
    if (covering.length > 0) {
      const same = covering.filter((d) => d.pkg === pkg);
      const pool = same.length > 0 ? same : covering;
      // prefer declarations whose manifest lies in a folder enclosing the importing files (monorepos)
      const near = pool.filter((d) => d.asset.locations.some((m) => locations.some((l) => l.path.startsWith(dirOf(m.path)))));
      const chosen = new Map((near.length > 0 ? near : pool).map((d) => [d.asset.key, d.asset] as const));
      chosen.delete(key); // equal keys merge in the reducer on their own
      for (const [target, t] of chosen) {
        assets.push({
          key: target,
          kind: 'library',
          name: t.name,
          group: t.group,
          ecosystem: t.ecosystem,
          ai: true,
          partial: true,
          locations,
          properties: { 'aibom:evidence:import': evidence },
          detectors: [DETECTOR],
        });
      }
      continue;
    }
    const first = parts[0];
    assets.push({
      key,
      kind: 'library',
      name: first.name,
      group: first.group,
      purl: first.purl,
      ecosystem: first.ecosystem,
      ai: true,
      locations: [],
      properties: { 'aibom:declared': 'false', 'aibom:sdk:provider': pkg.provider, 'aibom:sdk:category': pkg.category },
      detectors: [DETECTOR],
    });
    const perFile = new Map<string, (typeof locations)[number]>();
    for (const l of locations) if (!perFile.has(l.path)) perFile.set(l.path, l);
    for (const loc of perFile.values()) {
      findings.push({
        ruleId: UNDECLARED_RULE,
        severity: MEDIUM.has(pkg.category) ? 'medium' : 'low',
        title: `AI SDK ${pkg.name} (${pkg.ecosystem}) is imported but no manifest declares it`,
        message: `${loc.path}${loc.line ? `:${loc.line}` : ''} imports ${pkg.name} (${pkg.provider}, ${pkg.category}); no manifest or lockfile in the scan declares it, so its version is unpinned and unreviewed.`,
        location: loc,
        subject: key,
        recommendation: `Declare ${pkg.name} with a pinned version in the project's manifest, or remove the import.`,
        detector: DETECTOR,
        category: 'shadow-ai',
        properties: { 'aibom:sdk:package': pkg.name, 'aibom:sdk:ecosystem': pkg.ecosystem },
      });
    }
  }
  return { assets, findings };
}
