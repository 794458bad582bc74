// Which manifest/lockfile a file is (by name) and the parser for it.
import { parseCargoLock, parseCargoToml } from './cargo.js';
import { parseEnvironmentYml } from './environment-yml.js';
import { parseGemfile, parseGemfileLock } from './gemfile.js';
import { parseGoMod, parseGoSum } from './go-mod.js';
import { parseGradle } from './gradle.js';
import { parseGradleCatalog } from './gradle-catalog.js';
import { parsePom } from './maven.js';
import { parsePackageLock, parsePnpmLock, parseYarnLock } from './npm-locks.js';
import { parseCsproj, parseNugetLock } from './nuget.js';
import { parsePackageJson } from './package-json.js';
import { parsePipfile, parsePipfileLock } from './pipfile.js';
import { parsePyproject } from './pyproject.js';
import { parsePythonLock } from './python-lock.js';
import { parseRequirements } from './requirements.js';
import type { ManifestResult } from './types.js';

export type { DepEcosystem, ManifestDep, ManifestResult } from './types.js';

export type ManifestKind =
  | 'requirements' | 'pyproject' | 'pipfile' | 'pipfile-lock' | 'poetry-lock' | 'uv-lock' | 'conda-env'
  | 'package-json' | 'package-lock' | 'yarn-lock' | 'pnpm-lock' | 'go-mod' | 'go-sum' | 'pom' | 'gradle' | 'gradle-catalog'
  | 'cargo-toml' | 'cargo-lock' | 'nuget-project' | 'nuget-lock' | 'gemfile' | 'gemfile-lock';

const EXACT: Record<string, ManifestKind> = {
  'pyproject.toml': 'pyproject',
  pipfile: 'pipfile',
  'pipfile.lock': 'pipfile-lock',
  'poetry.lock': 'poetry-lock',
  'uv.lock': 'uv-lock',
  'pdm.lock': 'poetry-lock',
  'package.json': 'package-json',
  'package-lock.json': 'package-lock',
  'npm-shrinkwrap.json': 'package-lock',
  'yarn.lock': 'yarn-lock',
  'pnpm-lock.yaml': 'pnpm-lock',
  'go.mod': 'go-mod',
  'go.sum': 'go-sum',
  'pom.xml': 'pom',
  'cargo.toml': 'cargo-toml',
  'cargo.lock': 'cargo-lock',
  'packages.lock.json': 'nuget-lock',
  'packages.config': 'nuget-project',
  'directory.packages.props': 'nuget-project',
  gemfile: 'gemfile',
  'gemfile.lock': 'gemfile-lock',
  'gems.rb': 'gemfile',
  'gems.locked': 'gemfile-lock',
};

/** The manifest kind of a file name (last path segment), or undefined. */
let lastName: string | undefined;
let lastKind: ManifestKind | undefined;

export function manifestKind(name: string): ManifestKind | undefined {
  // wants() and detect() ask in turn about the same file
  if (name === lastName) return lastKind;
  lastName = name;
  lastKind = manifestKindOf(name);
  return lastKind;
}

function manifestKindOf(name: string): ManifestKind | undefined {
  const n = name.toLowerCase();
  const exact = EXACT[n];
  if (exact) return exact;
  if (/(?:^|[-_.])requirements(?:[-_.][\w.-]*)?\.(?:txt|in)$/.test(n)) return 'requirements';
  if (/^environment(?:[-_.][\w.-]*)?\.ya?ml$/.test(n)) return 'conda-env';
  if (/\.gradle(?:\.kts)?$/.test(n)) return 'gradle';
  if (/\.versions\.toml$/.test(n)) return 'gradle-catalog';
  if (/\.(?:cs|fs|vb)proj$/.test(n)) return 'nuget-project';
  return undefined;
}

/** Lockfiles that pin a manifest's versions when they sit in the same folder, in preference order. */
export const LOCKS_FOR: Partial<Record<ManifestKind, string[]>> = {
  pyproject: ['poetry.lock', 'uv.lock', 'pdm.lock'],
  pipfile: ['Pipfile.lock'],
  'package-json': ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'],
  'cargo-toml': ['Cargo.lock'],
  gemfile: ['Gemfile.lock'],
  'nuget-project': ['packages.lock.json'],
};

const PARSERS: Record<ManifestKind, (text: string) => ManifestResult> = {
  requirements: parseRequirements,
  pyproject: parsePyproject,
  pipfile: parsePipfile,
  'pipfile-lock': parsePipfileLock,
  'poetry-lock': parsePythonLock,
  'uv-lock': parsePythonLock,
  'conda-env': parseEnvironmentYml,
  'package-json': parsePackageJson,
  'package-lock': parsePackageLock,
  'yarn-lock': parseYarnLock,
  'pnpm-lock': parsePnpmLock,
  'go-mod': parseGoMod,
  'go-sum': parseGoSum,
  pom: parsePom,
  gradle: parseGradle,
  'gradle-catalog': parseGradleCatalog,
  'cargo-toml': parseCargoToml,
  'cargo-lock': parseCargoLock,
  'nuget-project': parseCsproj,
  'nuget-lock': parseNugetLock,
  gemfile: parseGemfile,
  'gemfile-lock': parseGemfileLock,
};

/** Parse a manifest; never throws (a parser bug becomes a warning). */
export function parseManifest(kind: ManifestKind, text: string): ManifestResult {
  try {
    return PARSERS[kind](text);
  } catch (e) {
    return { deps: [], warnings: [`cannot parse ${kind}: ${e instanceof Error ? e.message : String(e)}`], lock: false };
  }
}
