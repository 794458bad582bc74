// Building the ModelAsset a model detector emits for one file.
import type { LicenseRef, ModelAsset, ModelCardFacts } from '../../src/inventory/types.js';
import type { FileRef } from '../../src/detect/types.js';

/** What a format handler learned about a file. */
export interface ModelFacts {
  format: string;
  properties: Record<string, string | string[]>;
  warnings: string[];
  card?: ModelCardFacts;
  licenses?: LicenseRef[];
  version?: string;
}

export function emptyFacts(format: string): ModelFacts {
  return { format, properties: {}, warnings: [] };
}

/** Set a property when the value is meaningful (non-empty string, finite number, non-empty list). */
export function prop(f: ModelFacts, key: string, value: string | number | boolean | readonly string[] | undefined): void {
  if (value === undefined) return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) f.properties[`aibom:model:${key}`] = String(value);
  } else if (typeof value === 'boolean') f.properties[`aibom:model:${key}`] = String(value);
  else if (typeof value === 'string') {
    if (value.length > 0) f.properties[`aibom:model:${key}`] = value.length > 512 ? `${value.slice(0, 509)}...` : value;
  } else if (value.length > 0) f.properties[`aibom:model:${key}`] = [...value];
}

export function toAsset(file: FileRef, facts: ModelFacts, detector: string): ModelAsset {
  const properties: Record<string, string | string[]> = { 'aibom:model:format': facts.format, ...facts.properties };
  if (file.dependency?.owner) properties['aibom:dependency:owner'] = file.dependency.owner;
  const asset: ModelAsset = {
    key: `file:${file.path}`,
    kind: 'model',
    format: facts.format,
    present: true,
    name: file.name,
    size: file.size,
    locations: [{ path: file.path }],
    properties,
    detectors: [detector],
  };
  if (facts.version) asset.version = facts.version;
  if (facts.card && Object.keys(facts.card).length > 0) asset.card = facts.card;
  if (facts.licenses && facts.licenses.length > 0) asset.licenses = facts.licenses;
  if (facts.warnings.length > 0) asset.warnings = [...new Set(facts.warnings)];
  return asset;
}
