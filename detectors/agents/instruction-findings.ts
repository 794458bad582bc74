// Findings for the text of an agent instruction file or prompt: hidden Unicode (with the hidden
// text decoded), risky instructions (also inside the hidden text), and secrets.
import type { Finding, Severity } from '../../src/inventory/types.js';
import { SEVERITY_ORDER } from '../../src/inventory/types.js';
import { redactIn, redactSecret } from '../../src/util/redact.js';
import { loadData, ruleMeta } from './data.js';
import { escapeVisible, findHiddenUnicode, stripHidden } from './hidden-unicode.js';
import { findSecrets, lineAt } from './secrets.js';
import { runTextRules } from './text-rules.js';

export const INSTRUCTIONS_DETECTOR_ID = 'agent/instructions';
const MAX_FINDINGS_PER_RULE = 50;

function maxSeverity(list: Severity[]): Severity {
  return list.reduce((a, b) => (SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a), 'info');
}

export interface TextFindingOptions {
  detector?: string;
  /** what the text is, for messages: "agent instruction file", "prompt file", "system prompt" */
  what: string;
  /** line number of the text's first line in the file */
  firstLine?: number;
}

export function instructionFindings(path: string, text: string, opts: TextFindingOptions): Finding[] {
  const detector = opts.detector ?? INSTRUCTIONS_DETECTOR_ID;
  const first = opts.firstLine ?? 1;
  const subject = `file:${path}`;
  const secrets = findSecrets(text);
  const values = secrets.map((s) => s.value);
  const show = (s: string, max = 200): string => escapeVisible(redactIn(s, values), max);
  const lines = text.split('\n');
  const out: Finding[] = [];
  const base = { subject, detector, category: 'agent' } as const;

  const hiddenRule = ruleMeta(loadData('agents', 'hidden-unicode.yml'), 'hidden-unicode.yml');
  for (const h of findHiddenUnicode(text).slice(0, MAX_FINDINGS_PER_RULE)) {
    const kinds = h.classes.map((c) => c.name).join(', ');
    const decoded = h.decoded.join(' ');
    const hiddenSecrets = findSecrets(decoded).map((s) => s.value);
    const decodedShown = escapeVisible(redactIn(decoded, [...values, ...hiddenSecrets]), 400);
    out.push({
      ...base,
      ruleId: hiddenRule.id,
      severity: maxSeverity(h.classes.map((c) => c.severity)),
      title: hiddenRule.title,
      message: `${opts.what} line ${first + h.line - 1} holds ${h.count} invisible character(s): ${kinds} (${h.codepoints.join(' ')})${decoded ? `; decoded hidden text: "${decodedShown}"` : ''}; ${hiddenRule.why}.`,
      location: { path, line: first + h.line - 1, snippet: show(lines[h.line - 1] ?? '', 160) },
      recommendation: hiddenRule.recommendation,
      properties: { 'aibom:hidden:classes': h.classes.map((c) => c.id).join(','), 'aibom:hidden:count': String(h.count), ...(decoded ? { 'aibom:hidden:text': decodedShown } : {}) },
    });
    for (const t of runTextRules(decoded)) {
      out.push({
        ...base,
        ruleId: t.rule.id,
        severity: t.rule.severity,
        title: `${t.rule.title} (in hidden text)`,
        message: `${opts.what} line ${first + h.line - 1} hides, in invisible characters, "${escapeVisible(redactIn(t.match, hiddenSecrets), 200)}"; ${t.rule.why}.`,
        location: { path, line: first + h.line - 1 },
        recommendation: t.rule.recommendation,
        properties: { 'aibom:agent:hidden': 'true' },
      });
    }
  }

  const perRule = new Map<string, number>();
  for (const t of runTextRules(stripHidden(text), first)) {
    const n = (perRule.get(t.rule.id) ?? 0) + 1;
    perRule.set(t.rule.id, n);
    if (n > MAX_FINDINGS_PER_RULE) continue;
    out.push({
      ...base,
      ruleId: t.rule.id,
      severity: t.rule.severity,
      title: t.rule.title,
      message: `${opts.what} says "${show(t.match)}"; ${t.rule.why}.`,
      location: { path, line: t.line, snippet: show(lines[t.line - first] ?? '', 160) },
      recommendation: t.rule.recommendation,
    });
  }

  const secretRule = ruleMeta(loadData('agents', 'secret-patterns.yml'), 'secret-patterns.yml');
  for (const s of secrets.slice(0, MAX_FINDINGS_PER_RULE)) {
    const r = redactSecret(s.value);
    const line = lineAt(text, s.index);
    out.push({
      ...base,
      ruleId: secretRule.id,
      severity: 'high',
      title: secretRule.title,
      message: `${opts.what} holds a ${s.name} (${r.redacted}); ${secretRule.why}.`,
      location: { path, line: first + line - 1, snippet: show(lines[line - 1] ?? '', 160) },
      recommendation: secretRule.recommendation,
      properties: { 'aibom:secret:type': s.patternId, 'aibom:secret:sha256': r.sha256 },
    });
  }
  return out;
}
