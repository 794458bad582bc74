// AI provider use in structured configuration: YAML (docker-compose, Kubernetes, CI, settings) and
// JSON are parsed, so comments never count and every scalar has its line. Keys and values are
// checked for provider URLs and env var names; `model:`-like keys give model ids.
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
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

/** what collectScalars() needs to know of a parsed document, whichever parser made it */
interface ScalarTree<N> {
  /** a scalar node's value and start offset (undefined for other nodes) */
  scalar(n: N): { value: unknown; start?: number } | undefined;
  /** a map node's pairs, each with its key when the key is a scalar (undefined for other nodes) */
  pairs(n: N): { key?: { value: unknown; start?: number }; value: N }[] | undefined;
  /** a sequence node's items (undefined for other nodes) */
  items(n: N): N[] | undefined;
}

/** every string or number scalar with the key above it, every map key, and Kubernetes-style env entries
 *  ({ name: LLM_MODEL, value: gpt-4o }), sorted by line */
function collectScalars<N>(text: string, roots: N[], tree: ScalarTree<N>): ConfigScalar[] {
  const starts = lineStarts(text);
  const lineAt = (off: number) => lineOf(starts, off);
  const out: ConfigScalar[] = [];
  const stack: { node: N; key?: string }[] = roots.map((node) => ({ node }));
  let budget = 200_000;
  while (stack.length > 0 && budget-- > 0) {
    const { node, key } = stack.pop() as { node: N; key?: string };
    const sc = tree.scalar(node);
    if (sc) {
      if (sc.start !== undefined && (typeof sc.value === 'string' || typeof sc.value === 'number')) out.push({ key, value: String(sc.value), line: lineAt(sc.start) });
      continue;
    }
    const pairs = tree.pairs(node);
    if (pairs) {
      // the first pair of each key, as YAML's get() finds it
      const n = pairs.find((p) => p.key?.value === 'name');
      const v = pairs.find((p) => p.key?.value === 'value');
      const ns = n && tree.scalar(n.value);
      const vs = v && tree.scalar(v.value);
      if (typeof ns?.value === 'string' && typeof vs?.value === 'string' && vs.start !== undefined) out.push({ key: ns.value, value: vs.value, line: lineAt(vs.start) });
      for (const p of pairs) {
        const k = p.key ? String(p.key.value) : undefined;
        if (k !== undefined && p.key?.start !== undefined) out.push({ value: k, line: lineAt(p.key.start) });
        stack.push({ node: p.value, key: k });
      }
      continue;
    }
    for (const item of tree.items(node) ?? []) stack.push({ node: item, key });
  }
  return out.sort((a, b) => a.line - b.line);
}

const JSON_TREE: ScalarTree<JsonNode> = {
  scalar: (n) => (n.kind === 'scalar' ? n : undefined),
  pairs: (n) => (n.kind === 'map' ? n.pairs.map(([key, value]) => ({ key, value })) : undefined),
  items: (n) => (n.kind === 'seq' ? n.items : undefined),
};

const YAML_TREE: ScalarTree<unknown> = {
  scalar: (n) => (isScalar(n) ? { value: n.value, start: n.range?.[0] } : undefined),
  pairs: (n) =>
    isMap(n)
      ? n.items.filter(isPair).map((p) => ({ key: isScalar(p.key) ? { value: p.key.value, start: p.key.range?.[0] } : undefined, value: p.value as unknown }))
      : undefined,
  items: (n) => (isSeq(n) ? n.items : undefined),
};

function jsonScalars(text: string, doc: JsonNode): ConfigScalar[] {
  return collectScalars(text, [doc], JSON_TREE);
}

/** configScalars() by the YAML parser alone (for any YAML or JSON text; tests compare it with the JSON reader) */
export function yamlScalars(text: string): ConfigScalar[] | undefined {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  return collectScalars(text, docs.map((d) => d.contents as unknown), YAML_TREE);
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
