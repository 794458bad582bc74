// AI provider use in structured configuration: YAML (docker-compose, Kubernetes, CI, settings) and
// JSON are parsed, so comments never count and every scalar has its line. Keys and values are
// checked for provider URLs and env var names; `model:`-like keys give model ids.
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { envNameRegex, isSharedEnv, plausibleModelId, providerForEnv, providerUrls } from './matchers.js';
import { applySharedEnv, type ModelSighting, type Occurrence } from './occurrences.js';
import { lineOf, lineStarts } from './source-view.js';
import type { CodeFacts } from './code-scan.js';
import { jsonTree, type JsonNode } from './json-tree.js';

export interface ConfigScalar {
  key?: string;
  value: string;
  line: number;
}

const MODEL_KEY_RE = /^(?:model|model_name|model_id|modelId|modelName|llm_model|default_model|chat_model|embedding_model|deployment_name|[A-Z0-9_]*_MODEL(?:_NAME|_ID)?|MODEL)$/;
const AUTH_KEY_RE = /api[_-]?key|apikey|token|authorization|secret|credential/i;

/** the last text configScalars() read and its scalars: the shadow-AI and model-reference detectors read the same
 *  config file in turn (callers must not change the list) */
let lastScalars: { text: string; scalars: ConfigScalar[] | undefined } | undefined;

/** Every scalar of every YAML/JSON document with its line; undefined when the text does not parse. Strict JSON is
 *  read by jsonTree() (the same scalars and lines as the YAML parser gives, ~50 times faster), the rest by the
 *  YAML parser. */
export function configScalars(text: string): ConfigScalar[] | undefined {
  if (lastScalars?.text === text) return lastScalars.scalars;
  const first = text.charCodeAt(text.search(/\S/));
  const json = first === 0x7b || first === 0x5b ? jsonTree(text) : undefined;
  const scalars = json ? jsonScalars(text, json) : yamlScalars(text);
  lastScalars = { text, scalars };
  return scalars;
}

/** configScalars() over a JSON tree: the same walk as yamlScalars() */
function jsonScalars(text: string, doc: JsonNode): ConfigScalar[] {
  const starts = lineStarts(text);
  const lineAt = (off: number) => lineOf(starts, off);
  const out: ConfigScalar[] = [];
  const stack: { node: JsonNode; key?: string }[] = [{ node: doc }];
  let budget = 200_000;
  while (stack.length > 0 && budget-- > 0) {
    const { node, key } = stack.pop() as { node: JsonNode; key?: string };
    if (node.kind === 'scalar') {
      if (typeof node.value === 'string' || typeof node.value === 'number') out.push({ key, value: String(node.value), line: lineAt(node.start) });
    } else if (node.kind === 'map') {
      // Kubernetes-style env entries: { name: LLM_MODEL, value: gpt-4o } (the first of each key, as YAML's get())
      const n = node.pairs.find(([k]) => k.value === 'name')?.[1];
      const v = node.pairs.find(([k]) => k.value === 'value')?.[1];
      if (n?.kind === 'scalar' && v?.kind === 'scalar' && typeof n.value === 'string' && typeof v.value === 'string') {
        out.push({ key: n.value, value: v.value, line: lineAt(v.start) });
      }
      for (const [k, value] of node.pairs) {
        const name = String(k.value);
        out.push({ value: name, line: lineAt(k.start) });
        stack.push({ node: value, key: name });
      }
    } else {
      for (const item of node.items) stack.push({ node: item, key });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** configScalars() by the YAML parser alone (for any YAML or JSON text; tests compare it with the JSON reader) */
export function yamlScalars(text: string): ConfigScalar[] | undefined {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  const starts = lineStarts(text);
  const lineAt = (off: number) => lineOf(starts, off);
  const out: ConfigScalar[] = [];
  const stack: { node: unknown; key?: string }[] = docs.map((d) => ({ node: d.contents }));
  let budget = 200_000;
  while (stack.length > 0 && budget-- > 0) {
    const { node, key } = stack.pop() as { node: unknown; key?: string };
    if (isScalar(node)) {
      if (node.range && (typeof node.value === 'string' || typeof node.value === 'number')) {
        out.push({ key, value: String(node.value), line: lineAt(node.range[0]) });
      }
    } else if (isMap(node)) {
      // Kubernetes-style env entries: { name: LLM_MODEL, value: gpt-4o }
      const n = node.get('name', true);
      const v = node.get('value', true);
      if (isScalar(n) && isScalar(v) && typeof n.value === 'string' && typeof v.value === 'string' && v.range) {
        out.push({ key: n.value, value: v.value, line: lineAt(v.range[0]) });
      }
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (isScalar(pair.key) && pair.key.range && k !== undefined) out.push({ value: k, line: lineAt(pair.key.range[0]) });
        stack.push({ node: pair.value as Node | null, key: k });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, key });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

export function scanConfig(scalars: ConfigScalar[]): CodeFacts {
  const occs: Occurrence[] = [];
  const models: ModelSighting[] = [];
  const shared: { name: string; line: number }[] = [];
  const authed = scalars.some((s) => (s.key !== undefined && AUTH_KEY_RE.test(s.key)) || /(?:^|[\s=])Bearer\s/.test(s.value));
  const envRe = envNameRegex();
  for (const s of scalars) {
    // a URL has '://' and every env var name of the table an '_' (test/shadow-ai/rule-data.test.ts): most
    // scalars of a large config have neither, and skip both regular expressions
    if (s.value.includes('://')) {
      for (const hit of providerUrls(s.value)) {
        occs.push({ provider: hit.provider, line: s.line, via: 'config', endpoint: hit.endpoint, authenticated: authed && hit.provider.kind !== 'local' });
      }
    }
    if (s.value.includes('_')) for (const m of s.value.matchAll(envRe)) {
      if (isSharedEnv(m[1])) {
        shared.push({ name: m[1], line: s.line });
        continue;
      }
      const p = providerForEnv(m[1]);
      if (p) occs.push({ provider: p, line: s.line, via: 'env', env: m[1], authenticated: p.envAuth.includes(m[1]) });
    }
    if (s.key !== undefined && MODEL_KEY_RE.test(s.key) && plausibleModelId(s.value)) models.push({ model: s.value, line: s.line });
  }
  applySharedEnv(occs, shared);
  return { occurrences: occs, models };
}

/** .env files: KEY=VALUE lines; `#` comment lines and trailing comments are ignored. */
export function envFileScalars(text: string): ConfigScalar[] {
  const out: ConfigScalar[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) return;
    let v = m[2].trim();
    const q = /^(["'])(.*)\1/.exec(v);
    v = q ? q[2] : v.replace(/\s+#.*$/, '');
    out.push({ value: m[1], line: i + 1 });
    out.push({ key: m[1], value: v, line: i + 1 });
  });
  return out;
}
