// Reads a Sigstore bundle (media types v0.1-v0.3) as plain JSON, narrowed from `unknown`, without
// trusting anything in it. Keyless verification re-reads it through @sigstore/bundle; key and
// certificate verification (which sigstore-js cannot do: curve hashes, x509CertificateChain) use this.
import { CheckFailure } from './types.js';

export const BUNDLE_MEDIA_TYPES = new Set([
  'application/vnd.dev.sigstore.bundle+json;version=0.1',
  'application/vnd.dev.sigstore.bundle+json;version=0.2',
  'application/vnd.dev.sigstore.bundle+json;version=0.3',
  'application/vnd.dev.sigstore.bundle.v0.3+json',
]);

/** Largest signature file read (real OMS bundles are a few KiB; 1 TB models in 1 GB shards stay far below). */
export const MAX_BUNDLE_BYTES = 32 << 20;

export type KeyMaterial =
  | { kind: 'publicKey'; hint?: string; rawBytes?: Buffer; keyDetails?: string }
  | { kind: 'x509CertificateChain'; certificates: Buffer[] }
  | { kind: 'certificate'; certificate: Buffer };

export interface EnvelopeSignature {
  sig: Buffer;
  keyid?: string;
}

export interface RawBundle {
  mediaType: string;
  material: KeyMaterial;
  tlogEntryCount: number;
  hasTimestamps: boolean;
  payloadType: string;
  payload: Buffer;
  signatures: EnvelopeSignature[];
  /** the parsed JSON, for @sigstore/bundle */
  json: unknown;
}

const B64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Strict base64 (standard or URL-safe, as DSSE allows); throws on anything else. */
export function decodeBase64(value: unknown, what: string): Buffer {
  if (typeof value !== 'string') throw new CheckFailure('bundle', `${what} is not a base64 string`);
  const s = value.replace(/\s+/g, '');
  if (!B64.test(s) || s.replace(/=+$/, '').length % 4 === 1) throw new CheckFailure('bundle', `${what} is not valid base64`);
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function readMaterial(vm: Record<string, unknown>): KeyMaterial {
  const pk = obj(vm.publicKey);
  if (pk) {
    return {
      kind: 'publicKey',
      hint: typeof pk.hint === 'string' ? pk.hint : undefined,
      rawBytes: pk.rawBytes === undefined || pk.rawBytes === null ? undefined : decodeBase64(pk.rawBytes, 'publicKey.rawBytes'),
      keyDetails: typeof pk.keyDetails === 'string' ? pk.keyDetails : undefined,
    };
  }
  const chain = obj(vm.x509CertificateChain);
  if (chain) {
    const certs = Array.isArray(chain.certificates) ? chain.certificates : [];
    if (certs.length === 0) throw new CheckFailure('bundle', 'x509CertificateChain holds no certificate');
    if (certs.length > 16) throw new CheckFailure('bundle', `x509CertificateChain holds ${certs.length} certificates (max 16)`);
    return {
      kind: 'x509CertificateChain',
      certificates: certs.map((c, i) => decodeBase64(obj(c)?.rawBytes, `x509CertificateChain.certificates[${i}]`)),
    };
  }
  const cert = obj(vm.certificate);
  if (cert) return { kind: 'certificate', certificate: decodeBase64(cert.rawBytes, 'certificate.rawBytes') };
  throw new CheckFailure('bundle', 'verificationMaterial holds no publicKey, x509CertificateChain or certificate');
}

/** Parse bundle text. Throws CheckFailure('bundle' | 'envelope') naming what is wrong. */
export function parseBundleJson(text: string): RawBundle {
  if (text.trim() === '') throw new CheckFailure('bundle', 'the signature file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CheckFailure('bundle', `the signature file is not JSON (${(e as Error).message})`);
  }
  const b = obj(json);
  if (!b) throw new CheckFailure('bundle', 'the signature file is not a JSON object');
  const mediaType = b.mediaType;
  if (typeof mediaType !== 'string' || !BUNDLE_MEDIA_TYPES.has(mediaType)) {
    throw new CheckFailure('bundle', `unknown bundle mediaType ${JSON.stringify(mediaType)}`);
  }
  const vm = obj(b.verificationMaterial);
  if (!vm) throw new CheckFailure('bundle', 'the bundle has no verificationMaterial');
  const material = readMaterial(vm);
  const env = obj(b.dsseEnvelope);
  if (!env) {
    const what = b.messageSignature !== undefined ? 'a messageSignature (not a model signature)' : 'no dsseEnvelope';
    throw new CheckFailure('envelope', `the bundle holds ${what}`);
  }
  if (typeof env.payloadType !== 'string') throw new CheckFailure('envelope', 'dsseEnvelope.payloadType is missing');
  const payload = decodeBase64(env.payload, 'dsseEnvelope.payload');
  const sigs = Array.isArray(env.signatures) ? env.signatures : [];
  if (sigs.length === 0) throw new CheckFailure('envelope', 'dsseEnvelope has no signature');
  const signatures = sigs.slice(0, 16).map((s, i) => {
    const o = obj(s);
    return {
      sig: decodeBase64(o?.sig, `dsseEnvelope.signatures[${i}].sig`),
      keyid: typeof o?.keyid === 'string' ? o.keyid : undefined,
    };
  });
  const tlog = Array.isArray(vm.tlogEntries) ? vm.tlogEntries.length : 0;
  const tvd = obj(vm.timestampVerificationData);
  const hasTimestamps = Array.isArray(tvd?.rfc3161Timestamps) && tvd.rfc3161Timestamps.length > 0;
  return { mediaType, material, tlogEntryCount: tlog, hasTimestamps, payloadType: env.payloadType, payload, signatures, json };
}

/** The signing method the verification material calls for. */
export function methodOf(material: KeyMaterial): 'sigstore' | 'key' | 'certificate' {
  return material.kind === 'publicKey' ? 'key' : material.kind === 'certificate' ? 'sigstore' : 'certificate';
}
