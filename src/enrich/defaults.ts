// The enrichment steps a scan runs after reduce, in a fixed order: provenance, advisories, licenses.
// All run offline: the advisory database is local (built from the bundled seed on first use).
import type { Enricher, ScanOptions } from '../scan.js';
import { enrichProvenance } from '../provenance/enrich.js';
import { enrichAdvisories } from './advisories.js';
import { enrichLicenses } from './licenses.js';
import { sortFindings } from '../inventory/reduce.js';

export function provenanceEnricher(opts: ScanOptions): Enricher {
  return async (inv, ctx) => {
    await enrichProvenance(inv, ctx.root, opts.trust, (p) => ctx.digestOf(p) as Promise<string>);
  };
}

export function advisoryEnricher(opts: ScanOptions): Enricher {
  return async (inv) => {
    const r = await enrichAdvisories(inv, { dbPath: opts.dbPath, now: opts.now });
    inv.findings.push(...r.findings);
    inv.warnings.push(...r.warnings);
    inv.properties = { ...(inv.properties ?? {}), ...r.properties };
  };
}

export const licenseEnricher: Enricher = async (inv) => {
  inv.findings.push(...enrichLicenses(inv).findings);
};

export function defaultEnrichers(opts: ScanOptions): Enricher[] {
  const steps = [provenanceEnricher(opts)];
  if (opts.advisories !== false) steps.push(advisoryEnricher(opts));
  steps.push(licenseEnricher, async (inv) => {
    inv.findings = sortFindings(inv.findings);
  });
  return steps;
}
