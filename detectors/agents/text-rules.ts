// The instruction rules of detectors/agents/rules.yml run over a text, line by line: keyword
// prefilter, fenced-code handling, negation within the sentence, then the patterns.
import type { Severity } from '../../src/inventory/types.js';
import { isObj, loadData, objList, optStr, reqStr, severityOf, strList } from './data.js';

export interface TextRule {
  id: string;
  severity: Severity;
  title: string;
  why: string;
  recommendation: string;
  keywords: string[];
  patterns: RegExp[];
  codeBlocks: 'skip' | 'introduced' | 'include';
  negatable: boolean;
  cases: { match: string[]; noMatch: string[] };
}

export interface TextHit {
  rule: TextRule;
  line: number;
  /** the matched words, raw (escape and redact before showing) */
  match: string;
}

interface TextRuleSet {
  rules: TextRule[];
  negation: RegExp;
  intro: RegExp;
}

const SENTENCE_CHAR = '(?:[^.\\n]|\\.(?=\\S))';
let loaded: TextRuleSet | undefined;

export function textRules(): TextRuleSet {
  if (loaded) return loaded;
  const doc = loadData('agents', 'rules.yml');
  const root = isObj(doc) ? doc : {};
  const rules = objList(root.rules, 'agents rules.yml rules').map((o): TextRule => {
    const id = reqStr(o, 'id', 'agent rule');
    const cb = optStr(o, 'codeBlocks') ?? 'skip';
    const cases = isObj(o.cases) ? o.cases : {};
    return {
      id,
      severity: severityOf(o.severity, id),
      title: reqStr(o, 'title', id),
      why: reqStr(o, 'why', id),
      recommendation: reqStr(o, 'recommendation', id),
      keywords: strList(o.keywords).map((k) => k.toLowerCase()),
      patterns: strList(o.patterns).map((p) => new RegExp(p.split('%S%').join(SENTENCE_CHAR), 'gi')),
      codeBlocks: cb === 'include' || cb === 'introduced' ? cb : 'skip',
      negatable: o.negatable === true,
      cases: { match: strList(cases.match), noMatch: strList(cases['no-match']) },
    };
  });
  loaded = { rules, negation: new RegExp(reqStr(root, 'negation', 'rules.yml'), 'i'), intro: new RegExp(reqStr(root, 'intro', 'rules.yml'), 'i') };
  return loaded;
}

type LineKind = 'prose' | 'fence' | 'code' | 'introduced-code';

function classify(lines: string[], set: TextRuleSet): LineKind[] {
  const kinds: LineKind[] = [];
  let fence: string | undefined;
  let introduced = false;
  let lastProse = '';
  for (const line of lines) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined && m) {
      fence = m[1];
      introduced = set.intro.test(lastProse) && !set.negation.test(lastProse);
      kinds.push('fence');
    } else if (fence !== undefined) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) {
        fence = undefined;
        kinds.push('fence');
      } else kinds.push(introduced ? 'introduced-code' : 'code');
    } else {
      kinds.push('prose');
      if (line.trim()) lastProse = line;
    }
  }
  return kinds;
}

function sentenceStart(line: string, index: number): number {
  let start = 0;
  const re = /[.!?;,](?=\s|$)/g;
  for (let m = re.exec(line); m && m.index < index; m = re.exec(line)) start = m.index + 1;
  return start;
}

/** Rule hits, at most one per rule per line. `firstLine` numbers the lines of `text`. */
export function runTextRules(text: string, firstLine = 1, set: TextRuleSet = textRules()): TextHit[] {
  const lines = text.split('\n');
  const kinds = classify(lines, set);
  const hits: TextHit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const kind = kinds[i];
    if (kind === 'fence') continue;
    const line = lines[i];
    const lower = line.toLowerCase();
    for (const rule of set.rules) {
      if (kind === 'code' && rule.codeBlocks !== 'include') continue;
      if (kind === 'introduced-code' && rule.codeBlocks === 'skip') continue;
      if (!rule.keywords.some((k) => lower.includes(k))) continue;
      let found: string | undefined;
      for (const re of rule.patterns) {
        re.lastIndex = 0;
        for (let m = re.exec(line); m && !found; m = re.exec(line)) {
          if (m[0].length === 0) re.lastIndex++;
          else if (!rule.negatable || !set.negation.test(line.slice(sentenceStart(line, m.index), m.index))) found = m[0];
        }
        if (found) break;
      }
      if (found) hits.push({ rule, line: firstLine + i, match: found });
    }
  }
  return hits;
}
