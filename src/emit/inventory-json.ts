// aibom's own inventory JSON (`--format json`), documented in docs/inventory-json.md.
// Stable: schemaVersion changes when a field's meaning changes.
import type { Inventory } from '../inventory/types.js';
import { packageVersion } from '../util/package-root.js';

export const INVENTORY_SCHEMA_VERSION = 1;

export function toInventoryJson(inv: Inventory, now: Date = new Date()): string {
  const doc = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: 'aibom', version: packageVersion() },
    generatedAt: now.toISOString(),
    root: inv.rootName,
    stats: inv.stats,
    properties: inv.properties ?? {},
    assets: inv.assets,
    findings: inv.findings,
    warnings: inv.warnings,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
