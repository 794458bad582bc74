// Output formats by name. A scan runs once and renders every requested format from the same inventory.
// The CycloneDX emitters (and the CycloneDX library behind them) load only when a CycloneDX format is asked for.
import type { Inventory } from '../inventory/types.js';
import type { Verdict } from '../policy/evaluate.js';
import type { SpecVersion } from './cyclonedx/json.js';
import { toInventoryJson } from './inventory-json.js';
import { renderTable } from './table.js';
import { toSarif } from './sarif.js';
import { toMarkdown } from './markdown.js';

export interface RenderOptions {
  specVersion: SpecVersion;
  now: Date;
  color: boolean;
  /** the policy verdict, when a policy was evaluated */
  verdict?: Verdict;
}

export type Renderer = (inv: Inventory, opts: RenderOptions) => Promise<string>;

const RENDERERS: Record<string, Renderer> = {
  'cyclonedx-json': async (inv, o) => (await import('./cyclonedx/json.js')).toCycloneDxJson(inv, o.specVersion, { now: o.now }),
  'cyclonedx-xml': async (inv, o) => (await import('./cyclonedx/xml.js')).toCycloneDxXml(inv, o.specVersion, { now: o.now }),
  table: async (inv, o) => renderTable(inv, { color: o.color }),
  json: async (inv, o) => toInventoryJson(inv, o.now),
  sarif: async (inv, o) => toSarif(inv, o.verdict),
  markdown: async (inv, o) => toMarkdown(inv, { policy: o.verdict }),
};

export function formatNames(): string[] {
  return Object.keys(RENDERERS);
}

export function rendererFor(name: string): Renderer | undefined {
  return RENDERERS[name];
}
