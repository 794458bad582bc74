// Library assets for dependencies: purl (packageurl-js), key `lib:<purl>`, evidence properties.
import { PackageURL } from 'packageurl-js';
import type { LibraryAsset, Location } from '../../src/inventory/types.js';
import type { DepEcosystem } from '../../src/parsers/manifests/index.js';
import { normalizeName } from './packages.js';
import type { AiPackage } from './packages.js';

const PURL_TYPE: Record<DepEcosystem, string> = {
  PyPI: 'pypi',
  npm: 'npm',
  Go: 'golang',
  Maven: 'maven',
  'crates.io': 'cargo',
  NuGet: 'nuget',
  RubyGems: 'gem',
  conda: 'conda',
};

export interface Coordinates {
  group?: string;
  name: string;
}

/** Split a registry name into CycloneDX group/name: Maven group:artifact, npm @scope/name, Go path/last. */
export function coordinates(ecosystem: DepEcosystem, name: string): Coordinates {
  if (ecosystem === 'Maven' && name.includes(':')) {
    const [group, artifact] = name.split(':');
    return { group, name: artifact };
  }
  if ((ecosystem === 'npm' && name.startsWith('@')) || ecosystem === 'Go') {
    const slash = name.lastIndexOf('/');
    if (slash > 0) return { group: name.slice(0, slash), name: name.slice(slash + 1) };
  }
  if (ecosystem === 'PyPI' || ecosystem === 'conda') return { name: normalizeName('PyPI', name) };
  return { name };
}

/** The registry name back from an asset (inverse of coordinates()). */
export function registryName(asset: Pick<LibraryAsset, 'ecosystem' | 'group' | 'name'>): string {
  if (!asset.group) return asset.name;
  return asset.ecosystem === 'Maven' ? `${asset.group}:${asset.name}` : `${asset.group}/${asset.name}`;
}

export function purlFor(ecosystem: DepEcosystem, name: string, version?: string): string {
  const c = coordinates(ecosystem, name);
  return new PackageURL(PURL_TYPE[ecosystem], c.group ?? null, c.name, version ?? null, null, null).toString();
}

export interface LibraryInput {
  ecosystem: DepEcosystem;
  name: string;
  version?: string;
  spec?: string;
  pkg?: AiPackage;
  location: Location;
  evidence: 'manifest' | 'import';
  detector: string;
  scope?: string;
}

export function libraryAsset(i: LibraryInput): LibraryAsset {
  const registry = i.pkg && i.ecosystem !== 'conda' ? i.pkg.name : i.name;
  const c = coordinates(i.ecosystem, registry);
  const purl = purlFor(i.ecosystem, registry, i.version);
  const properties: Record<string, string | string[]> = {
    [`aibom:evidence:${i.evidence}`]: i.location.line ? `${i.location.path}:${i.location.line}` : i.location.path,
  };
  if (i.pkg) {
    properties['aibom:sdk:provider'] = i.pkg.provider;
    properties['aibom:sdk:category'] = i.pkg.category;
  }
  if (i.scope) properties['aibom:dependency:scope'] = i.scope;
  const asset: LibraryAsset = {
    key: `lib:${purl}`,
    kind: 'library',
    name: c.name,
    purl,
    ecosystem: i.ecosystem,
    ai: i.pkg !== undefined,
    locations: [i.location],
    properties,
    detectors: [i.detector],
  };
  if (c.group) asset.group = c.group;
  if (i.version) asset.version = i.version;
  else if (i.spec) asset.versionSpec = i.spec;
  return asset;
}

/** Merge a second sighting of the same key into an asset: new locations and list-valued evidence properties. */
export function mergeSighting(into: LibraryAsset, more: LibraryAsset): void {
  const seen = new Set(into.locations.map((l) => `${l.path}:${l.line ?? ''}`));
  for (const l of more.locations) if (!seen.has(`${l.path}:${l.line ?? ''}`)) into.locations.push(l);
  for (const [k, v] of Object.entries(more.properties ?? {})) {
    if (!k.startsWith('aibom:evidence:')) continue;
    const props = (into.properties ??= {});
    const prev = props[k];
    const list = [...(prev === undefined ? [] : Array.isArray(prev) ? prev : [prev]), ...(Array.isArray(v) ? v : [v])];
    props[k] = [...new Set(list)];
  }
}
