// `aibom diff` output formats: a terminal table, Markdown (job summary / PR comment) and JSON.
// Text from the BOMs is untrusted: control characters are replaced in the table, Markdown
// punctuation is escaped in Markdown, and long cells are cut.
import type { GateResult } from './gate.js';
import { diffHeadline, diffSections, type Section } from './sections.js';
import type { BomDiff } from './types.js';

export type DiffFormat = 'table' | 'markdown' | 'json';
export const DIFF_FORMATS: readonly DiffFormat[] = ['table', 'markdown', 'json'];

const MAX_CELL = 120;
/** rows per section before "... and N more" (a PR comment holds 65,536 characters) */
const MAX_ROWS = 100;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function cut(s: string, n = MAX_CELL): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}
const plain = (s: string) => cut(s.replace(CONTROL, '?'));
const md = (s: string) => cut(s.replace(CONTROL, ' ')).replace(/([\\`*_[\]<>|#!~])/g, '\\$1');

function tableSection(s: Section): string[] {
  const rows = s.rows.slice(0, MAX_ROWS).map((r) => r.map(plain));
  const widths = s.columns.map((c, i) => Math.min(48, Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [`${s.marker} ${s.title} (${s.rows.length})`];
  if (s.note) out.push(`  ${s.note}`);
  out.push('    ' + line(s.columns));
  for (const r of rows) out.push('    ' + line(r));
  if (s.rows.length > MAX_ROWS) out.push(`    ... and ${s.rows.length - MAX_ROWS} more (use --format json for all)`);
  return [...out, ''];
}

function markdownSection(s: Section): string[] {
  const out = [`### ${s.marker === '!' ? '⚠️ ' : ''}${s.title} (${s.rows.length})`, ''];
  if (s.note) out.push(s.note, '');
  out.push(`| ${s.columns.join(' | ')} |`, `|${s.columns.map(() => '---').join('|')}|`);
  for (const r of s.rows.slice(0, MAX_ROWS)) out.push(`| ${r.map((c) => (c === '' ? ' ' : md(c))).join(' | ')} |`);
  if (s.rows.length > MAX_ROWS) out.push('', `... and ${s.rows.length - MAX_ROWS} more (use --format json for all)`);
  return [...out, ''];
}

function gateLine(g: GateResult | undefined): string | undefined {
  if (!g) return undefined;
  if (!g.failed) return 'Gate: passed (no new items of the kinds checked).';
  return `Gate: FAILED: ${g.reasons.map((r) => `${r.count} new ${r.kind}`).join(', ')}.`;
}

export function renderDiff(d: BomDiff, format: DiffFormat, gate?: GateResult): string {
  if (format === 'json') return JSON.stringify({ ...d, ...(gate ? { gate } : {}) }, null, 2) + '\n';
  const sections = diffSections(d);
  const verdict = gateLine(gate);
  if (format === 'markdown') {
    const out = ['## AI-BOM diff', '', diffHeadline(d) + '.', ''];
    if (verdict) out.push(`**${verdict}**`, '');
    for (const s of sections) out.push(...markdownSection(s));
    for (const w of d.warnings) out.push(`> warning: ${md(w)}`, '');
    return out.join('\n');
  }
  const out = [`AI-BOM diff: ${diffHeadline(d)}`, ''];
  for (const s of sections) out.push(...tableSection(s));
  for (const w of d.warnings) out.push(`warning: ${plain(w)}`);
  if (verdict) out.push(verdict);
  return out.join('\n') + '\n';
}
