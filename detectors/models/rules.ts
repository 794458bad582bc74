// Rule data of the model detectors (detectors/models/*.yaml), loaded once and narrowed from unknown.
import { readDataYaml } from '../../src/util/data-file.js';

export interface ModelRule {
  id: string;
  description: string;
  strong: string[];
  weak: string[];
  names: string[];
  cases: { match: string[]; noMatch: string[] };
}

export interface ModelTables {
  rules: ModelRule[];
  ggufFileTypes: Record<number, string>;
  ggufTensorTypes: Record<number, string>;
  coremlTypes: Record<number, string>;
}

function load(name: string): unknown {
  return readDataYaml(`detectors/models/${name}`);
}

function rec(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`detectors/models: ${what} is not a mapping`);
  return v as Record<string, unknown>;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function numberMap(v: unknown, what: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, val] of Object.entries(rec(v, what))) if (typeof val === 'string') out[Number(k)] = val;
  return out;
}

let cached: ModelTables | undefined;

export function modelTables(): ModelTables {
  if (cached) return cached;
  const ext = rec(load('extensions.yaml'), 'extensions.yaml');
  const rules: ModelRule[] = [];
  for (const raw of Array.isArray(ext.detectors) ? ext.detectors : []) {
    const r = rec(raw, 'detector rule');
    const cases = r.cases === undefined ? {} : rec(r.cases, 'cases');
    if (typeof r.id !== 'string' || typeof r.description !== 'string') throw new Error('detectors/models: rule without id/description');
    rules.push({ id: r.id, description: r.description, strong: strings(r.strong), weak: strings(r.weak), names: strings(r.names), cases: { match: strings(cases.match), noMatch: strings(cases.noMatch) } });
  }
  const gguf = rec(load('gguf-types.yaml'), 'gguf-types.yaml');
  const coreml = rec(load('coreml-types.yaml'), 'coreml-types.yaml');
  cached = {
    rules,
    ggufFileTypes: numberMap(gguf.fileTypes, 'fileTypes'),
    ggufTensorTypes: numberMap(gguf.tensorTypes, 'tensorTypes'),
    coremlTypes: numberMap(coreml.modelTypes, 'modelTypes'),
  };
  return cached;
}

/** Every extension some rule claims as strong (content that is not a model still gets listed). */
export function isStrongExtension(ext: string): boolean {
  return modelTables().rules.some((r) => r.strong.includes(ext));
}
