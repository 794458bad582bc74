// The terminal table: what was found, grouped by kind, then findings by severity, then warnings.
import type { Asset, Finding, Inventory, Severity } from '../inventory/types.js';
import { SEVERITY_ORDER } from '../inventory/types.js';
import { visibleText } from '../util/visible-text.js';

export interface TableOptions {
  color?: boolean;
  /** the most rows per section before "... and N more" */
  maxRows?: number;
}

const KIND_TITLE: Record<Asset['kind'], string> = {
  model: 'Models',
  dataset: 'Datasets',
  library: 'AI libraries',
  service: 'AI services',
  container: 'Containers',
  file: 'Agent and other files',
};

const SEV_COLOR: Record<Severity, string> = { critical: '35', high: '31', medium: '33', low: '36', info: '2' };

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function cut(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

function renderRows(rows: string[][], widths: number[]): string[] {
  return rows.map((r) => r.map((c0, i) => {
    const c = visibleText(c0);
    return i === r.length - 1 ? c : pad(cut(c, widths[i]), widths[i]);
  }).join('  ').trimEnd());
}

function assetRow(a: Asset): string[] {
  const p = a.properties ?? {};
  const one = (k: string) => {
    const v = p[k];
    return Array.isArray(v) ? v.join(',') : v ?? '';
  };
  const where = a.locations[0] ? (a.locations[0].line ? `${a.locations[0].path}:${a.locations[0].line}` : a.locations[0].path) : '';
  const more = a.locations.length > 1 ? ` (+${a.locations.length - 1})` : '';
  switch (a.kind) {
    case 'model': {
      const prov = one('aibom:provenance:status');
      const checks = [one('aibom:serialization:verdict'), prov && prov !== 'unsigned' ? `sig:${prov}` : ''].filter(Boolean).join(' ');
      return [a.name, a.format + (a.present ? '' : ' (not on disk)'), [one('aibom:model:architecture'), one('aibom:model:parameters') && `${one('aibom:model:parameters')} params`, one('aibom:model:quantization')].filter(Boolean).join(' '), checks, (a.hashes?.sha256 ?? '').slice(0, 12), where + more];
    }
    case 'dataset':
      return [a.name, a.format, one('aibom:dataset:rows') && `${one('aibom:dataset:rows')} rows`, a.licenses?.map((l) => l.spdx ?? l.name).join(',') ?? '', (a.hashes?.sha256 ?? '').slice(0, 12), where + more];
    case 'library':
      return [a.group ? `${a.group}/${a.name}` : a.name, a.ecosystem, a.version ?? a.versionSpec ?? '', a.ai ? 'AI' : '', '', where + more];
    case 'service':
      return [a.name, a.provider ?? (a.key.startsWith('mcp:') ? 'MCP server' : ''), a.endpoints.slice(0, 2).join(' ') || one('aibom:mcp:command'), (a.models ?? []).slice(0, 3).join(','), '', where + more];
    default:
      return [a.name, a.kind === 'file' ? a.role : a.kind, a.version ?? '', '', (a.hashes?.sha256 ?? '').slice(0, 12), where + more];
  }
}

export function renderTable(inv: Inventory, opts: TableOptions = {}): string {
  const max = opts.maxRows ?? 50;
  const color = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  const byKind = new Map<Asset['kind'], Asset[]>();
  for (const a of inv.assets) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a]);
  for (const kind of ['model', 'dataset', 'service', 'library', 'container', 'file'] as const) {
    const list = byKind.get(kind);
    if (!list?.length) continue;
    lines.push(color('1', `${KIND_TITLE[kind]} (${list.length})`));
    const ordered = nestedOrder(list).slice(0, max);
    const rows = ordered.map(({ asset, depth }) => {
      const r = assetRow(asset);
      r[0] = '  '.repeat(depth) + r[0];
      return r;
    });
    lines.push(...renderRows(rows, [34, 18, 30, 16, 12]).map((l) => '  ' + l));
    if (list.length > max) lines.push(`  ... and ${list.length - max} more`);
    for (const a of list.slice(0, max)) for (const w of a.warnings ?? []) lines.push(color('33', visibleText(`    ! ${a.name}: ${w}`)));
    lines.push('');
  }
  const findings = [...inv.findings].sort((x, y) => SEVERITY_ORDER.indexOf(y.severity) - SEVERITY_ORDER.indexOf(x.severity));
  if (findings.length) {
    lines.push(color('1', `Findings (${findings.length})`));
    for (const f of findings.slice(0, max)) lines.push('  ' + findingLine(f, color));
    if (findings.length > max) lines.push(`  ... and ${findings.length - max} more`);
    lines.push('');
  }
  if (inv.warnings.length) {
    lines.push(color('1', `Warnings (${inv.warnings.length})`));
    for (const w of inv.warnings.slice(0, max)) lines.push(color('33', visibleText(`  ! ${w.path ? w.path + ': ' : ''}${w.message}`)));
    if (inv.warnings.length > max) lines.push(`  ... and ${inv.warnings.length - max} more`);
    lines.push('');
  }
  lines.push(summaryLine(inv));
  return lines.join('\n') + '\n';
}

/** parents first, each followed by its children (indented), so folders and archives read as trees */
function nestedOrder(list: Asset[]): { asset: Asset; depth: number }[] {
  const keys = new Set(list.map((a) => a.key));
  const children = new Map<string, Asset[]>();
  for (const a of list) if (a.parent && keys.has(a.parent)) children.set(a.parent, [...(children.get(a.parent) ?? []), a]);
  const out: { asset: Asset; depth: number }[] = [];
  const visit = (a: Asset, depth: number) => {
    out.push({ asset: a, depth });
    for (const c of children.get(a.key) ?? []) visit(c, depth + 1);
  };
  for (const a of list) if (!a.parent || !keys.has(a.parent)) visit(a, 0);
  return out;
}

function findingLine(f: Finding, color: (c: string, s: string) => string): string {
  const where = f.location.line ? `${f.location.path}:${f.location.line}` : f.location.path;
  return `${color(SEV_COLOR[f.severity], pad(f.severity.toUpperCase(), 8))} ${pad(f.ruleId, 34)} ${visibleText(`${where}  ${f.title}`)}`;
}

export function summaryLine(inv: Inventory): string {
  const count = (k: Asset['kind']) => inv.assets.filter((a) => a.kind === k).length;
  const sev = SEVERITY_ORDER.slice().reverse().map((s) => [s, inv.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  return [
    `aibom: ${count('model')} models, ${count('dataset')} datasets, ${count('service')} services, ${count('library')} libraries, ${count('file')} agent/other files`,
    `${inv.findings.length} findings${sev.length ? ' (' + sev.map(([s, n]) => `${n} ${s}`).join(', ') + ')' : ''}`,
    `${inv.warnings.length} warnings`,
    `${inv.stats.filesWalked} files walked in ${(inv.stats.durationMs / 1000).toFixed(1)} s`,
  ].join('; ');
}
