// What a manifest or lockfile parser returns: declared dependencies, never a thrown error for bad input.
import { parse as parseToml } from 'smol-toml';

/** OSV ecosystem names, plus conda (environment.yml) which OSV does not cover. */
export type DepEcosystem = 'PyPI' | 'npm' | 'Go' | 'Maven' | 'crates.io' | 'NuGet' | 'RubyGems' | 'conda';

export interface ManifestDep {
  ecosystem: DepEcosystem;
  /** as written (PyPI normalisation happens at lookup / purl time); Maven "group:artifact" */
  name: string;
  /** exact version (lockfile, == pin) */
  version?: string;
  /** the declared requirement when not exact */
  spec?: string;
  /** 1-based line, when the parser knows it cheaply */
  line?: number;
  /** a literal to search for the line when `line` is not set (computed only for reported deps) */
  anchor?: string;
  /** development / test / optional group */
  scope?: string;
}

export interface ManifestResult {
  deps: ManifestDep[];
  /** problems reading the file; the file is named by the caller */
  warnings: string[];
  /** requirements files named by -r / --requirement, as written */
  includes?: string[];
  /** true for lockfiles (exact, resolved, possibly transitive versions) */
  lock: boolean;
}

export function emptyResult(lock: boolean, warning?: string): ManifestResult {
  return { deps: [], warnings: warning ? [warning] : [], lock };
}

/** Safe narrowing helpers for parsed JSON/TOML/YAML. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
}

/** Parses a TOML manifest or lockfile; a syntax error becomes the parser's "invalid TOML" result. */
export function parseTomlManifest(text: string, lock: boolean): { doc: Record<string, unknown> } | { invalid: ManifestResult } {
  try {
    return { doc: parseToml(text) as Record<string, unknown> };
  } catch (e) {
    return { invalid: emptyResult(lock, `invalid TOML: ${errorText(e)}`) };
  }
}
