// Compares a signed manifest with the files on disk: every listed file (or shard) present with the
// listed digest, nothing unlisted (unless unsigned files are tolerated). Listed order is kept.
import { hashFile, supportedHash, type Enumeration, type ModelFile } from './model-files.js';
import { parseShardName } from './statement.js';
import { CheckFailure, type ManifestResource, type Serialization, type SignedManifest, type VerifyReason } from './types.js';

export interface ManifestCheckOptions {
  ignoreUnsignedFiles?: boolean;
  /** whole-file SHA-256 already computed by the scan, by path relative to the model root */
  fileDigest?: (rel: string) => Promise<string> | undefined;
}

export interface ManifestCheckResult {
  reasons: VerifyReason[];
  checked: number;
  notes: string[];
}

function expectedAlgorithms(s: Serialization): Set<string> {
  return s.method === 'files' ? new Set([s.hashType]) : new Set([s.hashType, `${s.hashType}-sharded-${s.shardSize}`]);
}

function lookup(en: Enumeration, byRel: Map<string, ModelFile>, path: string): ModelFile | undefined {
  if (en.singleFile) return path === '.' || path === en.files[0].rel ? en.files[0] : undefined;
  return byRel.get(path);
}

async function digestOf(f: ModelFile, hashType: string, opts: ManifestCheckOptions): Promise<string> {
  if (hashType === 'sha256' && opts.fileDigest) {
    const reused = opts.fileDigest(f.rel);
    if (reused !== undefined) return (await reused).toLowerCase();
  }
  return hashFile(f.abs, hashType);
}

export async function checkManifest(m: SignedManifest, en: Enumeration, opts: ManifestCheckOptions = {}): Promise<ManifestCheckResult> {
  const s = m.serialization;
  if (!supportedHash(s.hashType)) throw new CheckFailure('unsupported', `hash type ${s.hashType} is not supported (sha256, blake2b)`);
  const algos = expectedAlgorithms(s);
  const reasons: VerifyReason[] = [];
  const notes: string[] = [];
  const byRel = new Map(en.files.map((f) => [f.rel, f]));
  const listed = new Set<string>();
  const names = new Set<string>();
  const shards = new Map<ModelFile, { start: number; end: number }[]>();
  for (const r of m.resources) {
    if (names.has(r.name)) throw new CheckFailure('statement', `resource ${r.name} is listed twice`);
    names.add(r.name);
    if (!algos.has(r.algorithm)) throw new CheckFailure('statement', `resource ${r.name} uses ${r.algorithm}, not the serialization's ${s.hashType}`);
  }
  if (en.singleFile && m.resources.some((r) => r.name === '.' || r.name.startsWith('.:'))) notes.push('single-file model listed as "."');
  let checked = 0;
  for (const r of m.resources) {
    checked++;
    const sh = s.method === 'shards' ? parseShardName(r.name) : undefined;
    if (s.method === 'shards' && !sh) throw new CheckFailure('statement', `shard resource ${r.name} is not path:start:end`);
    const path = sh ? sh.path : r.name;
    const file = lookup(en, byRel, path);
    if (!file) {
      reasons.push({ check: 'manifest-missing', file: path, message: `${path} is listed in the signature but missing from the model` });
      continue;
    }
    listed.add(file.rel);
    if (sh) {
      const list = shards.get(file) ?? [];
      list.push(sh);
      shards.set(file, list);
      if (sh.end > file.size) {
        reasons.push({ check: 'manifest-digest', file: file.rel, message: `${file.rel} is ${file.size} bytes, shorter than the signed shard ${sh.start}-${sh.end}` });
        continue;
      }
    }
    const actual = sh ? await hashFile(file.abs, s.hashType, sh) : await digestOf(file, s.hashType, opts);
    if (actual !== r.digest) {
      const what = sh ? `bytes ${sh.start}-${sh.end} of ${file.rel}` : file.rel;
      reasons.push({ check: 'manifest-digest', file: file.rel, message: `${what} changed: ${s.hashType} ${actual}, signed ${r.digest}` });
    }
  }
  for (const [file, list] of shards) {
    if (reasons.some((x) => x.file === file.rel)) continue;
    const gap = shardLayoutError(list, file.size, s.shardSize ?? 0);
    if (gap) reasons.push({ check: 'manifest-digest', file: file.rel, message: `${file.rel}: ${gap}` });
  }
  if (!opts.ignoreUnsignedFiles) {
    for (const f of en.files) {
      if (listed.has(f.rel)) continue;
      if (s.method === 'shards' && f.size === 0) continue; // empty files have no shards
      reasons.push({ check: 'manifest-extra', file: f.rel, message: `${f.rel} is in the model but not in the signature` });
    }
  }
  return { reasons, checked, notes };
}

/** The signed shards of a file must tile [0, size) in shard_size steps. */
function shardLayoutError(list: { start: number; end: number }[], size: number, shardSize: number): string | undefined {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const r of sorted) {
    if (r.start !== at) return `signed shards leave bytes ${at}-${r.start} uncovered or overlap`;
    if (r.end - r.start !== shardSize && r.end !== size) return `shard ${r.start}-${r.end} is not ${shardSize} bytes`;
    at = r.end;
  }
  return at === size ? undefined : `signed shards cover ${at} of ${size} bytes`;
}

/** Resources as an OMS signer would list them (sorted by name), for reproducing known payloads. */
export async function computeResources(en: Enumeration, s: Serialization, singleFileName: '.' | 'basename' = 'basename'): Promise<ManifestResource[]> {
  const out: ManifestResource[] = [];
  const files = [...en.files].sort((a, b) => comparePaths(a.rel, b.rel));
  for (const f of files) {
    const name = en.singleFile && singleFileName === '.' ? '.' : f.rel;
    if (s.method === 'files') {
      out.push({ name, algorithm: s.hashType, digest: await hashFile(f.abs, s.hashType) });
      continue;
    }
    const step = s.shardSize ?? 1_000_000_000;
    for (let start = 0; start < f.size; start += step) {
      const end = Math.min(f.size, start + step);
      out.push({ name: `${name}:${start}:${end}`, algorithm: `${s.hashType}-sharded-${step}`, digest: await hashFile(f.abs, s.hashType, { start, end }) });
    }
  }
  return out; // files in path order, shards in offset order (as model_signing lists them)
}

/** Order of paths by their components (pathlib order), so "a/b" sorts before "a-b". */
export function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}
