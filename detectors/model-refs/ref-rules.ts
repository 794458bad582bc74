// Model-reference rule data (detectors/model-refs/model-refs.yml) compiled.
import { escapeRe, isObj, loadRuleFile, objList, optStr, str, strList } from '../shadow-ai/rule-file.js';

export interface RefCall {
  name: string;
  positional: number;
  keywords: string[];
  bareNamespace?: string;
}

export interface RefCase {
  file: string;
  code: string;
  refs: string[];
  unpinned?: number;
  trustRemoteCode?: number;
}

export interface RefRules {
  calls: RefCall[];
  callRe: RegExp;
  revisionKeywords: string[];
  configKeys: Set<string>;
  hfReserved: Set<string>;
  cases: RefCase[];
  /** prefilter words (see detectors/shadow-ai/prefilter.ts) */
  keywords: string[];
}

const FILE = 'detectors/model-refs/model-refs.yml';
let cached: RefRules | undefined;

export function loadRefRules(): RefRules {
  if (cached) return cached;
  const root = loadRuleFile(FILE);
  const calls = objList(root, 'calls', FILE).map((o): RefCall => ({
    name: str(o, 'name', FILE),
    positional: typeof o.positional === 'number' ? o.positional : -1,
    keywords: strList(o, 'keywords'),
    bareNamespace: optStr(o, 'bareNamespace'),
  }));
  const cases = (Array.isArray(root.cases) ? root.cases : []).filter(isObj).map((o): RefCase => ({
    file: str(o, 'file', FILE),
    code: str(o, 'code', FILE),
    refs: strList(o, 'refs'),
    unpinned: typeof o.unpinned === 'number' ? o.unpinned : undefined,
    trustRemoteCode: typeof o.trustRemoteCode === 'number' ? o.trustRemoteCode : undefined,
  }));
  const names = calls.map((c) => escapeRe(c.name)).join('|');
  const configKeys = strList(root, 'configKeys');
  cached = {
    calls,
    callRe: new RegExp(`(?<![\\w$])(${names})\\s*\\(`, 'g'),
    revisionKeywords: strList(root, 'revisionKeywords'),
    configKeys: new Set(configKeys),
    hfReserved: new Set(strList(root, 'hfReserved')),
    cases,
    keywords: [
      ...calls.map((c) => `${c.name}(`),
      'huggingface.co/',
      'hf.co/',
      'ollama',
      'trust_remote_code',
      'hf-hub:',
      'hf_hub:',
      ...configKeys,
    ],
  };
  return cached;
}
