// The library API: `import { scan } from 'aibom'`. The CLI and the GitHub Action are thin layers over it.
import type { Inventory } from './inventory/types.js';
import { scanInventory, type ScanOptions } from './scan.js';
import { toCycloneDxObject, toCycloneDxJson, type SpecVersion } from './emit/cyclonedx/json.js';
import { toCycloneDxXml } from './emit/cyclonedx/xml.js';
import { defaultEnrichers } from './enrich/defaults.js';

export type { Inventory, Asset, Finding, Location, Severity, ModelAsset, DatasetAsset, LibraryAsset, ServiceAsset, FileAsset, ContainerAsset } from './inventory/types.js';
export type { Detector, ScanFile, FileRef, DetectResult } from './detect/types.js';
export type { ScanOptions } from './scan.js';
export { toCycloneDxJson, toCycloneDxXml, toCycloneDxObject };
export { renderTable } from './emit/table.js';
export { toInventoryJson } from './emit/inventory-json.js';

export interface ScanResult {
  inventory: Inventory;
  /** the CycloneDX AI-BOM as a plain object (1.6 unless asked) */
  bom: Record<string, unknown>;
}

export async function scan(opts: ScanOptions & { specVersion?: SpecVersion; now?: Date } = {}): Promise<ScanResult> {
  const inventory = await scanInventory({ ...opts, enrichers: opts.enrichers ?? defaultEnrichers(opts) });
  return { inventory, bom: toCycloneDxObject(inventory, opts.specVersion ?? '1.6', { now: opts.now }) };
}
