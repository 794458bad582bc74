// CycloneDX JSON: the library's normaliser for what it models, then the AI-BOM extras.
import * as CDX from '@cyclonedx/cyclonedx-library';
import type { Inventory } from '../../inventory/types.js';
import { buildBom, type BuildOptions } from './bom-model.js';
import { componentExtras, datasetRefIndex, serviceExtras } from './extras.js';

export type SpecVersion = '1.6' | '1.7';

type Json = Record<string, unknown>;

function specOf(v: SpecVersion) {
  return v === '1.7' ? CDX.Spec.Spec1dot7 : CDX.Spec.Spec1dot6;
}

export function toCycloneDxObject(inv: Inventory, specVersion: SpecVersion = '1.6', opts: BuildOptions = {}): Json {
  const { bom, assetsByRef } = buildBom(inv, opts);
  const factory = new CDX.Serialize.JSON.Normalize.Factory(specOf(specVersion));
  const normalized = factory.makeForBom().normalize(bom, { sortLists: true }) as unknown as Json;
  const datasetRefs = datasetRefIndex(inv.assets);
  const visit = (components: unknown) => {
    if (!Array.isArray(components)) return;
    for (const c of components as Json[]) {
      const asset = assetsByRef.get(String(c['bom-ref']));
      if (asset) {
        const x = componentExtras(asset, datasetRefs);
        if (x.occurrences?.length) c.evidence = { ...((c.evidence as Json) ?? {}), occurrences: x.occurrences };
        if (x.modelCard) c.modelCard = x.modelCard;
        if (x.data) c.data = x.data;
      }
      visit(c.components);
    }
  };
  visit(normalized.components);
  if (Array.isArray(normalized.services)) {
    for (const s of normalized.services as Json[]) {
      const asset = assetsByRef.get(String(s['bom-ref']));
      if (asset?.kind !== 'service') continue;
      const x = serviceExtras(asset);
      if (x.endpoints) s.endpoints = x.endpoints;
      if (x.authenticated !== undefined) s.authenticated = x.authenticated;
      if (x.trustBoundary !== undefined) s['x-trust-boundary'] = x.trustBoundary;
      if (x.data) s.data = x.data;
    }
  }
  return normalized;
}

export function toCycloneDxJson(inv: Inventory, specVersion: SpecVersion = '1.6', opts: BuildOptions = {}): string {
  return JSON.stringify(toCycloneDxObject(inv, specVersion, opts), null, 2) + '\n';
}
