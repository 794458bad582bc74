// One sighting of a provider in a file (URL, SDK client, env var name) and of a model id; the
// per-file collector turns them into ServiceAssets keyed `service:<provider-id>`.
import type { Location, ServiceAsset } from '../../src/inventory/types.js';
import { providerById, providerForModel, type Provider } from './providers.js';

export type Via = 'url' | 'sdk' | 'env' | 'config';

export interface Occurrence {
  provider: Provider;
  line: number;
  via: Via;
  endpoint?: string;
  /** an auth header, key argument or credential env var was seen with it */
  authenticated?: boolean;
  /** env var name that showed the provider */
  env?: string;
}

export interface ModelSighting {
  model: string;
  line: number;
}

const MODEL_KINDS = new Set(['inference', 'gateway', 'local']);

/** Attribute a model id to a provider present in the file: by model-id pattern, else the only
 *  inference-capable provider, else the nearest occurrence before it. */
/** what attributing model ids needs from a file's occurrences, computed once per file (a config with thousands
 *  of model ids and URLs stays linear) */
interface Attribution {
  /** occurrences of providers that serve models, in file order */
  present: Occurrence[];
  /** occurrences of providers that serve models, by line (stable: equal lines keep their order) */
  byLine: Occurrence[];
  ids: Set<string>;
  gateway?: Occurrence;
}

function attribution(occs: Occurrence[]): Attribution | undefined {
  const present = occs.filter((o) => MODEL_KINDS.has(o.provider.kind));
  if (present.length === 0) return undefined;
  return {
    present,
    byLine: [...present].sort((a, b) => a.line - b.line),
    ids: new Set(present.map((o) => o.provider.id)),
    gateway: present.find((o) => o.provider.kind === 'gateway'),
  };
}

function attribute(m: ModelSighting, at: Attribution): Provider {
  const { present } = at;
  const byPattern = providerForModel(m.model);
  if (byPattern && at.ids.has(byPattern.id)) return byPattern;
  if (at.ids.size === 1) return present[0].provider;
  // vendor/model ids (anthropic/claude-3.5-sonnet) are the naming of gateways such as OpenRouter
  if (m.model.includes('/') && at.gateway) return at.gateway.provider;
  // the nearest occurrence at or above the model's line (the first of its line), else the first one
  const { byLine } = at;
  let lo = 0;
  let hi = byLine.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byLine[mid].line <= m.line) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return present[0].provider;
  let i = lo - 1;
  while (i > 0 && byLine[i - 1].line === byLine[i].line) i--;
  return byLine[i].provider;
}

export function buildServices(path: string, detector: string, occs: Occurrence[], models: ModelSighting[]): ServiceAsset[] {
  const byId = new Map<string, { p: Provider; o: Occurrence[]; models: Set<string> }>();
  for (const o of occs) {
    let e = byId.get(o.provider.id);
    if (!e) byId.set(o.provider.id, (e = { p: o.provider, o: [], models: new Set() }));
    e.o.push(o);
  }
  const at = models.length > 0 ? attribution(occs) : undefined;
  if (at) for (const m of models) byId.get(attribute(m, at).id)?.models.add(m.model);
  const out: ServiceAsset[] = [];
  for (const { p, o, models: ms } of [...byId.values()].sort((a, b) => a.p.id.localeCompare(b.p.id))) {
    const lines = [...new Set(o.map((x) => x.line))].sort((a, b) => a - b);
    const locations: Location[] = lines.map((line) => ({ path, line }));
    const endpoints = [...new Set(o.map((x) => x.endpoint).filter((x): x is string => !!x))].sort();
    const envs = [...new Set(o.map((x) => x.env).filter((x): x is string => !!x))].sort();
    const via = [...new Set(o.map((x) => x.via))].sort();
    const properties: Record<string, string | string[]> = {
      'aibom:service:data-flow': 'outbound',
      'aibom:service:kind': p.kind,
      'aibom:service:evidence': via,
    };
    if (envs.length) properties['aibom:service:env'] = envs;
    const svc: ServiceAsset = {
      key: `service:${p.id}`,
      kind: 'service',
      name: p.name,
      provider: p.org,
      endpoints,
      authenticated: o.some((x) => x.authenticated === true),
      trustBoundary: true,
      locations,
      properties,
      detectors: [detector],
    };
    if (ms.size) svc.models = [...ms].sort();
    out.push(svc);
  }
  return out;
}

/** Shared env names (HF_TOKEN, GITHUB_TOKEN...) only mark providers already present as authenticated. */
export function applySharedEnv(occs: Occurrence[], shared: { name: string; line: number }[]): void {
  for (const s of shared) {
    for (const o of occs) if (o.provider.envShared.includes(s.name)) o.authenticated = true;
  }
}

export function genericProvider(): Provider | undefined {
  return providerById('openai-compatible');
}
