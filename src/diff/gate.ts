// `--fail-on-new KIND[,KIND]...`: which kinds of new items make `aibom diff` exit 1.
import { UsageError } from '../util/errors.js';
import type { BomDiff } from './types.js';

export const GATE_KINDS = ['model', 'dataset', 'library', 'provider', 'endpoint', 'vulnerability', 'license', 'hash-change'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

const ALIASES: Record<string, GateKind> = {
  models: 'model', datasets: 'dataset', libraries: 'library', providers: 'provider', service: 'provider', services: 'provider',
  endpoints: 'endpoint', vulnerabilities: 'vulnerability', vuln: 'vulnerability', vulns: 'vulnerability', licenses: 'license',
  hash: 'hash-change', 'hash-changes': 'hash-change',
};

export function parseGateKinds(values: string[]): GateKind[] {
  const out = new Set<GateKind>();
  for (const raw of values.flatMap((v) => v.split(','))) {
    const k = raw.trim().toLowerCase();
    if (k === '') continue;
    if (k === 'all') {
      for (const g of GATE_KINDS) out.add(g);
      continue;
    }
    const kind = ALIASES[k] ?? GATE_KINDS.find((g) => g === k);
    if (!kind) throw new UsageError(`--fail-on-new: unknown kind "${raw.trim()}". Use one or more of: ${GATE_KINDS.join(', ')} (or service), all.`);
    out.add(kind);
  }
  return [...out];
}

/** the number of new items of one kind */
export function newCount(d: BomDiff, kind: GateKind): number {
  switch (kind) {
    case 'model':
      return d.models.added.length;
    case 'dataset':
      return d.datasets.added.length;
    case 'library':
      return d.libraries.added.length;
    case 'provider':
      return d.services.added.length;
    case 'endpoint':
      return d.endpoints.added.length;
    case 'vulnerability':
      return d.vulnerabilities.added.length;
    case 'license':
      return new Set([...d.licenses.newIds, ...d.licenses.changed.flatMap((c) => c.added)]).size;
    case 'hash-change':
      return d.hashChanges.length;
  }
}

export interface GateResult {
  failed: boolean;
  /** kind -> count, only the kinds asked for that have new items */
  reasons: { kind: GateKind; count: number }[];
}

export function evaluateGate(d: BomDiff, kinds: GateKind[]): GateResult {
  const reasons = kinds.map((kind) => ({ kind, count: newCount(d, kind) })).filter((r) => r.count > 0);
  return { failed: reasons.length > 0, reasons };
}
