// SARIF 2.1.0 for GitHub code scanning: one rule per finding type, results with physical locations,
// security-severity for GitHub's sorting, and partial fingerprints that stay stable across runs.
import { wellFormed } from '../util/visible-text.js';
import { createHash } from 'node:crypto';
import type { Finding, Inventory, Severity } from '../inventory/types.js';
import { packageVersion } from '../util/package-root.js';
import { ruleInfo } from './rule-catalog.js';
import type { Verdict } from '../policy/evaluate.js';

/** policy violations that no finding already reports become results of their own (AIBOM-POLICY-*) */
export function policyFindings(verdict: Verdict | undefined): Finding[] {
  return (verdict?.violations ?? [])
    .filter((v) => !v.ruleId)
    .map((v) => ({
      ruleId: `AIBOM-POLICY-${v.rule.replace(/^policy\//, '').toUpperCase()}`,
      severity: v.severity,
      category: 'policy',
      title: v.message,
      message: v.message,
      location: { path: v.path ?? '.aibom.yml' },
    }));
}

const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** characters of a URI path segment that encodeURIComponent() encodes but RFC 3986 allows as they are */
const PCHAR_KEPT = /%(?:24|26|2B|2C|3B|3D|40)/g;

/** the artifact's path as a relative URI reference. Archive members are reported on the archive file (code
 *  scanning can only point at real files); each segment is percent-encoded (spaces, control characters, "%",
 *  "#", "?", ":"), so that SARIF stays valid for any file name; a lone surrogate cannot be encoded and becomes
 *  U+FFFD. */
function artifactPath(path: string): string {
  const i = path.indexOf('!/');
  const file = i < 0 ? path : path.slice(0, i);
  return file
    .split('/')
    .map((seg) => encodeURIComponent(wellFormed(seg)).replace(PCHAR_KEPT, (m) => decodeURIComponent(m)))
    .join('/');
}

function fingerprint(f: Finding): string {
  return createHash('sha256')
    .update([f.ruleId, f.location.path, f.subject ?? '', f.title].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

export function toSarifObject(inv: Inventory, verdict?: Verdict): Record<string, unknown> {
  const findings = [...inv.findings, ...policyFindings(verdict)];
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const worst = new Map<string, Severity>();
  const order: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
  for (const f of findings) {
    const cur = worst.get(f.ruleId);
    if (!cur || order.indexOf(f.severity) > order.indexOf(cur)) worst.set(f.ruleId, f.severity);
  }
  const rules = ruleIds.map((id) => {
    const example = findings.find((f) => f.ruleId === id);
    const info = ruleInfo(id, example);
    const sev = worst.get(id) ?? 'medium';
    return {
      id,
      name: info.name,
      shortDescription: { text: info.short },
      fullDescription: { text: info.full },
      help: { text: info.help, markdown: info.help },
      defaultConfiguration: { level: LEVEL[sev] },
      properties: {
        'security-severity': SECURITY_SEVERITY[sev],
        tags: ['security', 'ai-supply-chain', ...(example?.category ? [example.category] : [])],
        precision: 'high',
      },
    };
  });
  const results = findings.map((f) => {
    const member = f.location.path.includes('!/') ? ` (archive member ${f.location.path})` : '';
    const region = f.location.line ? { region: { startLine: f.location.line, ...(f.location.column ? { startColumn: f.location.column } : {}) } } : {};
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIds.indexOf(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: `${f.title}${member}${f.message && f.message !== f.title ? `\n${f.message}` : ''}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactPath(f.location.path), uriBaseId: 'SRCROOT' }, ...region } }],
      partialFingerprints: { 'aibomFindingHash/v1': fingerprint(f) },
      properties: { 'security-severity': SECURITY_SEVERITY[f.severity], ...(f.category ? { category: f.category } : {}), ...(f.subject ? { component: f.subject } : {}) },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'aibom', version: packageVersion(), semanticVersion: packageVersion(), informationUri: 'https://github.com/aibom/aibom', rules } },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The scanned folder' } } },
        results,
      },
    ],
  };
}

export function toSarif(inv: Inventory, verdict?: Verdict): string {
  return JSON.stringify(toSarifObject(inv, verdict), null, 2) + '\n';
}
