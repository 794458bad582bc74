// Reading the rule data files (YAML) shipped in detectors/: parsed once, entering as `unknown`
// and narrowed here. A broken data file is an installation error and throws with its name.
import type { Severity } from '../../src/inventory/types.js';
import { readDataYaml } from '../../src/util/data-file.js';

const cache = new Map<string, unknown>();

export function loadData(...parts: string[]): unknown {
  const path = ['detectors', ...parts].join('/');
  if (!cache.has(path)) cache.set(path, readDataYaml(path));
  return cache.get(path);
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objList(v: unknown, what: string): Obj[] {
  if (!Array.isArray(v) || !v.every(isObj)) throw new Error(`aibom data: ${what} must be a list of mappings`);
  return v;
}

export function reqStr(o: Obj, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new Error(`aibom data: ${what}.${key} must be a string`);
  return v;
}

export function optStr(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

export function strList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export interface RuleMeta {
  id: string;
  title: string;
  why: string;
  recommendation: string;
}

/** The `rule:` block of a data file (id, title, why, recommendation). */
export function ruleMeta(doc: unknown, what: string): RuleMeta {
  const r = isObj(doc) && isObj(doc.rule) ? doc.rule : undefined;
  if (!r) throw new Error(`aibom data: ${what} has no rule block`);
  return { id: reqStr(r, 'id', what), title: reqStr(r, 'title', what), why: reqStr(r, 'why', what), recommendation: reqStr(r, 'recommendation', what) };
}

const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function severityOf(v: unknown, what: string): Severity {
  const s = SEVERITIES.find((x) => x === v);
  if (!s) throw new Error(`aibom data: ${what}: bad severity ${String(v)}`);
  return s;
}
