// AI provider table (detectors/shadow-ai/providers.yml) compiled for matching URLs, env var names,
// model ids and SDK client constructors to a provider.
import { cases, loadRuleFile, objList, optStr, str, strList, type RuleCases } from './rule-file.js';

export type ProviderKind = 'inference' | 'gateway' | 'hub' | 'observability' | 'vector-db' | 'local' | 'app';

export interface Provider {
  id: string;
  name: string;
  org: string;
  kind: ProviderKind;
  hosts: RegExp[];
  path?: RegExp;
  env: string[];
  envAuth: string[];
  envShared: string[];
  models: RegExp[];
  sdk: string[];
  generic: boolean;
  /** prefilter words when the host patterns give none that are specific (local ports, path rules) */
  keywords: string[];
  cases: RuleCases;
}

const FILE = 'detectors/shadow-ai/providers.yml';
const KINDS: readonly ProviderKind[] = ['inference', 'gateway', 'hub', 'observability', 'vector-db', 'local', 'app'];

let cached: Provider[] | undefined;

export function loadProviders(): Provider[] {
  if (cached) return cached;
  const list = objList(loadRuleFile(FILE), 'providers', FILE).map((o): Provider => {
    const kind = str(o, 'kind', FILE);
    if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`${FILE}: unknown kind '${kind}'`);
    const path = optStr(o, 'path');
    return {
      id: str(o, 'id', FILE),
      name: str(o, 'name', FILE),
      org: str(o, 'org', FILE),
      kind: kind as ProviderKind,
      hosts: strList(o, 'hosts').map((h) => new RegExp(h, 'i')),
      path: path ? new RegExp(path) : undefined,
      env: strList(o, 'env'),
      envAuth: strList(o, 'envAuth'),
      envShared: strList(o, 'envShared'),
      models: strList(o, 'models').map((m) => new RegExp(m, 'i')),
      sdk: strList(o, 'sdk'),
      generic: o.generic === true,
      keywords: strList(o, 'keywords'),
      cases: cases(o),
    };
  });
  cached = list;
  return list;
}

export function providerById(id: string): Provider | undefined {
  return loadProviders().find((p) => p.id === id);
}

export interface UrlMatch {
  provider: Provider;
  /** the URL without query, fragment or credentials */
  endpoint: string;
}

/** Which provider a URL belongs to; the generic OpenAI-compatible path rule only when nothing else matched. */
export function matchUrl(raw: string): UrlMatch | undefined {
  // the same few URLs come back in file after file (a provider's endpoint): each is matched once per run
  let hit = matched.get(raw);
  if (hit === undefined) {
    if (matched.size >= MATCHED_MAX) matched.clear();
    matched.set(raw, (hit = matchUrlNow(raw) ?? null));
  }
  return hit ?? undefined;
}

/** matchUrl() results by URL, null for none; bounded. Shared between callers, which copy what they keep */
const matched = new Map<string, Readonly<UrlMatch> | null>();
const MATCHED_MAX = 4096;

function matchUrlNow(raw: string): UrlMatch | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (!/^(https?|wss?):$/.test(url.protocol)) return undefined;
  const hostname = url.hostname.toLowerCase();
  const withPort = url.port ? `${hostname}:${url.port}` : hostname;
  const endpoint = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  let generic: Provider | undefined;
  for (const p of loadProviders()) {
    if (p.generic) {
      generic = p;
      continue;
    }
    if (!p.hosts.some((h) => h.test(hostname) || h.test(withPort))) continue;
    if (p.path && !p.path.test(url.pathname)) continue;
    return { provider: p, endpoint };
  }
  if (generic && generic.path?.test(url.pathname)) return { provider: generic, endpoint };
  return undefined;
}

/** Env var name -> provider, for names specific to one provider (shared names only strengthen). */
let envMap: Map<string, Provider> | undefined;

export function envIndex(): Map<string, Provider> {
  if (envMap) return envMap;
  const m = new Map<string, Provider>();
  for (const p of loadProviders()) for (const e of p.env) if (!m.has(e)) m.set(e, p);
  return (envMap = m);
}

/** The provider whose model-id patterns match, when exactly one does. */
export function providerForModel(model: string): Provider | undefined {
  const hits = loadProviders().filter((p) => p.models.some((r) => r.test(model)));
  return hits.length === 1 ? hits[0] : undefined;
}

/** SDK constructor name -> default provider. */
export function sdkIndex(): Map<string, Provider> {
  const m = new Map<string, Provider>();
  for (const p of loadProviders()) for (const s of p.sdk) if (!m.has(s)) m.set(s, p);
  return m;
}
