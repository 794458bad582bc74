// The parts of a CycloneDX 1.6/1.7 AI-BOM that @cyclonedx/cyclonedx-library does not model, computed
// once per asset in the JSON shape; xml.ts renders the same objects as XSD-ordered elements.
import type { Asset, DatasetAsset, ModelAsset, ServiceAsset } from '../../inventory/types.js';

export interface ComponentDataJson {
  type: 'dataset' | 'configuration' | 'source-code' | 'definition' | 'other';
  name?: string;
  contents?: { url?: string };
  classification?: string;
  description?: string;
}

export interface ModelCardJson {
  modelParameters?: {
    task?: string;
    architectureFamily?: string;
    modelArchitecture?: string;
    datasets?: ({ ref: string } | ComponentDataJson)[];
  };
  considerations?: { useCases?: string[]; technicalLimitations?: string[] };
  properties?: { name: string; value: string }[];
}

export interface ComponentExtras {
  modelCard?: ModelCardJson;
  data?: ComponentDataJson[];
  occurrences?: { location: string; line?: number; symbol?: string; additionalContext?: string }[];
}

export interface ServiceExtras {
  endpoints?: string[];
  authenticated?: boolean;
  trustBoundary?: boolean;
  data?: { flow: 'outbound' | 'inbound' | 'bi-directional' | 'unknown'; classification: string }[];
}

const MODEL_CARD_PROPS = ['aibom:model:format', 'aibom:model:parameters', 'aibom:model:quantization', 'aibom:model:license'];

function modelCardOf(m: ModelAsset, datasetRefs: Map<string, string>): ModelCardJson | undefined {
  const c = m.card;
  const params: NonNullable<ModelCardJson['modelParameters']> = {};
  if (c?.task) params.task = c.task;
  if (c?.architectureFamily) params.architectureFamily = c.architectureFamily;
  if (c?.modelArchitecture) params.modelArchitecture = c.modelArchitecture;
  if (c?.datasets?.length) {
    params.datasets = c.datasets.map((d) => {
      const ref = datasetRefs.get(d);
      return ref ? { ref } : { type: 'dataset' as const, name: d };
    });
  }
  const card: ModelCardJson = {};
  if (Object.keys(params).length > 0) card.modelParameters = params;
  const useCases = c?.useCases ?? [];
  const limitations = c?.limitations ?? [];
  if (useCases.length || limitations.length) {
    card.considerations = {};
    if (useCases.length) card.considerations.useCases = useCases;
    if (limitations.length) card.considerations.technicalLimitations = limitations;
  }
  const props: { name: string; value: string }[] = [];
  for (const k of MODEL_CARD_PROPS) {
    const v = m.properties?.[k];
    for (const item of Array.isArray(v) ? v : v ? [v] : []) props.push({ name: k, value: item });
  }
  for (const b of c?.baseModel ?? []) props.push({ name: 'aibom:model:base-model', value: b });
  for (const l of c?.languages ?? []) props.push({ name: 'aibom:model:language', value: l });
  if (props.length) card.properties = props;
  return Object.keys(card).length > 0 ? card : undefined;
}

function dataOf(d: DatasetAsset): ComponentDataJson[] {
  const entry: ComponentDataJson = { type: 'dataset', name: d.name };
  if (d.contentsUrl) entry.contents = { url: d.contentsUrl };
  if (d.classification) entry.classification = d.classification;
  if (d.description) entry.description = d.description;
  return [entry];
}

export function componentExtras(a: Asset, datasetRefs: Map<string, string>): ComponentExtras {
  const x: ComponentExtras = {};
  if (a.kind === 'model') x.modelCard = modelCardOf(a, datasetRefs);
  if (a.kind === 'dataset') x.data = dataOf(a);
  if (a.locations.length > 0) {
    x.occurrences = a.locations.map((l) => ({ location: l.path, ...(l.line ? { line: l.line } : {}) }));
  }
  return x;
}

export function serviceExtras(s: ServiceAsset): ServiceExtras {
  return {
    endpoints: s.endpoints.length ? [...s.endpoints].sort() : undefined,
    authenticated: s.authenticated,
    trustBoundary: s.trustBoundary,
    data: s.properties?.['aibom:service:data-flow'] !== undefined || s.trustBoundary
      ? [{ flow: flowOf(s.properties?.['aibom:service:data-flow']), classification: String(s.properties?.['aibom:service:data-classification'] ?? 'AI prompts and responses') }]
      : undefined,
  };
}

function flowOf(v: string | string[] | undefined): 'outbound' | 'inbound' | 'bi-directional' | 'unknown' {
  const s = Array.isArray(v) ? v[0] : v;
  return s === 'inbound' || s === 'bi-directional' || s === 'unknown' ? s : 'outbound';
}

/** dataset names a model card cites -> bom-ref of a dataset component with that name in the same BOM */
export function datasetRefIndex(assets: readonly Asset[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of assets) if (a.kind === 'dataset') m.set(a.name, a.key);
  return m;
}
