// A CycloneDX JSON BOM (spec 1.6 or 1.7) narrowed from `unknown` to the few facts `aibom diff`
// compares: components (flattened), services (flattened), vulnerabilities. Nothing here trusts
// the input: every field is checked before use and anything unexpected is simply left out.
import { UsageError } from '../util/errors.js';

export type ComponentClass = 'model' | 'dataset' | 'library' | 'other';

export interface ComponentView {
  /** bom-ref, or a synthetic id when the BOM has none */
  id: string;
  type: string;
  cls: ComponentClass;
  name: string;
  version?: string;
  purl?: string;
  sha256?: string;
  licenses: string[];
  /** location paths (no line), from `aibom:location` and evidence occurrences */
  paths: string[];
  props: Record<string, string[]>;
}

export interface ServiceView {
  id: string;
  name: string;
  provider?: string;
  endpoints: string[];
  models: string[];
  paths: string[];
}

export interface VulnView {
  id: string;
  severity?: string;
  title?: string;
  affects: string[];
  /** `path` or `path:line` from `aibom:finding:location` */
  path?: string;
  line?: number;
}

export interface BomView {
  specVersion: '1.6' | '1.7';
  components: ComponentView[];
  services: ServiceView[];
  vulnerabilities: VulnView[];
  /** what was skipped while reading (too deep, entries that are not objects) */
  warnings: string[];
}

type Json = Record<string, unknown>;
const MAX_DEPTH = 64;
const SEVERITY_RANK = ['none', 'unknown', 'info', 'low', 'medium', 'high', 'critical'];

const obj = (x: unknown): Json | undefined => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : undefined);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x.length > 0 ? x : undefined);

export function splitLocation(text: string): { path: string; line?: number } {
  const m = /^(.*):(\d+)$/.exec(text);
  return m && m[1] ? { path: m[1], line: Number(m[2]) } : { path: text };
}

function propsOf(x: Json): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of arr(x.properties)) {
    const o = obj(p);
    const name = str(o?.name);
    const value = typeof o?.value === 'string' ? o.value : undefined;
    if (name && value !== undefined) (out[name] ??= []).push(value);
  }
  return out;
}

function pathsOf(x: Json, props: Record<string, string[]>): string[] {
  const paths = new Set<string>();
  for (const l of props['aibom:location'] ?? []) paths.add(splitLocation(l).path);
  for (const o of arr(obj(x.evidence)?.occurrences)) {
    const loc = str(obj(o)?.location);
    if (loc) paths.add(loc);
  }
  return [...paths].sort();
}

function licensesOf(x: Json): string[] {
  const out = new Set<string>();
  for (const entry of arr(x.licenses)) {
    const e = obj(entry);
    const expr = str(e?.expression);
    if (expr) out.add(expr);
    const lic = obj(e?.license);
    const id = str(lic?.id) ?? str(lic?.name);
    if (id) out.add(id);
  }
  return [...out].sort();
}

function sha256Of(x: Json): string | undefined {
  for (const h of arr(x.hashes)) {
    const o = obj(h);
    if (o?.alg === 'SHA-256' && typeof o.content === 'string') return o.content.toLowerCase();
  }
  return undefined;
}

function classOf(type: string): ComponentClass {
  if (type === 'machine-learning-model') return 'model';
  if (type === 'data') return 'dataset';
  if (type === 'library' || type === 'framework') return 'library';
  return 'other';
}

function collectComponents(list: unknown, out: ComponentView[], depth: number, warn: Set<string>): void {
  if (depth > MAX_DEPTH) {
    if (arr(list).length) warn.add(`components nested deeper than ${MAX_DEPTH} levels were skipped`);
    return;
  }
  for (const item of arr(list)) {
    const c = obj(item);
    if (!c) {
      warn.add('entries of components[] that are not objects were skipped');
      continue;
    }
    const type = str(c.type) ?? 'unknown';
    const name = str(c.name) ?? '(unnamed)';
    const version = str(c.version);
    const props = propsOf(c);
    out.push({
      id: str(c['bom-ref']) ?? `anon:${type}:${str(c.group) ?? ''}/${name}@${version ?? ''}#${out.length}`,
      type, cls: classOf(type), name, version, purl: str(c.purl), sha256: sha256Of(c),
      licenses: licensesOf(c), paths: pathsOf(c, props), props,
    });
    collectComponents(c.components, out, depth + 1, warn);
  }
}

function collectServices(list: unknown, out: ServiceView[], depth: number, warn: Set<string>): void {
  if (depth > MAX_DEPTH) {
    if (arr(list).length) warn.add(`services nested deeper than ${MAX_DEPTH} levels were skipped`);
    return;
  }
  for (const item of arr(list)) {
    const s = obj(item);
    if (!s) {
      warn.add('entries of services[] that are not objects were skipped');
      continue;
    }
    const name = str(s.name) ?? '(unnamed)';
    const props = propsOf(s);
    out.push({
      id: str(s['bom-ref']) ?? `anon:service:${name}#${out.length}`,
      name,
      provider: str(obj(s.provider)?.name),
      endpoints: [...new Set(arr(s.endpoints).filter((e): e is string => typeof e === 'string'))].sort(),
      models: [...new Set(props['aibom:service:model'] ?? [])].sort(),
      paths: pathsOf(s, props),
    });
    collectServices(s.services, out, depth + 1, warn);
  }
}

function worstSeverity(ratings: unknown): string | undefined {
  let best: string | undefined;
  for (const r of arr(ratings)) {
    const s = str(obj(r)?.severity);
    if (s && SEVERITY_RANK.indexOf(s) > SEVERITY_RANK.indexOf(best ?? 'none')) best = s;
  }
  return best;
}

function collectVulnerabilities(list: unknown): VulnView[] {
  const out: VulnView[] = [];
  for (const item of arr(list)) {
    const v = obj(item);
    const id = str(v?.id);
    if (!v || !id) continue;
    const props = propsOf(v);
    const where = props['aibom:finding:location']?.[0];
    const loc = where ? splitLocation(where) : undefined;
    out.push({
      id,
      severity: worstSeverity(v.ratings),
      title: str(v.description),
      affects: [...new Set(arr(v.affects).map((a) => str(obj(a)?.ref)).filter((r): r is string => r !== undefined))].sort(),
      path: loc?.path,
      line: loc?.line,
    });
  }
  return out;
}

/** Narrow a parsed JSON document to a BomView; throws UsageError when it is not a CycloneDX 1.6/1.7 BOM. */
export function toBomView(doc: unknown, label: string): BomView {
  const d = obj(doc);
  if (!d || d.bomFormat !== 'CycloneDX') {
    throw new UsageError(`${label} is not a CycloneDX JSON BOM (no "bomFormat": "CycloneDX"). Give two BOMs written by "aibom scan".`);
  }
  const spec = d.specVersion;
  if (spec !== '1.6' && spec !== '1.7') {
    throw new UsageError(`${label} is CycloneDX ${String(spec)}; aibom diff reads spec 1.6 and 1.7. Rescan with "aibom scan --spec-version 1.6".`);
  }
  const warn = new Set<string>();
  for (const k of ['components', 'services', 'vulnerabilities'] as const) {
    if (d[k] !== undefined && !Array.isArray(d[k])) warn.add(`"${k}" is not a list and was ignored`);
  }
  const components: ComponentView[] = [];
  collectComponents(d.components, components, 0, warn);
  const services: ServiceView[] = [];
  collectServices(d.services, services, 0, warn);
  return { specVersion: spec, components, services, vulnerabilities: collectVulnerabilities(d.vulnerabilities), warnings: [...warn].map((w) => `${label}: ${w}`) };
}
