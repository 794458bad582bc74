// Compiled matchers over the provider table: URL candidates, env var names, model ids,
// auth markers and the keyword prefilter that runs before any parsing.
import { escapeRe } from './rule-file.js';
import { envIndex, loadProviders, matchUrl, type Provider, type UrlMatch } from './providers.js';

const URL_RE = /\b(?:https?|wss?):\/\/[^\s"'`<>\\)\]}]+/g;

export interface UrlHit extends UrlMatch {
  /** offset of the URL inside the searched text */
  index: number;
}

/** Provider URLs in a piece of text (a string literal's content, a config value). */
export function providerUrls(text: string): UrlHit[] {
  const out: UrlHit[] = [];
  for (const m of text.matchAll(URL_RE)) {
    // cut at template/format placeholders: f"https://host/{x}", `https://host/${x}`, "%s"
    const url = m[0].replace(/[{$%].*$/, '').replace(/[.,;:]+$/, '');
    const hit = matchUrl(url);
    if (hit) out.push({ ...hit, index: m.index ?? 0 });
  }
  return out;
}

/** Literal runs (>= 4 chars) of a host regex, used as prefilter keywords: '^api\.x\.ai$' -> 'api.x.ai'. */
export function literalRuns(re: string): string[] {
  const cleaned = re
    .replace(/\\\./g, '\u0001')
    .replace(/\[[^\]]*\]|\{[^}]*\}|\\[dwsDWS]/g, '|')
    .replace(/\u0001/g, '.');
  return cleaned
    .split(/[()|?*+^$\\]/)
    .filter((s) => s.replace(/[.:-]/g, '').length >= 4)
    .map((s) => s.toLowerCase());
}

let envRe: RegExp | undefined;
let sharedNames: Set<string> | undefined;

/** Every env var name of the table (specific and shared), as one regex. */
export function envNameRegex(): RegExp {
  if (envRe) return envRe;
  const names = new Set<string>();
  for (const p of loadProviders()) for (const n of [...p.env, ...p.envShared]) names.add(n);
  sharedNames = new Set(loadProviders().flatMap((p) => p.envShared));
  for (const n of envIndex().keys()) sharedNames.delete(n);
  envRe = new RegExp(`\\b(${[...names].sort((a, b) => b.length - a.length).map(escapeRe).join('|')})\\b`, 'g');
  return envRe;
}

export function isSharedEnv(name: string): boolean {
  envNameRegex();
  return sharedNames?.has(name) ?? false;
}

export function providerForEnv(name: string): Provider | undefined {
  return envIndex().get(name);
}

/** `model="gpt-4o"`, `"model": "claude-sonnet-4-5"`, `model: 'x'`, `Model: "x"`, `.model("x")`. */
export const MODEL_ASSIGN_RE =
  /(?:\b(?:model|model_name|model_id|modelId|modelName|deployment_name)\\?["']?\s*(?::|=|=>)\s*|\.model\(\s*)\\?["'`]([A-Za-z0-9][\w.:/@-]{1,120})\\?["'`]/gi;

/** Looks like a model id rather than a path, variable reference or prose. */
export function plausibleModelId(s: string): boolean {
  return /^[A-Za-z0-9][\w.:/@-]*$/.test(s) && /[a-z]/i.test(s) && !/^(https?|wss?):/.test(s) && !/\.(py|js|json|ya?ml|txt|bin|pt|gguf|safetensors)$/i.test(s);
}

export const AUTH_MARKER_RE = /[?&]key=|\b(?:Authorization|api[_-]?key|apiKey|APIKey|x-api-key|xi-api-key|x-goog-api-key|Bearer|auth_token|authToken|access_token|WithAPIKey|ApiKeyCredential|bearer_token)\b/i;

/** The words that let a file through to parsing: host literals, specific env var names, `SdkClient(`. */
export function shadowKeywords(): string[] {
  const words = new Set<string>();
  for (const p of loadProviders()) {
    if (p.keywords.length > 0) p.keywords.forEach((k) => words.add(k));
    else for (const h of p.hosts) for (const w of literalRuns(h.source)) if (/[a-z0-9]\.[a-z]/.test(w)) words.add(w);
    for (const n of p.env) words.add(n);
    for (const n of p.sdk) {
      words.add(`${n}(`);
      words.add(`${n}.new`);
    }
  }
  return [...words].sort();
}

