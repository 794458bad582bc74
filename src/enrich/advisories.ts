// Advisory enrichment: matches the inventory against the local advisory database (built from
// the embedded seed on first use, opened read-only) and turns matches into findings, merging
// advisories that are aliases of each other (a GHSA and its PYSEC twin become one finding).
import type { AdvisoryRef, Asset, Finding, Inventory, ScanWarning, Severity } from '../inventory/types.js';
import { SEVERITY_ORDER } from '../inventory/types.js';
import { cvss3Score, severityOfScore, severityOfWord } from '../db/cvss.js';
import { defaultDbPath } from '../db/location.js';
import { matchAsset, type AdvisoryMatch } from '../db/match.js';
import { openReadOnly, prepareSqlite } from '../db/open.js';
import { ensureDb } from '../db/seed.js';
import { AdvisoryStore, type AdvisoryRow } from '../db/store.js';

export const STALE_AFTER_DAYS = 7;

export interface EnrichAdvisoriesResult {
  findings: Finding[];
  warnings: ScanWarning[];
  properties: Record<string, string>;
}

interface Hit {
  row: AdvisoryRow;
  match: AdvisoryMatch;
}

const isMalicious = (id: string): boolean => /^MAL-/.test(id) || /-MAL-/.test(id);

function idRank(id: string): number {
  if (isMalicious(id)) return 0;
  if (id.startsWith('GHSA-')) return 1;
  if (id.startsWith('PYSEC-')) return 2;
  if (id.startsWith('CVE-')) return 9;
  return 5;
}

/** groups hits whose ids or aliases overlap (transitively) */
function groupByAlias(hits: Hit[]): Hit[][] {
  const groups: { ids: Set<string>; hits: Hit[] }[] = [];
  for (const h of hits) {
    const ids = new Set([h.row.id, ...h.row.aliases]);
    const joined = groups.filter((g) => [...ids].some((i) => g.ids.has(i)));
    const merged = { ids, hits: [h] };
    for (const g of joined) {
      g.ids.forEach((i) => merged.ids.add(i));
      merged.hits.push(...g.hits);
      groups.splice(groups.indexOf(g), 1);
    }
    groups.push(merged);
  }
  return groups.map((g) => g.hits);
}

function maxSeverity(list: Severity[]): Severity {
  return list.reduce((a, b) => (SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a), 'info' as Severity);
}

function findingFor(asset: Asset, hits: Hit[]): Finding {
  const rows = [...new Map(hits.map((h) => [h.row.id, h.row])).values()];
  const primary = [...rows].sort((a, b) => idRank(a.id) - idRank(b.id) || a.id.localeCompare(b.id))[0];
  const ids = new Set<string>();
  for (const r of rows) [r.id, ...r.aliases].forEach((i) => ids.add(i));
  ids.delete(primary.id);
  const malicious = rows.some((r) => isMalicious(r.id));
  const cvss: NonNullable<AdvisoryRef['cvss']> = [];
  const sevs: Severity[] = [];
  for (const r of rows) {
    for (const s of r.severity) {
      if (!s.type.startsWith('CVSS_')) continue;
      const score = cvss3Score(s.score);
      if (!cvss.some((c) => c.vector === s.score)) cvss.push({ vector: s.score, ...(score !== undefined ? { score } : {}), method: s.type });
      if (score !== undefined) sevs.push(severityOfScore(score));
    }
    const word = severityOfWord(r.dbSeverity);
    if (word) sevs.push(word);
  }
  if (malicious) sevs.push('critical');
  const severity = sevs.length > 0 ? maxSeverity(sevs) : 'medium';
  const affected = hits.some((h) => h.match.status === 'affected');
  const status = affected ? 'affected' : 'possibly-affected';
  const fixed = [...new Set(hits.flatMap((h) => h.match.fixed))].sort();
  const version = hits.find((h) => h.match.status === status)?.match.version ?? asset.version;
  const summary = rows.map((r) => r.summary).find((s) => s) ?? rows.map((r) => r.details?.split('\n')[0]).find((s) => s) ?? primary.id;
  const details = rows.map((r) => r.details).find((d) => d) ?? summary;
  const subjectName = asset.kind === 'library' ? `${asset.name}${version ? ` ${version}` : ''}` : asset.name;
  const title = malicious
    ? `${subjectName} is known malicious (${primary.id}): ${summary}`
    : status === 'affected'
      ? `${subjectName} is affected by ${primary.id}: ${summary}`
      : `${subjectName} may be affected by ${primary.id} (version not pinned): ${summary}`;
  const refUrl = primary.id.startsWith('AIBOM-') ? primary.references[0] : `https://osv.dev/vulnerability/${primary.id}`;
  return {
    ruleId: primary.id,
    severity,
    title: title.length > 300 ? `${title.slice(0, 297)}...` : title,
    message: details.length > 2000 ? `${details.slice(0, 1997)}...` : details,
    location: asset.locations[0] ?? { path: asset.key.replace(/^file:/, '') },
    subject: asset.key,
    recommendation: malicious
      ? 'Remove it and treat any system that loaded it as compromised.'
      : fixed.length > 0
        ? `Upgrade to a fixed version: ${fixed.join(', ')}.`
        : 'No fixed version is known; consider removing or isolating it.',
    detector: 'enrich/advisories',
    category: malicious ? 'malicious' : 'vulnerability',
    properties: { 'aibom:advisory-status': status, 'aibom:matched-by': hits[0].match.via, ...(sevs.length === 0 ? { 'aibom:severity-source': 'default' } : {}) },
    advisory: {
      id: primary.id,
      aliases: [...ids].sort(),
      source: { name: primary.id.startsWith('AIBOM-') ? 'aibom' : 'OSV', ...(refUrl ? { url: refUrl } : {}) },
      ...(cvss.length > 0 ? { cvss } : {}),
      ...(fixed.length > 0 ? { fixedVersions: fixed } : {}),
      ...(version ? { affectedVersion: version } : {}),
      status,
      ...(primary.published ? { published: primary.published } : {}),
      ...(primary.modified ? { modified: primary.modified } : {}),
      references: [...new Set(rows.flatMap((r) => r.references))].slice(0, 20),
    },
  };
}

export async function enrichAdvisories(inv: Inventory, opts: { dbPath?: string; now?: Date } = {}): Promise<EnrichAdvisoriesResult> {
  const now = opts.now ?? new Date();
  const path = opts.dbPath ?? defaultDbPath();
  const warnings: ScanWarning[] = [];
  const findings: Finding[] = [];
  let store: AdvisoryStore;
  try {
    await prepareSqlite();
    ensureDb(path, now);
    store = new AdvisoryStore(openReadOnly(path));
  } catch (err) {
    warnings.push({ message: `advisory database unavailable, vulnerabilities not checked: ${(err as Error).message}` });
    return { findings, warnings, properties: {} };
  }
  try {
    store.prefetch(inv.assets.flatMap((a) => (a.kind === 'library' ? [{ ecosystem: a.ecosystem, name: a.name }] : [])));
    for (const asset of inv.assets) {
      if (asset.partial) continue;
      const hits: Hit[] = [];
      for (const match of matchAsset(store, asset)) {
        const row = store.advisory(match.advisoryId);
        if (row && !row.withdrawn) hits.push({ row, match });
      }
      for (const group of groupByAlias(hits)) findings.push(findingFor(asset, group));
    }
    const meta = store.meta();
    const dataDate = store.dataDate();
    const properties: Record<string, string> = {
      'aibom:advisory-db:kind': meta.kind ?? 'unknown',
      'aibom:advisory-db:records': String(store.counts().advisories),
      'aibom:advisory-db:sources': store.sources().map((s) => s.name).join(','),
    };
    if (dataDate) {
      const days = Math.floor((now.getTime() - Date.parse(dataDate)) / 86_400_000);
      properties['aibom:advisory-db:data-date'] = dataDate;
      properties['aibom:advisory-db:age-days'] = String(days);
      if (days > STALE_AFTER_DAYS) {
        warnings.push({ message: `advisory data is ${days} days old (from ${dataDate.slice(0, 10)}); run \`aibom db update\` for current advisories` });
      }
    }
    findings.sort((a, b) => (a.subject ?? '').localeCompare(b.subject ?? '') || a.ruleId.localeCompare(b.ruleId));
    return { findings, warnings, properties };
  } finally {
    store.db.close();
  }
}
