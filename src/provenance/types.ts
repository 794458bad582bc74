// The provenance contract: what a caller trusts, and what verifying an OpenSSF model signature
// (OMS: a Sigstore bundle holding a DSSE envelope with an in-toto statement) found.

/** How a signature may be trusted. Without a Trust (or with `none`) a signature is only ever "present, not verified". */
export type Trust =
  | { method: 'none' }
  | {
      method: 'sigstore';
      /** the certificate SAN; matched exactly unless identityRegex is set */
      identity: string;
      /** the OIDC issuer; always matched exactly */
      issuer: string;
      /** treat identity as a regular expression (anchored by the caller if wanted); only on explicit request */
      identityRegex?: boolean;
      /** trusted_root.json text; the bundled Sigstore public-good root when absent */
      trustedRootJson?: string;
    }
  | { method: 'key'; /** PEM SubjectPublicKeyInfo (EC P-256/384/521) */ publicKeyPem: string }
  | { method: 'certificate'; /** PEM trust anchors (root CAs, optionally intermediates) */ caPems: string[] };

export type SigningMethod = 'sigstore' | 'key' | 'certificate';

export type VerifyStatus = 'verified' | 'invalid' | 'present-unverified';

/** One failed (or informative) check. `check` is a stable id: bundle, envelope, statement, trust-root,
 *  identity, signature, certificate-chain, method-mismatch, subject-digest, manifest-digest,
 *  manifest-missing, manifest-extra, symlink, unsupported, io. */
export interface VerifyReason {
  check: string;
  /** path of the model file concerned, relative to the model root */
  file?: string;
  message: string;
}

export interface SignerInfo {
  /** keyless: certificate SAN */
  identity?: string;
  /** keyless: OIDC issuer from the Fulcio extension */
  issuer?: string;
  /** key / certificate: SHA-256 of the public key's DER SubjectPublicKeyInfo, hex */
  keyFingerprint?: string;
  /** certificate: subject of the leaf certificate */
  certificateSubject?: string;
}

export interface VerifyResult {
  status: VerifyStatus;
  /** the method the bundle's verification material calls for (or the trust method used) */
  method?: SigningMethod;
  signer?: SignerInfo;
  predicateType?: string;
  /** number of manifest resources compared with the files on disk */
  resourcesChecked: number;
  /** notes on accepted legacy variants (v0.2 PAE, resource name "."), for display */
  notes: string[];
  reasons: VerifyReason[];
}

/** One entry of the signed manifest, as listed. */
export interface ManifestResource {
  name: string;
  algorithm: string;
  digest: string;
}

export interface Serialization {
  method: 'files' | 'shards';
  hashType: string;
  shardSize?: number;
  allowSymlinks: boolean;
  ignorePaths: string[];
}

/** The in-toto statement of an OMS signature, narrowed. */
export interface SignedManifest {
  predicateType: string;
  subjectName?: string;
  subjectDigest?: string;
  resources: ManifestResource[];
  serialization: Serialization;
  /** true for the v0.2 layout (digests in `subject`) */
  legacy: boolean;
}

export const OMS_PREDICATE_V1 = 'https://model_signing/signature/v1.0';
export const OMS_PREDICATE_LEGACY = 'https://model_signing/Digests/v0.1';
export const INTOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** A failed check raised inside the verification steps; verifyModel turns it into a reason. */
export class CheckFailure extends Error {
  constructor(
    readonly check: string,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'CheckFailure';
  }
}
