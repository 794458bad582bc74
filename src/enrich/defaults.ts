// The enrichment steps a scan runs after reduce, in a fixed order: provenance, advisories, licenses.
// All run offline.
import type { Enricher, ScanOptions } from '../scan.js';
import { enrichProvenance } from '../provenance/enrich.js';

export function provenanceEnricher(opts: ScanOptions): Enricher {
  return async (inv, ctx) => {
    await enrichProvenance(inv, ctx.root, opts.trust, (p) => ctx.digestOf(p) as Promise<string>);
  };
}

export function defaultEnrichers(opts: ScanOptions): Enricher[] {
  return [provenanceEnricher(opts)];
}
