// Rule metadata (severity, title, recommendation) from rules.yml, and the Finding / partial
// ModelAsset builders shared by the serialization detectors.
import { readDataYaml } from '../../src/util/data-file.js';
import type { Finding, ModelAsset, Severity } from '../../src/inventory/types.js';
import type { FileRef } from '../../src/detect/types.js';
import type { SerializationVerdict } from '../../src/parsers/pickle/index.js';

export interface RuleMeta {
  severity: Severity;
  title: string;
  recommendation: string;
}

const SEVERITIES = new Set<string>(['critical', 'high', 'medium', 'low', 'info']);

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export interface Cases {
  match: string[];
  noMatch: string[];
}

export interface RulesFile {
  rules: Map<string, RuleMeta>;
  torchAllowedNamespaces: string[];
  torchCases: Cases;
  kerasAllowedModules: string[];
  kerasLambdaClasses: string[];
  kerasCases: Cases;
  tfFileOps: string[];
  tfCases: Cases;
}

let cached: RulesFile | undefined;
export function loadRules(): RulesFile {
  if (cached) return cached;
  const doc = rec(readDataYaml('detectors/serialization/rules.yml'));
  const rules = new Map<string, RuleMeta>();
  for (const [id, raw] of Object.entries(rec(doc.rules))) {
    const r = rec(raw);
    const severity = typeof r.severity === 'string' && SEVERITIES.has(r.severity) ? (r.severity as Severity) : 'medium';
    rules.set(id, { severity, title: String(r.title ?? id), recommendation: String(r.recommendation ?? '') });
  }
  const ts = rec(doc.torchscript);
  const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const cases = (v: unknown): Cases => ({ match: strs(rec(v).match), noMatch: strs(rec(v).no_match) });
  const keras = rec(doc.keras);
  const tf = rec(doc.savedmodel);
  cached = {
    rules,
    torchAllowedNamespaces: strs(ts.allowed_namespaces),
    torchCases: cases(ts.cases),
    kerasAllowedModules: strs(keras.allowed_module_prefixes),
    kerasLambdaClasses: strs(keras.lambda_classes),
    kerasCases: cases(keras.cases),
    tfFileOps: strs(tf.file_ops),
    tfCases: cases(tf.cases),
  };
  return cached;
}

export const CATEGORY = 'serialization';

export function makeFinding(
  detector: string,
  file: FileRef,
  ruleId: string,
  message: string,
  extra: { severity?: Severity; properties?: Record<string, string>; line?: number } = {},
): Finding {
  const meta = loadRules().rules.get(ruleId);
  const f: Finding = {
    ruleId,
    severity: extra.severity ?? meta?.severity ?? 'medium',
    title: meta?.title ?? ruleId,
    message,
    location: extra.line !== undefined ? { path: file.path, line: extra.line } : { path: file.path },
    subject: `file:${file.path}`,
    recommendation: meta?.recommendation,
    detector,
    category: CATEGORY,
  };
  if (extra.properties && Object.keys(extra.properties).length > 0) f.properties = extra.properties;
  return f;
}

export const VERDICT_PROPERTY = 'aibom:serialization:verdict';

/** The partial asset that adds the verdict to the model asset another detector emits for the file. */
export function verdictAsset(
  detector: string,
  file: FileRef,
  format: string,
  verdict: SerializationVerdict,
  properties: Record<string, string | string[]> = {},
  warnings: string[] = [],
): ModelAsset {
  const asset: ModelAsset = {
    key: `file:${file.path}`,
    kind: 'model',
    name: file.name,
    format,
    present: true,
    locations: [{ path: file.path }],
    partial: true,
    detectors: [detector],
    properties: { [VERDICT_PROPERTY]: verdict, ...properties },
  };
  if (warnings.length > 0) asset.warnings = [...new Set(warnings)];
  return asset;
}
