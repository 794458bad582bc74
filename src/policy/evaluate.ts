// Evaluates a policy against an inventory: suppressions first, then each rule. The verdict lists every
// violation with the rule that raised it, so the CLI can print them first and exit 1.
import picomatch from 'picomatch';
import type { Asset, Finding, Inventory, LicenseRef, Severity } from '../inventory/types.js';
import { SEVERITY_ORDER } from '../inventory/types.js';
import type { Policy } from './schema.js';

export interface Violation {
  /** policy rule: policy/fail-on, policy/license-denied, policy/license-not-allowed, policy/license-unknown,
   *  policy/forbidden-format, policy/unsigned-model, policy/provider-not-allowed, policy/endpoint-not-allowed,
   *  policy/hard-coded-key, policy/unpinned-model, policy/suppression-expired */
  rule: string;
  message: string;
  path?: string;
  severity: Severity;
  /** the finding behind the violation, when there is one */
  ruleId?: string;
}

export interface Verdict {
  passed: boolean;
  violations: Violation[];
  suppressed: { finding: Finding; reason: string }[];
}

const glob = (patterns: string[]) => picomatch(patterns, { dot: true });

function pathOf(a: Asset): string {
  return a.locations[0]?.path ?? a.key.replace(/^[a-z]+:/, '');
}

function licenseTokens(l: LicenseRef): string[] {
  return [l.spdx, l.name, l.category].filter((x): x is string => !!x).map((x) => x.toLowerCase());
}

function isExpired(date: string, now: Date): boolean {
  return new Date(`${date}T23:59:59Z`).getTime() < now.getTime();
}

export function evaluatePolicy(inv: Inventory, policy: Policy, now: Date = new Date()): Verdict {
  const violations: Violation[] = [];
  const suppressed: Verdict['suppressed'] = [];
  const sups = (policy.suppressions ?? []).map((s) => ({ ...s, match: s.path ? glob([s.path]) : () => true, expired: isExpired(s.expires, now) }));
  for (const s of sups) {
    if (s.expired) violations.push({ rule: 'policy/suppression-expired', severity: 'medium', message: `suppression of ${s.rule ?? s.id}${s.path ? ` for ${s.path}` : ''} expired on ${s.expires} (${s.reason}): renew it after review or fix the finding` });
  }
  const isSuppressed = (ruleOrId: string[], path: string | undefined): string | undefined => {
    for (const s of sups) {
      if (s.expired) continue;
      const hit = (s.rule && ruleOrId.includes(s.rule)) || (s.id && ruleOrId.includes(s.id));
      if (hit && (path === undefined ? !s.path : s.match(path))) return s.reason;
    }
    return undefined;
  };
  const active: Finding[] = [];
  for (const f of inv.findings) {
    const reason = isSuppressed([f.ruleId, ...(f.advisory?.aliases ?? [])], f.location.path);
    if (reason) suppressed.push({ finding: f, reason });
    else active.push(f);
  }
  const add = (v: Violation) => {
    if (!isSuppressed([v.rule, ...(v.ruleId ? [v.ruleId] : [])], v.path)) violations.push(v);
  };

  const failOn = policy['fail-on'] ?? 'none';
  if (failOn !== 'none') {
    const min = SEVERITY_ORDER.indexOf(failOn);
    for (const f of active) {
      if (SEVERITY_ORDER.indexOf(f.severity) >= min) {
        add({ rule: 'policy/fail-on', severity: f.severity, ruleId: f.ruleId, path: f.location.path, message: `${f.severity} finding ${f.ruleId}: ${f.title}` });
      }
    }
  }
  if (policy.secrets?.forbid !== false) {
    for (const f of active.filter((x) => x.category === 'secret')) {
      add({ rule: 'policy/hard-coded-key', severity: 'high', ruleId: f.ruleId, path: f.location.path, message: `hard-coded AI key at ${f.location.path}${f.location.line ? ':' + f.location.line : ''}: ${f.title}` });
    }
  }
  if (policy.models?.['forbid-unpinned']) {
    for (const f of active.filter((x) => x.ruleId === 'AIBOM-MODEL-UNPINNED')) {
      add({ rule: 'policy/unpinned-model', severity: 'medium', ruleId: f.ruleId, path: f.location.path, message: f.title });
    }
  }

  const lic = policy.licenses;
  if (lic) {
    const deny = new Set((lic.deny ?? []).map((x) => x.toLowerCase()));
    const allow = lic.allow ? new Set(lic.allow.map((x) => x.toLowerCase())) : undefined;
    for (const a of inv.assets) {
      if (a.kind !== 'model' && a.kind !== 'dataset' && a.kind !== 'library') continue;
      const licenses = a.licenses ?? [];
      for (const l of licenses) {
        const toks = licenseTokens(l);
        const label = l.spdx ?? l.name ?? 'unknown';
        if (toks.some((t) => deny.has(t))) {
          add({ rule: 'policy/license-denied', severity: 'high', path: pathOf(a), message: `${a.kind} ${a.name} is licensed ${label}${l.category ? ` (${l.category})` : ''}, which the policy denies` });
        } else if (allow && !toks.some((t) => allow.has(t))) {
          add({ rule: 'policy/license-not-allowed', severity: 'medium', path: pathOf(a), message: `${a.kind} ${a.name} is licensed ${label}${l.category ? ` (${l.category})` : ''}, which is not on the policy's allow list` });
        }
      }
      if (licenses.length === 0 && lic['fail-on-unknown'] && a.kind !== 'library' && !a.parent) {
        add({ rule: 'policy/license-unknown', severity: 'medium', path: pathOf(a), message: `${a.kind} ${a.name} has no known license` });
      }
    }
  }

  const forbid = new Set((policy.models?.['forbid-formats'] ?? []).map((x) => x.toLowerCase()));
  const sig = policy.models?.['require-signature'];
  const sigMatch = sig?.paths ? glob(sig.paths) : () => true;
  for (const a of inv.assets) {
    if (a.kind !== 'model') continue;
    const format = a.format.toLowerCase();
    const serialized = String(a.properties?.['aibom:serialization:format'] ?? '').toLowerCase();
    if (forbid.has(format) || (serialized && forbid.has(serialized))) {
      add({ rule: 'policy/forbidden-format', severity: 'high', path: pathOf(a), message: `model ${a.name} is in the forbidden format ${a.format}` });
    }
    if (sig && a.present && !a.parent && a.locations.some((l) => sigMatch(l.path))) {
      const status = String(a.properties?.['aibom:provenance:status'] ?? 'unsigned');
      if (status !== 'verified') {
        add({ rule: 'policy/unsigned-model', severity: 'high', path: pathOf(a), message: `model ${a.name} requires a verified signature but its signature is ${status}` });
      }
    }
  }

  const prov = policy.providers;
  if (prov) {
    const allowed = prov.allow ? new Set(prov.allow.map((x) => x.toLowerCase())) : undefined;
    const endpointOk = prov['allow-endpoints'] ? glob(prov['allow-endpoints']) : undefined;
    for (const a of inv.assets) {
      if (a.kind !== 'service' || !a.key.startsWith('service:')) continue;
      const names = [a.provider, a.name, a.key.slice('service:'.length)].filter((x): x is string => !!x).map((x) => x.toLowerCase());
      if (allowed && !names.some((n) => allowed.has(n))) {
        add({ rule: 'policy/provider-not-allowed', severity: 'high', path: pathOf(a), message: `AI provider ${a.provider ?? a.name} is in use but not approved (Shadow AI): seen at ${a.locations.slice(0, 3).map((l) => (l.line ? `${l.path}:${l.line}` : l.path)).join(', ')}` });
      }
      if (endpointOk) {
        for (const e of a.endpoints) {
          if (!endpointOk(e)) add({ rule: 'policy/endpoint-not-allowed', severity: 'high', path: pathOf(a), message: `endpoint ${e} (${a.provider ?? a.name}) is not on the policy's allow list` });
        }
      }
    }
  }
  violations.sort((x, y) => SEVERITY_ORDER.indexOf(y.severity) - SEVERITY_ORDER.indexOf(x.severity) || (x.path ?? '').localeCompare(y.path ?? '') || x.rule.localeCompare(y.rule));
  return { passed: violations.length === 0, violations, suppressed };
}
