// Finds hard-coded AI keys in a text. Keywords first, then each rule's regex; placeholders and
// low-entropy strings are dropped; overlapping matches keep the most specific rule. The secret
// itself never leaves this module: only its redacted form, SHA-256 and length.
import { redactSecret } from '../../src/util/redact.js';
import { isPlaceholder, looksRandom } from './placeholder.js';
import { loadKeyRules, type KeyRule } from './rules.js';
import { PREFILTER_SECRET, prefilterMask } from '../shadow-ai/prefilter.js';
import { lineOf, lineStarts } from '../../src/util/line-starts.js';
import { KeywordSet } from '../shadow-ai/keyword-set.js';

export interface KeyHit {
  rule: KeyRule;
  line: number;
  column: number;
  redacted: string;
  sha256: string;
  length: number;
}

const RANK = { high: 0, medium: 1, low: 2 } as const;
/** a file with more keys than this is reported up to the cap (bounded output for hostile input) */
export const MAX_HITS = 200;

/** the rules' keywords as one automaton, one bit per rule (the first 30 rules; any others search their keywords
 *  one by one): one pass over the text instead of a search per keyword (keywords such as "_key" and "_token"
 *  let most source files through the prefilter, and 34 searches of a large file added up) */
let ruleKeywords: { rules: readonly KeyRule[]; set: KeywordSet } | undefined;

function keywordRules(rules: readonly KeyRule[]): KeywordSet {
  if (ruleKeywords?.rules !== rules) {
    const words: [string, number][] = [];
    rules.forEach((r, i) => {
      if (i < 30) for (const k of r.keywords) words.push([k, 1 << i]);
    });
    ruleKeywords = { rules, set: new KeywordSet(words) };
  }
  return ruleKeywords.set;
}

/** per rule: whether one of its keywords occurs in the lower-cased text */
export function rulesWithKeywords(text: string, rules: readonly KeyRule[] = loadKeyRules().rules): boolean[] {
  const lower = text.toLowerCase();
  const set = keywordRules(rules);
  // a keyword the automaton cannot hold (empty, not ASCII) is searched for
  const found = set.scan(lower) | set.unmatchable;
  return rules.map((rule, i) =>
    i < 30 ? (found & (1 << i)) !== 0 && ((set.unmatchable & (1 << i)) === 0 || rule.keywords.some((k) => lower.includes(k))) : rule.keywords.some((k) => lower.includes(k)),
  );
}

export function findKeys(text: string): KeyHit[] {
  const { rules } = loadKeyRules();
  if ((prefilterMask(text) & PREFILTER_SECRET) === 0) return [];
  const present = rulesWithKeywords(text, rules);
  const spans: { start: number; end: number; rule: KeyRule; secret: string }[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!present[i]) continue;
    if (rule.context && !rule.context.test(text)) continue;
    rule.regex.lastIndex = 0;
    for (const m of text.matchAll(rule.regex)) {
      if (spans.length >= MAX_HITS * 4) break;
      const secret = m[rule.group];
      if (!secret) continue;
      const start = (m.index ?? 0) + m[0].lastIndexOf(secret);
      if (isPlaceholder(secret)) continue;
      if (rule.rule === 'GENERIC' && !looksRandom(secret)) continue;
      spans.push({ start, end: start + secret.length, rule, secret });
    }
  }
  // overlapping spans: keep the best-ranked rule (specific before generic, then file order)
  spans.sort((a, b) => a.start - b.start || RANK[a.rule.confidence] - RANK[b.rule.confidence] || rules.indexOf(a.rule) - rules.indexOf(b.rule));
  const kept: typeof spans = [];
  for (const s of spans) {
    const clash = kept.findIndex((k) => s.start < k.end && k.start < s.end);
    if (clash < 0) kept.push(s);
    else {
      const k = kept[clash];
      const better = (k.rule.rule === 'GENERIC' && s.rule.rule !== 'GENERIC') || RANK[s.rule.confidence] < RANK[k.rule.confidence];
      if (better) kept[clash] = s;
    }
  }
  const starts = lineStarts(text);
  return kept.slice(0, MAX_HITS).map((s) => {
    const line = lineOf(starts, s.start);
    const column = s.start - starts[line - 1] + 1;
    const r = redactSecret(s.secret);
    return { rule: s.rule, line, column, redacted: r.redacted, sha256: r.sha256, length: r.length };
  });
}
