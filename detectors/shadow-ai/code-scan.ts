// Finds AI provider use in source code: provider URLs in string literals (fetch, axios, requests,
// httpx, HttpClient, curl...), SDK clients with their base URL, env var names, model ids.
// Comments and docstrings never count: they are blanked in the SourceView.
import { escapeRe } from './rule-file.js';
import { loadProviders, type Provider } from './providers.js';
import {
  AUTH_MARKER_RE,
  MODEL_ASSIGN_RE,
  envNameRegex,
  isSharedEnv,
  plausibleModelId,
  providerForEnv,
  providerUrls,
} from './matchers.js';
import { applySharedEnv, genericProvider, type ModelSighting, type Occurrence } from './occurrences.js';
import type { SourceView } from './source-view.js';

/** Arguments that point an SDK client somewhere else than its default host. */
const OVERRIDE_RE = /\b(?:base_url|baseURL|baseUrl|BaseURL|base_path|api_base|apiBase|endpoint|Endpoint|azure_endpoint|uri_base|host|WithBaseURL|with_api_base|ServerUrl)\b/;

let sdkRe: RegExp | undefined;
let sdkMap: Map<string, Provider> | undefined;

function sdkRegex(): { re: RegExp; map: Map<string, Provider> } {
  if (!sdkRe || !sdkMap) {
    sdkMap = new Map();
    for (const p of loadProviders()) for (const s of p.sdk) if (!sdkMap.has(s)) sdkMap.set(s, p);
    const names = [...sdkMap.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
    sdkRe = new RegExp(`(?<![\\w$])(${names.join('|')})\\s*(\\(|\\{|\\.new\\b|::new\\b)`, 'g');
  }
  return { re: sdkRe, map: sdkMap };
}

/** The call's argument text plus a following builder chain (`.baseUrl(...).build()`), bounded. */
function callWindow(code: string, open: number): string {
  let depth = 0;
  let i = open;
  const limit = Math.min(code.length, open + 2000);
  for (; i < limit; i++) {
    const c = code[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') {
      depth--;
      if (depth <= 0) break;
    }
  }
  const chain = /^(?:\s*\.[^\n;]*)*/.exec(code.slice(i + 1, Math.min(code.length, i + 600)));
  return code.slice(open, i + 1) + (chain ? chain[0] : '');
}

export interface CodeFacts {
  occurrences: Occurrence[];
  models: ModelSighting[];
}

export function scanCode(view: SourceView, opts: { urlsOutsideStrings: boolean }): CodeFacts {
  const occs: Occurrence[] = [];
  const { code } = view;
  const authed = AUTH_MARKER_RE.test(code);
  // 1. provider URLs in string literals (or anywhere outside comments for shell-like files)
  const urlSources = opts.urlsOutsideStrings ? [{ text: code, start: 0 }] : view.strings.map((s) => ({ text: s.raw, start: s.start }));
  for (const src of urlSources) {
    for (const hit of providerUrls(src.text)) {
      const line = view.lineAt(src.start + hit.index);
      occs.push({ provider: hit.provider, line, via: 'url', endpoint: hit.endpoint, authenticated: authed && hit.provider.kind !== 'local' });
    }
  }
  // 2. SDK clients: the default host unless a base URL argument points elsewhere
  const { re, map } = sdkRegex();
  re.lastIndex = 0;
  for (const m of code.matchAll(re)) {
    const at = m.index ?? 0;
    if (view.inString(at)) continue;
    const p = map.get(m[1]);
    if (!p) continue;
    const win = callWindow(code, at + m[0].length - 1);
    const line = view.lineAt(at);
    if (OVERRIDE_RE.test(win)) {
      const urls = [...win.matchAll(/["'`]((?:https?):\/\/[^"'`\s]+)["'`]/g)].map((u) => u[1]);
      const known = urls.some((u) => providerUrls(u).length > 0);
      const target = p.kind === 'local' ? p : genericProvider();
      if (!known && urls.length > 0 && target) {
        occs.push({ provider: target, line, via: 'sdk', endpoint: urls[0].replace(/[?#].*$/, ''), authenticated: authed && target.kind !== 'local' });
      }
      continue;
    }
    occs.push({ provider: p, line, via: 'sdk', authenticated: authed && p.kind !== 'local' });
  }
  // 3. env var names (strings and identifiers, not comments)
  const shared: { name: string; line: number }[] = [];
  for (const m of code.matchAll(envNameRegex())) {
    const name = m[1];
    const line = view.lineAt(m.index ?? 0);
    if (isSharedEnv(name)) {
      shared.push({ name, line });
      continue;
    }
    const p = providerForEnv(name);
    if (p) occs.push({ provider: p, line, via: 'env', env: name, authenticated: p.envAuth.includes(name) });
  }
  applySharedEnv(occs, shared);
  // 4. model ids in request bodies and SDK calls
  const models: ModelSighting[] = [];
  if (occs.length > 0) {
    for (const m of code.matchAll(MODEL_ASSIGN_RE)) {
      if (plausibleModelId(m[1])) models.push({ model: m[1], line: view.lineAt(m.index ?? 0) });
    }
  }
  return { occurrences: occs, models };
}
