// The license data: advisories/licenses.yml (every Hugging Face license id and the AI licenses
// outside SPDX) and advisories/license-rules.yml (SPDX category patterns, finding rules, aliases).
import { readDataYaml } from '../util/data-file.js';

export const LICENSE_CATEGORIES = ['permissive', 'weak-copyleft', 'copyleft', 'restricted-use', 'non-commercial', 'proprietary', 'unknown'] as const;
export type LicenseCategory = (typeof LICENSE_CATEGORIES)[number];

export interface LicenseEntry {
  id: string;
  name: string;
  spdx?: string;
  category: LicenseCategory;
  commercial?: string;
  url?: string;
  restrictions?: string;
  aliases: string[];
  hf: boolean;
  verified: boolean;
}

export interface LicenseFindingRule {
  category: LicenseCategory;
  ruleId: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  kinds: string[];
  title: string;
  recommendation: string;
}

export interface LicenseData {
  entries: LicenseEntry[];
  /** normalised id / name / alias -> entry */
  index: Map<string, LicenseEntry>;
  bySpdx: Map<string, LicenseEntry>;
  spdxRules: { re: RegExp; category: LicenseCategory }[];
  textAliases: Map<string, string>;
  findings: LicenseFindingRule[];
  missing: Omit<LicenseFindingRule, 'category'>;
  cases: { match: unknown[]; notMatch: unknown[] };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isCategory = (v: unknown): v is LicenseCategory => LICENSE_CATEGORIES.includes(v as LicenseCategory);

export function licenseKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\b(agreement|licen[cs]e)\b/g, (m) => (m.startsWith('agree') ? '' : 'license'))
    .trim();
}

function rule(v: unknown): LicenseFindingRule {
  if (!isObj(v)) throw new Error('license-rules.yml: bad finding rule');
  return {
    category: isCategory(v.category) ? v.category : 'unknown',
    ruleId: s(v.ruleId) ?? 'AIBOM-LICENSE',
    severity: (['critical', 'high', 'medium', 'low', 'info'] as const).find((x) => x === v.severity) ?? 'low',
    kinds: Array.isArray(v.kinds) ? v.kinds.filter((k): k is string => typeof k === 'string') : [],
    title: s(v.title) ?? '',
    recommendation: s(v.recommendation) ?? '',
  };
}

let cached: LicenseData | undefined;

export function licenseData(): LicenseData {
  if (cached) return cached;
  const table = readDataYaml('advisories/licenses.yml');
  const rules = readDataYaml('advisories/license-rules.yml');
  if (!isObj(table) || !Array.isArray(table.licenses) || !isObj(rules)) throw new Error('license data files are malformed');
  const entries: LicenseEntry[] = table.licenses.filter(isObj).map((e) => ({
    id: s(e.id) ?? '',
    name: s(e.name) ?? s(e.id) ?? '',
    spdx: s(e.spdx),
    category: isCategory(e.category) ? e.category : 'unknown',
    commercial: s(e.commercial),
    url: s(e.url),
    restrictions: s(e.restrictions),
    aliases: Array.isArray(e.aliases) ? e.aliases.filter((a): a is string => typeof a === 'string') : [],
    hf: e.hf === true,
    verified: e.verified !== false,
  }));
  const index = new Map<string, LicenseEntry>();
  const bySpdx = new Map<string, LicenseEntry>();
  for (const e of entries) {
    for (const k of [e.id, e.name, ...e.aliases]) if (!index.has(licenseKey(k))) index.set(licenseKey(k), e);
    if (e.spdx && !bySpdx.has(e.spdx.toLowerCase())) bySpdx.set(e.spdx.toLowerCase(), e);
  }
  const spdxRules = (Array.isArray(rules.spdx) ? rules.spdx : []).filter(isObj).map((r) => ({
    re: new RegExp(`^(?:${(s(r.pattern) ?? '^$').replace(/^\^/, '')})`, 'i'),
    category: isCategory(r.category) ? r.category : 'unknown',
  }));
  const textAliases = new Map<string, string>(
    Object.entries(isObj(rules.aliases) ? rules.aliases : {})
      .filter((kv): kv is [string, string] => typeof kv[1] === 'string')
      .map(([k, v]) => [k.toLowerCase(), v]),
  );
  const cases = isObj(rules.cases) ? rules.cases : {};
  cached = {
    entries,
    index,
    bySpdx,
    spdxRules,
    textAliases,
    findings: (Array.isArray(rules.findings) ? rules.findings : []).map(rule),
    missing: rule(rules.missing),
    cases: { match: Array.isArray(cases.match) ? cases.match : [], notMatch: Array.isArray(cases.notMatch) ? cases.notMatch : [] },
  };
  return cached;
}
