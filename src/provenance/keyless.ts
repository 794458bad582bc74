// Sigstore verification through @sigstore/verify: certificate chain to the trusted root's Fulcio CA,
// one SCT, one transparency-log entry, one timestamp; identity matched exactly (escaped and anchored,
// since sigstore-js treats it as an unanchored regex) unless a regex was asked for; issuer exact.
import { createHash, createPublicKey } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { PolicyError, VerificationError, Verifier, toSignedEntity, type SignedEntity, type VerificationPolicy } from '@sigstore/verify';
import { preAuthEncoding } from './dsse.js';
import { loadTrustMaterial } from './trusted-root.js';
import { CheckFailure } from './types.js';

export interface KeylessOptions {
  trustedRootJson: string;
  /** keyless identity policy */
  identity?: { identity: string; issuer: string; regex?: boolean };
  /** a "managed key" bundle (publicKey hint) verified with this key plus the root's logs */
  publicKeyPem?: string;
  /** for message-signature bundles: the signed artifact; for DSSE bundles: must match a subject digest */
  artifact?: Buffer;
}

export interface KeylessResult {
  identity?: string;
  issuer?: string;
  /** the DSSE payload bytes that were verified (DSSE bundles only) */
  payload?: Buffer;
}

export function exactPattern(s: string): string {
  return '^' + s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + '$';
}

const CODE_CHECK: Record<string, string> = {
  CERTIFICATE_ERROR: 'certificate-chain',
  PUBLIC_KEY_ERROR: 'signature',
  SIGNATURE_ERROR: 'signature',
  TIMESTAMP_ERROR: 'timestamp',
  UNTRUSTED_SIGNER_ERROR: 'identity',
};

function toFailure(e: unknown): CheckFailure {
  if (e instanceof CheckFailure) return e;
  if (e instanceof PolicyError) return new CheckFailure('identity', e.message);
  if (e instanceof VerificationError) {
    const check = CODE_CHECK[e.code] ?? (e.code.startsWith('TLOG') ? 'transparency-log' : 'signature');
    return new CheckFailure(check, `${e.code}: ${e.message}`);
  }
  return new CheckFailure('signature', (e as Error).message ?? String(e));
}

/** Rekor v2 logs DSSE as hashedrekord 0.0.2 over SHA-256(PAE); sigstore-js 3.1 compares the payload
 *  digest instead. Only for that entry kind, accept the PAE digest. */
function withRekorV2Dsse(bundle: Bundle, entity: SignedEntity): SignedEntity {
  if (bundle.content.$case !== 'dsseEnvelope') return entity;
  const entries = bundle.verificationMaterial.tlogEntries;
  if (entries.length === 0 || !entries.every((t) => t.kindVersion?.kind === 'hashedrekord' && t.kindVersion.version === '0.0.2')) return entity;
  const env = bundle.content.dsseEnvelope;
  const paeDigest = createHash('sha256').update(preAuthEncoding(env.payloadType, env.payload)).digest();
  const sig = entity.signature;
  return {
    ...entity,
    signature: {
      signature: sig.signature,
      compareSignature: (s) => sig.compareSignature(s),
      verifySignature: (k) => sig.verifySignature(k),
      compareDigest: (d) => d.length === paeDigest.length && d.equals(paeDigest),
    },
  };
}

export function verifySigstoreBundle(json: unknown, opts: KeylessOptions): KeylessResult {
  const keyFinder = opts.publicKeyPem
    ? (() => {
        const key = createPublicKey(opts.publicKeyPem);
        return () => ({ publicKey: key, validFor: () => true });
      })()
    : undefined;
  const trust = loadTrustMaterial(opts.trustedRootJson, keyFinder);
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (e) {
    throw new CheckFailure('bundle', `not a valid Sigstore bundle (${(e as Error).message})`);
  }
  const isDsse = bundle.content.$case === 'dsseEnvelope';
  if (!isDsse && !opts.artifact) throw new CheckFailure('envelope', 'a message-signature bundle needs the signed artifact');
  const keyless = !opts.publicKeyPem;
  const verifier = new Verifier(trust, { tlogThreshold: 1, ctlogThreshold: keyless ? 1 : 0, timestampThreshold: 1 });
  let policy: VerificationPolicy | undefined;
  if (keyless) {
    if (!opts.identity) throw new CheckFailure('trust', 'keyless verification needs an identity and an issuer');
    const { identity, issuer, regex } = opts.identity;
    policy = { subjectAlternativeName: regex ? identity : exactPattern(identity), extensions: { issuer } };
  }
  let signer;
  try {
    const entity = withRekorV2Dsse(bundle, toSignedEntity(bundle, isDsse ? undefined : opts.artifact));
    signer = verifier.verify(entity, policy);
  } catch (e) {
    throw toFailure(e);
  }
  const payload = bundle.content.$case === 'dsseEnvelope' ? bundle.content.dsseEnvelope.payload : undefined;
  if (payload && opts.artifact) {
    const digest = createHash('sha256').update(opts.artifact).digest('hex');
    if (!subjectDigests(payload).includes(digest)) throw new CheckFailure('subject-digest', 'the artifact digest is not a subject of the attestation');
  }
  return { identity: signer.identity?.subjectAlternativeName, issuer: signer.identity?.extensions?.issuer, payload };
}

function subjectDigests(payload: Buffer): string[] {
  try {
    const st: unknown = JSON.parse(payload.toString('utf8'));
    const subject = typeof st === 'object' && st !== null ? (st as { subject?: unknown }).subject : undefined;
    if (!Array.isArray(subject)) return [];
    return subject.flatMap((s: unknown) => {
      const d = typeof s === 'object' && s !== null ? (s as { digest?: { sha256?: unknown } }).digest?.sha256 : undefined;
      return typeof d === 'string' ? [d.toLowerCase()] : [];
    });
  } catch {
    return [];
  }
}
