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
function attribute(m: ModelSighting, occs: Occurrence[]): Provider | undefined {
  const present = occs.filter((o) => MODEL_KINDS.has(o.provider.kind));
  if (present.length === 0) return undefined;
  const byPattern = providerForModel(m.model);
  if (byPattern && present.some((o) => o.provider.id === byPattern.id)) return byPattern;
  const ids = new Set(present.map((o) => o.provider.id));
  if (ids.size === 1) return present[0].provider;
  // vendor/model ids (anthropic/claude-3.5-sonnet) are the naming of gateways such as OpenRouter
  const gateway = present.find((o) => o.provider.kind === 'gateway');
  if (m.model.includes('/') && gateway) return gateway.provider;
  const before = present.filter((o) => o.line <= m.line).sort((a, b) => b.line - a.line);
  return (before[0] ?? present[0]).provider;
}

export function buildServices(path: string, detector: string, occs: Occurrence[], models: ModelSighting[]): ServiceAsset[] {
  const byId = new Map<string, { p: Provider; o: Occurrence[]; models: Set<string> }>();
  for (const o of occs) {
    let e = byId.get(o.provider.id);
    if (!e) byId.set(o.provider.id, (e = { p: o.provider, o: [], models: new Set() }));
    e.o.push(o);
  }
  for (const m of models) {
    const p = attribute(m, occs);
    if (p) byId.get(p.id)?.models.add(m.model);
  }
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
