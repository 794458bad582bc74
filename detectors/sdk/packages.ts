// The AI package table (detectors/sdk/ai-packages.json): lookup by registry name and by import path.
// JSON rather than YAML: the yaml library needs ~0.3 s for this file at start-up, JSON.parse ~1 ms.
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../src/util/package-root.js';

export type Ecosystem = 'PyPI' | 'npm' | 'Go' | 'Maven' | 'crates.io' | 'NuGet' | 'RubyGems';
export const ECOSYSTEMS: readonly Ecosystem[] = ['PyPI', 'npm', 'Go', 'Maven', 'crates.io', 'NuGet', 'RubyGems'];

export interface AiPackage {
  ecosystem: Ecosystem;
  name: string;
  provider: string;
  category: string;
  imports: string[];
  family?: string;
  verified: boolean;
  note?: string;
}

export interface PackageCase {
  ecosystem: Ecosystem;
  name?: string;
  module?: string;
  package: string | null;
}

export interface PackageTable {
  packages: readonly AiPackage[];
  byName(ecosystem: string, name: string): AiPackage | undefined;
  byImport(ecosystem: Ecosystem, module: string): AiPackage | undefined;
  /** distinct import roots of an ecosystem (for keyword prefilters) */
  roots(ecosystem: Ecosystem): string[];
  cases: { manifest: PackageCase[]; import: PackageCase[] };
}

/** PEP 503 for PyPI, case-folding where the registry is case-insensitive, Go major suffix dropped. */
export function normalizeName(ecosystem: string, name: string): string {
  switch (ecosystem) {
    case 'PyPI':
    case 'conda':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'NuGet':
    case 'Maven':
      return name.toLowerCase();
    case 'crates.io':
      return name.toLowerCase().replace(/_/g, '-');
    case 'Go':
      return name.replace(/\/v\d+$/, '');
    default:
      return name;
  }
}

const SEP: Record<Ecosystem, string> = { PyPI: '.', npm: '/', Go: '/', Maven: '.', 'crates.io': '::', NuGet: '.', RubyGems: '/' };

/** True when `root` equals `module` or is a whole-segment prefix of it. */
export function rootCovers(ecosystem: Ecosystem, root: string, module: string): boolean {
  if (ecosystem === 'npm') return npmPackageOf(module) === root;
  const sep = SEP[ecosystem];
  return module === root || module.startsWith(root + sep);
}

/** "@scope/name/sub/path" -> "@scope/name"; "name/sub" -> "name"; relative and node: specifiers -> undefined */
export function npmPackageOf(spec: string): string | undefined {
  if (/^(?:\.|\/|[a-z]+:)/i.test(spec)) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : undefined) : parts[0];
}

/** Conda packages that carry another name on PyPI. */
const CONDA_ALIASES: Record<string, string> = { pytorch: 'torch', 'py-xgboost': 'xgboost' };

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function toPackage(v: unknown): AiPackage {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const ecosystem = str(o.ecosystem) as Ecosystem | undefined;
  const name = str(o.name);
  if (!ecosystem || !ECOSYSTEMS.includes(ecosystem) || !name) throw new Error(`ai-packages.json: bad entry ${JSON.stringify(v)}`);
  const imports = Array.isArray(o.imports) ? o.imports.filter((x): x is string => typeof x === 'string') : [];
  return {
    ecosystem,
    name,
    provider: str(o.provider) ?? '',
    category: str(o.category) ?? 'other',
    imports,
    family: str(o.family),
    verified: o.verified !== false,
    note: str(o.note),
  };
}

function toCases(v: unknown): PackageCase[] {
  if (!Array.isArray(v)) return [];
  return v.map((c) => {
    const o = c as Record<string, unknown>;
    return { ecosystem: o.ecosystem as Ecosystem, name: str(o.name), module: str(o.module), package: str(o.package) ?? null };
  });
}

export function buildPackageTable(doc: unknown): PackageTable {
  const o = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const packages = (Array.isArray(o.packages) ? o.packages : []).map(toPackage);
  const names = new Map<string, AiPackage>();
  for (const p of packages) names.set(`${p.ecosystem}\0${normalizeName(p.ecosystem, p.name)}`, p);
  // import roots per ecosystem, each with the first package that lists it
  const byRoot = new Map<Ecosystem, Map<string, AiPackage>>();
  for (const p of packages) {
    let roots = byRoot.get(p.ecosystem);
    if (!roots) byRoot.set(p.ecosystem, (roots = new Map()));
    for (const r of p.imports) if (!roots.has(r)) roots.set(r, p);
  }
  const cases = (typeof o.cases === 'object' && o.cases !== null ? o.cases : {}) as Record<string, unknown>;
  return {
    packages,
    byName(ecosystem, name) {
      if (ecosystem === 'conda') {
        const n = normalizeName('PyPI', name);
        return names.get(`PyPI\0${CONDA_ALIASES[n] ?? n}`);
      }
      return names.get(`${ecosystem}\0${normalizeName(ecosystem, name)}`);
    },
    byImport(ecosystem, module) {
      // the longest import root that covers the module (rootCovers), the first package listing it
      const roots = byRoot.get(ecosystem);
      if (!roots) return undefined;
      if (ecosystem === 'npm') {
        const pkg = npmPackageOf(module);
        return pkg === undefined ? undefined : roots.get(pkg);
      }
      const whole = roots.get(module);
      if (whole) return whole;
      const sep = SEP[ecosystem];
      for (let i = module.lastIndexOf(sep); i >= 0; i = i > 0 ? module.lastIndexOf(sep, i - 1) : -1) {
        const p = roots.get(module.slice(0, i));
        if (p) return p;
      }
      return undefined;
    },
    roots(ecosystem) {
      const set = new Set<string>();
      for (const p of packages) if (p.ecosystem === ecosystem) for (const r of p.imports) set.add(r);
      return [...set].sort();
    },
    cases: { manifest: toCases(cases.manifest), import: toCases(cases.import) },
  };
}

let cached: PackageTable | undefined;

export function loadPackageTable(): PackageTable {
  cached ??= buildPackageTable(JSON.parse(readFileSync(fromRoot('detectors', 'sdk', 'ai-packages.json'), 'utf8')) as unknown);
  return cached;
}

/** Does a declaration of `declared` cover an import that resolved to `imported` (module `module`, default
 *  its own roots)? Same package, same family, or a declared root enclosing the import (llama-index / llama_index.core). */
export function declarationCovers(declared: AiPackage, imported: AiPackage, module?: string): boolean {
  if (declared.ecosystem !== imported.ecosystem) return false;
  if (declared === imported || declared.name === imported.name) return true;
  if (declared.family && declared.family === imported.family) return true;
  const modules = module !== undefined ? [module] : imported.imports;
  return declared.imports.some((r) => modules.some((m) => rootCovers(declared.ecosystem, r, m)));
}
