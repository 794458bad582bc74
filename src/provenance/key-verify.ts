// ECDSA verification of a DSSE envelope with the curve's own hash (P-256/SHA-256, P-384/SHA-384,
// P-521/SHA-512), done with node:crypto because sigstore-js hashes every curve with SHA-256.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { RawBundle } from './bundle-json.js';
import { legacyPreAuthEncoding, preAuthEncoding } from './dsse.js';
import { CheckFailure } from './types.js';

const CURVE_HASH: Record<string, string> = { prime256v1: 'sha256', secp384r1: 'sha384', secp521r1: 'sha512' };

export function loadPublicKey(pem: string | Buffer, what = 'public key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw new CheckFailure('trust', `${what} is not a PEM public key (${(e as Error).message})`);
  }
  curveHashOf(key, what);
  return key;
}

export function curveHashOf(key: KeyObject, what = 'key'): string {
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  const hash = curve ? CURVE_HASH[curve] : undefined;
  if (!hash) {
    throw new CheckFailure('unsupported', `${what} is ${key.asymmetricKeyType ?? 'unknown'}${curve ? ' ' + curve : ''}; ECDSA P-256, P-384 or P-521 is required`);
  }
  return hash;
}

/** SHA-256 of the DER SubjectPublicKeyInfo, hex: the key fingerprint shown to users. */
export function keyFingerprint(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

export type EnvelopeVerdict = 'ok' | 'ok-legacy' | 'bad';

/** True when one envelope signature verifies over the DSSE PAE with the curve's hash. With `legacy`,
 *  the v0.2.0 encoding hashed with SHA-256 is also accepted (that release signed exactly that). */
export function verifyEnvelope(b: RawBundle, key: KeyObject, legacy: boolean): EnvelopeVerdict {
  const hash = curveHashOf(key);
  const pae = preAuthEncoding(b.payloadType, b.payload);
  for (const s of b.signatures) {
    try {
      if (verify(hash, pae, key, s.sig)) return 'ok';
    } catch {
      /* malformed DER signature: not valid */
    }
  }
  if (!legacy) return 'bad';
  const old = legacyPreAuthEncoding(b.payloadType, b.payload);
  for (const s of b.signatures) {
    try {
      if (verify('sha256', old, key, s.sig)) return 'ok-legacy';
    } catch {
      /* not valid */
    }
  }
  return 'bad';
}
