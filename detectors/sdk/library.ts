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

/** what mergeSighting() already put into an asset: location keys, and each evidence property's values with the
 *  list it keeps on the asset (appended to in place) */
const merged = new WeakMap<LibraryAsset, { locations: Set<string>; evidence: Map<string, { values: Set<string>; list: string[] }> }>();
const locationKey = (l: { path: string; line?: number }): string => `${l.path}:${l.line ?? ''}`;

/** Merge a second sighting of the same key into an asset: new locations and list-valued evidence properties
 *  (their union, in first-seen order). Linear in the sightings: a file that imports one package 50 000 times
 *  merges in milliseconds. */
export function mergeSighting(into: LibraryAsset, more: LibraryAsset): void {
  let seen = merged.get(into);
  if (!seen) merged.set(into, (seen = { locations: new Set(into.locations.map(locationKey)), evidence: new Map() }));
  for (const l of more.locations) {
    const k = locationKey(l);
    if (seen.locations.has(k)) continue;
    seen.locations.add(k);
    into.locations.push(l);
  }
  for (const [k, v] of Object.entries(more.properties ?? {})) {
    if (!k.startsWith('aibom:evidence:')) continue;
    const props = (into.properties ??= {});
    let ev = seen.evidence.get(k);
    if (!ev) {
      const prev = props[k];
      const values = new Set(prev === undefined ? [] : Array.isArray(prev) ? prev : [prev]);
      ev = { values, list: [...values] };
      seen.evidence.set(k, ev);
      props[k] = ev.list;
    }
    for (const x of Array.isArray(v) ? v : [v]) {
      if (ev.values.has(x)) continue;
      ev.values.add(x);
      ev.list.push(x);
    }
  }
}
