// A Markdown summary fit for a GitHub job summary or a pull-request comment.
import type { Asset, Inventory, ModelAsset, ServiceAsset, Severity } from '../inventory/types.js';
import { SEVERITY_ORDER } from '../inventory/types.js';
import { visibleText } from '../util/visible-text.js';

export interface MarkdownOptions {
  /** the policy verdict when a policy was evaluated */
  policy?: { passed: boolean; violations: { rule: string; message: string; path?: string }[] };
  maxRows?: number;
}

/** a table cell or line: pipes escaped, control and bidirectional characters visible (visible-text.ts) */
const esc = (s: string) => visibleText(s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));
const prop = (a: Asset, k: string) => {
  const v = a.properties?.[k];
  return Array.isArray(v) ? v.join(', ') : v ?? '';
};

export function toMarkdown(inv: Inventory, opts: MarkdownOptions = {}): string {
  const max = opts.maxRows ?? 30;
  const out: string[] = ['## aibom AI-BOM summary', ''];
  if (opts.policy) {
    out.push(opts.policy.passed ? '**Policy: passed** ✅' : `**Policy: failed** ❌ (${opts.policy.violations.length} violation${opts.policy.violations.length === 1 ? '' : 's'})`, '');
    for (const v of opts.policy.violations.slice(0, max)) out.push(`- \`${v.rule}\`${v.path ? ` \`${esc(v.path)}\`` : ''}: ${esc(v.message)}`);
    if (opts.policy.violations.length) out.push('');
  }
  const kinds: [Asset['kind'], string][] = [['model', 'Models'], ['dataset', 'Datasets'], ['service', 'AI services'], ['library', 'AI libraries'], ['file', 'Agent and other files'], ['container', 'Containers']];
  out.push('| Asset type | Count |', '|---|---:|');
  for (const [k, label] of kinds) out.push(`| ${label} | ${inv.assets.filter((a) => a.kind === k).length} |`);
  out.push('');
  const sevs = [...SEVERITY_ORDER].reverse() as Severity[];
  out.push('| Severity | Findings |', '|---|---:|');
  for (const s of sevs) out.push(`| ${s} | ${inv.findings.filter((f) => f.severity === s).length} |`);
  out.push('');
  const models = inv.assets.filter((a): a is ModelAsset => a.kind === 'model');
  if (models.length) {
    out.push('### Models', '', '| Model | Format | Signature | License | Serialization |', '|---|---|---|---|---|');
    for (const m of models.slice(0, max)) {
      const lic = (m.licenses ?? []).map((l) => l.spdx ?? l.name).filter(Boolean).join(', ') || prop(m, 'aibom:model:license');
      out.push(`| ${esc(m.name)}${m.present ? '' : ' (referenced)'} | ${esc(m.format)} | ${prop(m, 'aibom:provenance:status') || 'unsigned'} | ${esc(lic || 'unknown')} | ${prop(m, 'aibom:serialization:verdict') || '-'} |`);
    }
    if (models.length > max) out.push(`\n… and ${models.length - max} more models`);
    out.push('');
  }
  const services = inv.assets.filter((a): a is ServiceAsset => a.kind === 'service');
  if (services.length) {
    out.push('### AI services and providers', '', '| Service | Provider | Endpoints | Models |', '|---|---|---|---|');
    for (const s of services.slice(0, max)) out.push(`| ${esc(s.name)} | ${esc(s.provider ?? '')} | ${esc(s.endpoints.slice(0, 3).join(', '))} | ${esc((s.models ?? []).slice(0, 5).join(', '))} |`);
    out.push('');
  }
  const findings = [...inv.findings].sort((a, b) => SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity));
  if (findings.length) {
    out.push('### Top findings', '', '| Severity | Rule | Where | What |', '|---|---|---|---|');
    for (const f of findings.slice(0, max)) {
      const where = f.location.line ? `${f.location.path}:${f.location.line}` : f.location.path;
      out.push(`| ${f.severity} | \`${f.ruleId}\` | \`${esc(where)}\` | ${esc(f.title)} |`);
    }
    if (findings.length > max) out.push(`\n… and ${findings.length - max} more findings`);
    out.push('');
  }
  if (inv.warnings.length) out.push(`<details><summary>${inv.warnings.length} warnings</summary>`, '', ...inv.warnings.slice(0, max).map((w) => `- ${w.path ? `\`${esc(w.path)}\`: ` : ''}${esc(w.message)}`), '', '</details>', '');
  return out.join('\n');
}
