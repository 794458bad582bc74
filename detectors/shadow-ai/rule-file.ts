// Reads a rule data file (YAML) shipped in detectors/ and narrows its untyped values.
// Shared by the shadow-AI, secrets and model-reference detectors.
import { readDataYaml } from '../../src/util/data-file.js';

export type Obj = Record<string, unknown>;

export function loadRuleFile(relPath: string): Obj {
  const parsed: unknown = readDataYaml(relPath);
  if (!isObj(parsed)) throw new Error(`${relPath}: expected a mapping at the top level`);
  return parsed;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objList(o: Obj, key: string, file: string): Obj[] {
  const v = o[key];
  if (!Array.isArray(v) || !v.every(isObj)) throw new Error(`${file}: '${key}' must be a list of mappings`);
  return v;
}

export function str(o: Obj, key: string, file: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new Error(`${file}: '${key}' must be a non-empty string (${JSON.stringify(o.id ?? '')})`);
  return v;
}

export function optStr(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function strList(o: Obj, key: string): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string => typeof x === 'string');
}

export interface RuleCases {
  match: string[];
  notMatch: string[];
}

export function cases(o: Obj): RuleCases {
  const c = o.cases;
  if (!isObj(c)) return { match: [], notMatch: [] };
  return { match: strList(c, 'match'), notMatch: strList(c, 'notMatch') };
}

/** Escape a literal for use inside a RegExp. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
