// The in-toto statement inside an OMS signature: narrowed from the signed payload bytes, in both the
// v1.0 layout (predicate.resources + serialization) and the v0.2 layout (digests in `subject`).
import { createHash } from 'node:crypto';
import {
  CheckFailure,
  INTOTO_STATEMENT_V1,
  OMS_PREDICATE_LEGACY,
  OMS_PREDICATE_V1,
  type ManifestResource,
  type Serialization,
  type SignedManifest,
} from './types.js';

export const MAX_RESOURCES = 1_000_000;
const HEX = /^(?:[0-9a-f]{2})+$/;

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function fail(message: string): never {
  throw new CheckFailure('statement', message);
}

/** SHA-256 over the concatenated raw digests, in the order given (OMS root digest). */
export function rootDigest(resources: readonly ManifestResource[]): string {
  const h = createHash('sha256');
  for (const r of resources) h.update(Buffer.from(r.digest, 'hex'));
  return h.digest('hex');
}

function readSerialization(v: unknown): Serialization {
  const s = obj(v);
  if (!s) fail('predicate.serialization is missing');
  const method = s.method;
  if (method !== 'files' && method !== 'shards') {
    throw new CheckFailure('unsupported', `serialization method ${JSON.stringify(method)} is not supported (files, shards)`);
  }
  if (typeof s.hash_type !== 'string') fail('serialization.hash_type is missing');
  let shardSize: number | undefined;
  if (method === 'shards') {
    const n = s.shard_size;
    // model_signing writes the size as a float (8.0, 1000000000.0); accept any positive integral number
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) fail(`serialization.shard_size ${JSON.stringify(n)} is not a positive integer`);
    shardSize = n;
  }
  const ignore = Array.isArray(s.ignore_paths) ? s.ignore_paths.filter((p): p is string => typeof p === 'string') : [];
  return {
    method,
    hashType: s.hash_type,
    shardSize,
    allowSymlinks: s.allow_symlinks === true,
    ignorePaths: ignore,
  };
}

function readResources(v: unknown): ManifestResource[] {
  if (!Array.isArray(v)) fail('predicate.resources is not a list');
  if (v.length > MAX_RESOURCES) fail(`predicate.resources lists ${v.length} entries (max ${MAX_RESOURCES})`);
  return v.map((r, i) => {
    const o = obj(r);
    const name = o?.name;
    const algorithm = o?.algorithm;
    const digest = typeof o?.digest === 'string' ? o.digest.toLowerCase() : undefined;
    if (typeof name !== 'string' || name === '') fail(`resources[${i}].name is missing`);
    if (typeof algorithm !== 'string') fail(`resources[${i}].algorithm is missing`);
    if (!digest || !HEX.test(digest)) fail(`resources[${i}].digest is not a hex digest`);
    return { name, algorithm, digest };
  });
}

function subjectDigestOf(subject: unknown): { name?: string; digest?: string } {
  const first = Array.isArray(subject) ? obj(subject[0]) : undefined;
  const d = obj(first?.digest)?.sha256;
  return { name: typeof first?.name === 'string' ? first.name : undefined, digest: typeof d === 'string' ? d.toLowerCase() : undefined };
}

/** Narrow the signed payload. Throws CheckFailure('statement' | 'unsupported'). */
export function parseStatement(payload: Buffer): SignedManifest {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    fail('the DSSE payload is not JSON');
  }
  const st = obj(json);
  if (!st) fail('the DSSE payload is not a JSON object');
  if (st._type !== INTOTO_STATEMENT_V1) fail(`statement _type ${JSON.stringify(st._type)} is not ${INTOTO_STATEMENT_V1}`);
  const predicateType = st.predicateType;
  if (predicateType === OMS_PREDICATE_V1) {
    const pred = obj(st.predicate);
    if (!pred) fail('the statement has no predicate');
    const subject = subjectDigestOf(st.subject);
    return {
      predicateType,
      subjectName: subject.name,
      subjectDigest: subject.digest,
      serialization: readSerialization(pred.serialization),
      resources: readResources(pred.resources),
      legacy: false,
    };
  }
  if (predicateType === OMS_PREDICATE_LEGACY) {
    if (!Array.isArray(st.subject)) fail('legacy statement has no subject list');
    const resources = readResources(
      st.subject.map((s) => {
        const o = obj(s);
        return { name: o?.name, algorithm: 'sha256', digest: obj(o?.digest)?.sha256 };
      }),
    );
    return {
      predicateType,
      resources,
      serialization: { method: 'files', hashType: 'sha256', allowSymlinks: false, ignorePaths: [] },
      legacy: true,
    };
  }
  fail(`predicateType ${JSON.stringify(predicateType)} is not an OpenSSF model signature (${OMS_PREDICATE_V1})`);
}

/** The v1.0 subject digest must be the root digest of the resources in the order they are listed. */
export function checkSubjectDigest(m: SignedManifest): void {
  if (m.legacy) return;
  if (!m.subjectDigest) fail('statement subject has no sha256 digest');
  const expected = rootDigest(m.resources);
  if (expected !== m.subjectDigest) {
    throw new CheckFailure('subject-digest', `subject digest ${m.subjectDigest} is not the digest of the listed resources (${expected})`);
  }
}

/** Build the statement model_signing writes for these resources (used to reproduce its payloads). */
export function buildStatement(subjectName: string, resources: readonly ManifestResource[], s: Serialization): Record<string, unknown> {
  const serialization: Record<string, unknown> = { method: s.method, hash_type: s.hashType, allow_symlinks: s.allowSymlinks };
  if (s.method === 'shards') serialization.shard_size = s.shardSize;
  if (s.ignorePaths.length > 0) serialization.ignore_paths = [...s.ignorePaths];
  return {
    _type: INTOTO_STATEMENT_V1,
    subject: [{ name: subjectName, digest: { sha256: rootDigest(resources) } }],
    predicateType: OMS_PREDICATE_V1,
    predicate: { serialization, resources: resources.map((r) => ({ algorithm: r.algorithm, digest: r.digest, name: r.name })) },
  };
}

/** `path:start:end` -> parts; the suffix is the last two colon-separated integers (paths may hold colons). */
export function parseShardName(name: string): { path: string; start: number; end: number } | undefined {
  const m = /^(.*):(\d+):(\d+)$/.exec(name);
  if (!m) return undefined;
  const start = Number(m[2]);
  const end = Number(m[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return undefined;
  return { path: m[1], start, end };
}
