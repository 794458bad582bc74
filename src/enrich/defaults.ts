// The enrichment steps a scan runs after reduce, in a fixed order: provenance, advisories, licenses.
import type { Enricher, ScanOptions } from '../scan.js';

export function defaultEnrichers(_opts: ScanOptions): Enricher[] {
  return [];
}
