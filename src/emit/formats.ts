// Output formats by name. A scan runs once and renders every requested format from the same inventory.
import type { Inventory } from '../inventory/types.js';
import type { Verdict } from '../policy/evaluate.js';
import { toCycloneDxJson, type SpecVersion } from './cyclonedx/json.js';
import { toCycloneDxXml } from './cyclonedx/xml.js';
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

export type Renderer = (inv: Inventory, opts: RenderOptions) => string;

const RENDERERS: Record<string, Renderer> = {
  'cyclonedx-json': (inv, o) => toCycloneDxJson(inv, o.specVersion, { now: o.now }),
  'cyclonedx-xml': (inv, o) => toCycloneDxXml(inv, o.specVersion, { now: o.now }),
  table: (inv, o) => renderTable(inv, { color: o.color }),
  json: (inv, o) => toInventoryJson(inv, o.now),
  sarif: (inv, o) => toSarif(inv, o.verdict),
  markdown: (inv, o) => toMarkdown(inv, { policy: o.verdict }),
};

export function registerFormat(name: string, r: Renderer): void {
  RENDERERS[name] = r;
}

export function formatNames(): string[] {
  return Object.keys(RENDERERS);
}

export function rendererFor(name: string): Renderer | undefined {
  return RENDERERS[name];
}
