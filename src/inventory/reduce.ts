// reduce: many detectors' records -> one inventory. Equal keys merge; files with identical content
// become one component with several occurrences; archive members nest under their archive.
import type { Asset, Finding, Location, ScanWarning } from './types.js';
import { compareLocations, mergeAssets, mergeLocations } from './merge.js';

export interface ReduceInput {
  assets: Asset[];
  findings: Finding[];
  warnings: ScanWarning[];
}

export function mergeByKey(assets: Asset[]): Map<string, Asset> {
  const byKey = new Map<string, Asset>();
  // every record's locations, gathered once per key and merged at the end (merging pairwise would sort the
  // growing list again for each of a provider's hundreds of occurrences)
  const locations = new Map<string, Location[][]>();
  for (const a of assets) {
    const cur = byKey.get(a.key);
    if (!cur) {
      byKey.set(a.key, { ...a });
      continue;
    }
    let locs = locations.get(a.key);
    if (!locs) locations.set(a.key, (locs = [cur.locations]));
    const merged = cur.partial && !a.partial ? mergeAssets({ ...a, locations: [] }, { ...cur, locations: [] }) : mergeAssets({ ...cur, locations: [] }, { ...a, locations: [] });
    if (cur.partial && !a.partial) locs.unshift(a.locations);
    else locs.push(a.locations);
    byKey.set(a.key, merged);
  }
  for (const [key, locs] of locations) {
    const a = byKey.get(key);
    if (a) a.locations = mergeLocations(...locs);
  }
  return byKey;
}

/** the archive that holds a member path ("a.zip!/b/c" -> "a.zip"), or undefined */
export function containingArchive(path: string): string | undefined {
  const i = path.lastIndexOf('!/');
  return i < 0 ? undefined : path.slice(0, i);
}

export function keyPath(key: string): string | undefined {
  const m = /^(?:file|folder):(.*)$/.exec(key);
  return m ? m[1] : undefined;
}

/** Identical content at several paths -> one component with several occurrences (models and datasets). */
export function mergeIdenticalContent(byKey: Map<string, Asset>): Map<string, string> {
  const alias = new Map<string, string>();
  const parents = new Set<string>();
  for (const a of byKey.values()) if (a.parent) parents.add(a.parent);
  const firstByDigest = new Map<string, Asset>();
  const keys = [...byKey.keys()].sort();
  for (const k of keys) {
    const a = byKey.get(k)!;
    const digest = a.hashes?.sha256;
    if (!digest || !k.startsWith('file:') || parents.has(k)) continue;
    if (a.kind !== 'model' && a.kind !== 'dataset') continue;
    if ('present' in a && !a.present) continue;
    const id = `${a.kind}:${digest}:${a.parent ?? ''}`;
    const first = firstByDigest.get(id);
    if (!first) {
      firstByDigest.set(id, a);
      continue;
    }
    const merged = mergeAssets(first, a);
    merged.key = first.key;
    byKey.set(first.key, merged);
    firstByDigest.set(id, merged);
    byKey.delete(k);
    alias.set(k, first.key);
  }
  return alias;
}

export function nestArchiveMembers(byKey: Map<string, Asset>, findings: Finding[]): void {
  for (const a of [...byKey.values()]) {
    if (a.parent) continue;
    const p = keyPath(a.key);
    const archive = p ? containingArchive(p) : undefined;
    if (!archive) continue;
    const archiveKey = `file:${archive}`;
    if (!byKey.has(archiveKey)) {
      const name = archive.slice(archive.lastIndexOf('/') + 1);
      byKey.set(archiveKey, { key: archiveKey, kind: 'file', role: 'archive', name, locations: [{ path: archive }] });
    }
    a.parent = archiveKey;
  }
  // an archive that holds nothing of interest and has no finding is not part of the AI-BOM
  const subjects = new Set(findings.map((f) => f.subject));
  const parents = new Set([...byKey.values()].map((a) => a.parent));
  for (const a of [...byKey.values()]) {
    if (a.kind === 'file' && a.role === 'archive' && !parents.has(a.key) && !subjects.has(a.key)) byKey.delete(a.key);
  }
}

export function finalize(byKey: Map<string, Asset>, findings: Finding[], alias: Map<string, string>): { assets: Asset[]; findings: Finding[] } {
  // a library fragment (an import seen in code) that no declaration or correlation claimed adds nothing:
  // its evidence was copied onto the declared component by the detector's finish()
  for (const a of [...byKey.values()]) if (a.partial && a.kind === 'library') byKey.delete(a.key);
  for (const a of byKey.values()) {
    if (a.parent && alias.has(a.parent)) a.parent = alias.get(a.parent);
    if (a.parent && !byKey.has(a.parent)) a.parent = undefined;
    delete a.partial;
  }
  const fixed = findings.map((f) => (f.subject && alias.has(f.subject) ? { ...f, subject: alias.get(f.subject) } : f));
  const seen = new Set<string>();
  const unique: Finding[] = [];
  for (const f of fixed) {
    const id = `${f.ruleId}|${f.subject ?? ''}|${f.location.path}|${f.location.line ?? ''}|${f.title}`;
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push(f);
  }
  return { assets: [...byKey.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)), findings: sortFindings(unique) };
}

/** findings in a stable order: by place, then rule, then title */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((x, y) => compareLocations(x.location, y.location) || (x.ruleId < y.ruleId ? -1 : x.ruleId > y.ruleId ? 1 : 0) || (x.title < y.title ? -1 : x.title > y.title ? 1 : 0));
}
