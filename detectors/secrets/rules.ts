// AI key rules (detectors/secrets/ai-keys.yml) compiled: keyword prefilter, regex, context.
import { cases, loadRuleFile, objList, optStr, str, strList, type RuleCases } from '../shadow-ai/rule-file.js';

export type Confidence = 'high' | 'medium' | 'low';

export interface KeyRule {
  id: string;
  provider: string;
  /** ruleId suffix: AIBOM-SECRET-<rule> */
  rule: string;
  keyType: string;
  regex: RegExp;
  group: number;
  keywords: string[];
  context?: RegExp;
  confidence: Confidence;
  cases: RuleCases;
}

const FILE = 'detectors/secrets/ai-keys.yml';
let cached: { rules: KeyRule[] } | undefined;

export function loadKeyRules(): { rules: KeyRule[] } {
  if (cached) return cached;
  const rules = objList(loadRuleFile(FILE), 'rules', FILE).map((o): KeyRule => {
    const flags = optStr(o, 'flags') ?? '';
    const conf = str(o, 'confidence', FILE);
    if (conf !== 'high' && conf !== 'medium' && conf !== 'low') throw new Error(`${FILE}: bad confidence '${conf}'`);
    const ctx = optStr(o, 'context');
    const keywords = strList(o, 'keywords').map((k) => k.toLowerCase());
    if (keywords.length === 0) throw new Error(`${FILE}: rule ${String(o.id)} has no keywords`);
    return {
      id: str(o, 'id', FILE),
      provider: str(o, 'provider', FILE),
      rule: str(o, 'rule', FILE),
      keyType: str(o, 'keyType', FILE),
      regex: new RegExp(str(o, 'regex', FILE), flags.includes('g') ? flags : `${flags}g`),
      group: typeof o.group === 'number' ? o.group : 0,
      keywords,
      context: ctx ? new RegExp(ctx, 'i') : undefined,
      confidence: conf,
      cases: cases(o),
    };
  });
  cached = { rules };
  return cached;
}
