// Verdict of pickle imports against the block / allow lists in detectors/serialization/pickle-globals.yml.
// Matching follows picklescan (exact module, or a parent module whose entry is '*'), plus: a listed
// name covers its attributes (eval covers eval.__call__) and Python 2 names are mapped as Python 3 does.
import { parse } from 'yaml';
import { readDataYaml } from '../../util/data-file.js';

export type ImportVerdict = 'dangerous' | 'suspicious' | 'safe';

interface Entry {
  module: string;
  names: Set<string>;
  all: boolean;
}

export interface GlobalLists {
  dangerous: Map<string, Entry>;
  safe: Map<string, Entry>;
  safePrefixes: string[];
  py2Modules: Map<string, string>;
  py2Names: Map<string, string>;
  cases: Record<ImportVerdict, string[]>;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function entries(v: unknown): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const raw of Array.isArray(v) ? v : []) {
    const r = asRecord(raw);
    if (typeof r.module !== 'string') continue;
    const names = asStrings(r.names);
    const prev = out.get(r.module) ?? { module: r.module, names: new Set<string>(), all: false };
    for (const n of names) {
      if (n === '*') prev.all = true;
      else prev.names.add(n);
    }
    out.set(r.module, prev);
  }
  return out;
}

function stringMap(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, val] of Object.entries(asRecord(v))) if (typeof val === 'string') out.set(k, val);
  return out;
}

export function parseGlobalLists(yamlText: string): GlobalLists {
  return globalLists(parse(yamlText) as unknown);
}

function globalLists(parsed: unknown): GlobalLists {
  const doc = asRecord(parsed);
  const cases = asRecord(doc.cases);
  return {
    dangerous: entries(doc.dangerous),
    safe: entries(doc.safe),
    safePrefixes: (Array.isArray(doc.safe_module_prefixes) ? doc.safe_module_prefixes : [])
      .map((e) => asRecord(e).module)
      .filter((m): m is string => typeof m === 'string'),
    py2Modules: stringMap(doc.py2_modules),
    py2Names: stringMap(doc.py2_names),
    cases: { dangerous: asStrings(cases.dangerous), suspicious: asStrings(cases.suspicious), safe: asStrings(cases.safe) },
  };
}

let cached: GlobalLists | undefined;
export function loadGlobalLists(): GlobalLists {
  return (cached ??= globalLists(readDataYaml('detectors/serialization/pickle-globals.yml')));
}

/** What Python 3 imports for a (module, name) written by Python 2 (Lib/_compat_pickle.py). */
export function mapPy2(module: string, name: string, lists: GlobalLists = loadGlobalLists()): { module: string; name: string } {
  const full = lists.py2Names.get(`${module} ${name}`);
  if (full) {
    const sp = full.indexOf(' ');
    return { module: full.slice(0, sp), name: full.slice(sp + 1) };
  }
  return { module: lists.py2Modules.get(module) ?? module, name };
}

function nameMatches(e: Entry, name: string): boolean {
  if (e.all || e.names.has(name)) return true;
  // a listed name covers its attributes: eval -> eval.__call__, Bdb -> Bdb.run
  for (let dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) if (e.names.has(name.slice(0, dot))) return true;
  return false;
}

function matches(list: Map<string, Entry>, module: string, name: string, parents: boolean): boolean {
  const exact = list.get(module);
  if (exact && nameMatches(exact, name)) return true;
  if (!parents) return false;
  for (let dot = module.lastIndexOf('.'); dot > 0; dot = module.lastIndexOf('.', dot - 1)) {
    const p = list.get(module.slice(0, dot));
    if (p?.all) return true;
  }
  return false;
}

export function classifyImport(module: string, name: string, lists: GlobalLists = loadGlobalLists()): ImportVerdict {
  if (module === 'unknown' || name === 'unknown') return 'dangerous';
  const m3 = mapPy2(module, name, lists);
  if (matches(lists.dangerous, module, name, true) || matches(lists.dangerous, m3.module, m3.name, true)) return 'dangerous';
  if (matches(lists.safe, module, name, false) || matches(lists.safe, m3.module, m3.name, false)) return 'safe';
  if (lists.safePrefixes.some((p) => module === p || module.startsWith(`${p}.`))) return 'safe';
  return 'suspicious';
}
