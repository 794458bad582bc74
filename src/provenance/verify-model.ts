// verifyModel: one OMS signature against one model (folder or single file). Signature first (keyless,
// key or certificate, as the trust says), then the signed statement, then every file against the manifest.
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MAX_BUNDLE_BYTES, methodOf, parseBundleJson, type RawBundle } from './bundle-json.js';
import { parsePemCertificates, verifyCertificateChain } from './cert-chain.js';
import { verifySigstoreBundle } from './keyless.js';
import { keyFingerprint, loadPublicKey, verifyEnvelope } from './key-verify.js';
import { checkManifest } from './manifest-check.js';
import { canonicalRel, enumerateModel } from './model-files.js';
import { checkSubjectDigest, parseStatement } from './statement.js';
import { bundledTrustedRootJson } from './trusted-root-file.js';
import {
  CheckFailure,
  INTOTO_PAYLOAD_TYPE,
  OMS_PREDICATE_LEGACY,
  type SignerInfo,
  type Trust,
  type VerifyResult,
} from './types.js';

export interface VerifyModelOptions {
  modelPath: string;
  /** default: MODEL_PATH/model.sig (for a single-file model: model.sig next to it) */
  signaturePath?: string;
  trust?: Trust;
  /** paths to leave out, relative to the model folder (absolute paths inside it are accepted) */
  ignorePaths?: string[];
  /** tolerate files that the signature does not list (listed files are still all checked) */
  ignoreUnsignedFiles?: boolean;
  /** whole-file SHA-256 (hex) the caller already has, by path relative to the model root */
  fileDigest?: (relPath: string) => Promise<string> | undefined;
}

export async function defaultSignaturePath(modelPath: string): Promise<string> {
  const st = await stat(modelPath).catch(() => undefined);
  return st?.isFile() ? join(dirname(modelPath), 'model.sig') : join(modelPath, 'model.sig');
}

function relInside(modelPath: string, p: string): string | undefined {
  const rel = relative(resolve(modelPath), resolve(modelPath, p));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return canonicalRel(rel.split(sep).join('/'));
}

async function readSignature(path: string): Promise<RawBundle> {
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile()) throw new CheckFailure('io', `signature file ${path} not found`);
  if (st.size > MAX_BUNDLE_BYTES) throw new CheckFailure('bundle', `signature file is ${st.size} bytes (max ${MAX_BUNDLE_BYTES})`);
  return parseBundleJson(await readFile(path, 'utf8'));
}

interface SignatureOutcome {
  verified: boolean;
  signer?: SignerInfo;
  notes: string[];
  /** the payload bytes the verifier checked (keyless), to read the statement from exactly those */
  payload?: Buffer;
}

function isLegacy(b: RawBundle): boolean {
  try {
    return (JSON.parse(b.payload.toString('utf8')) as { predicateType?: unknown }).predicateType === OMS_PREDICATE_LEGACY;
  } catch {
    return false;
  }
}

function checkSignature(b: RawBundle, trust: Trust): SignatureOutcome {
  const method = methodOf(b.material);
  if (trust.method === 'none') return { verified: false, notes: [] };
  if (trust.method === 'sigstore') {
    if (method === 'key') throw new CheckFailure('method-mismatch', 'the bundle carries a public key, not a Sigstore certificate; verify it with --key');
    const r = verifySigstoreBundle(b.json, {
      trustedRootJson: trust.trustedRootJson ?? bundledTrustedRootJson(),
      identity: { identity: trust.identity, issuer: trust.issuer, regex: trust.identityRegex },
    });
    return { verified: true, signer: { identity: r.identity, issuer: r.issuer }, notes: [], payload: r.payload };
  }
  if (trust.method === 'key') {
    if (b.material.kind !== 'publicKey') throw new CheckFailure('method-mismatch', `the bundle carries ${b.material.kind === 'certificate' ? 'a Sigstore certificate' : 'a certificate chain'}, not a public key`);
    const key = loadPublicKey(trust.publicKeyPem, 'the given public key');
    const verdict = verifyEnvelope(b, key, isLegacy(b));
    if (verdict === 'bad') throw new CheckFailure('signature', 'the signature does not verify with the given public key');
    return { verified: true, signer: { keyFingerprint: keyFingerprint(key) }, notes: verdict === 'ok-legacy' ? ['model_signing v0.2 signature encoding'] : [] };
  }
  if (b.material.kind !== 'x509CertificateChain') {
    throw new CheckFailure('method-mismatch', `the bundle carries ${b.material.kind === 'publicKey' ? 'a public key' : 'a single Sigstore certificate'}, not a certificate chain`);
  }
  const anchors = trust.caPems.flatMap((p, i) => parsePemCertificates(p, `CA file ${i + 1}`));
  const chain = verifyCertificateChain(b.material.certificates, anchors);
  const verdict = verifyEnvelope(b, chain.leafKey, isLegacy(b));
  if (verdict === 'bad') throw new CheckFailure('signature', `the signature does not verify with the key of ${chain.leafSubject}`);
  return {
    verified: true,
    signer: { keyFingerprint: keyFingerprint(chain.leafKey), certificateSubject: chain.leafSubject },
    notes: verdict === 'ok-legacy' ? ['model_signing v0.2 signature encoding'] : [],
  };
}

/** The checks every verification shares: envelope type, signature under `trust`, statement, subject digest.
 *  Records method, signer and notes on `result`; throws CheckFailure on the first failed check. */
function checkEnvelope(bundle: ReturnType<typeof parseBundleJson>, trust: Trust, result: VerifyResult) {
  result.method = trust.method === 'none' ? methodOf(bundle.material) : trust.method;
  if (bundle.payloadType !== INTOTO_PAYLOAD_TYPE) throw new CheckFailure('envelope', `payloadType ${bundle.payloadType} is not ${INTOTO_PAYLOAD_TYPE}`);
  const sig = checkSignature(bundle, trust);
  result.signer = sig.signer;
  result.notes.push(...sig.notes);
  const manifest = parseStatement(sig.payload ?? bundle.payload);
  result.predicateType = manifest.predicateType;
  if (manifest.legacy) result.notes.push('legacy predicate https://model_signing/Digests/v0.1');
  checkSubjectDigest(manifest);
  return { sig, manifest };
}

export async function verifyModel(opts: VerifyModelOptions): Promise<VerifyResult> {
  const trust: Trust = opts.trust ?? { method: 'none' };
  const result: VerifyResult = { status: 'invalid', resourcesChecked: 0, notes: [], reasons: [] };
  try {
    const sigPath = opts.signaturePath ?? (await defaultSignaturePath(opts.modelPath));
    const { sig, manifest } = checkEnvelope(await readSignature(sigPath), trust, result);
    const ignore = [...(opts.ignorePaths ?? []), sigPath]
      .map((p) => relInside(opts.modelPath, p))
      .filter((p): p is string => p !== undefined);
    ignore.push(...manifest.serialization.ignorePaths.map(canonicalRel).filter((p) => p !== ''));
    const en = await enumerateModel(opts.modelPath, { ignore, allowSymlinks: manifest.serialization.allowSymlinks });
    for (const l of en.symlinks) result.reasons.push({ check: 'symlink', file: l, message: `${l} is a symlink and the signature does not allow symlinks` });
    const m = await checkManifest(manifest, en, { ignoreUnsignedFiles: opts.ignoreUnsignedFiles, fileDigest: opts.fileDigest });
    result.resourcesChecked = m.checked;
    result.notes.push(...m.notes);
    result.reasons.push(...m.reasons);
    if (result.reasons.length === 0) result.status = sig.verified ? 'verified' : 'present-unverified';
  } catch (e) {
    if (e instanceof CheckFailure) result.reasons.push({ check: e.check, file: e.file, message: e.message });
    else result.reasons.push({ check: 'io', message: (e as Error).message ?? String(e) });
  }
  return result;
}

/** Check a signature file alone (no model files): bundle, signature under `trust`, statement and subject digest. */
export function verifyBundleText(text: string, trust: Trust): VerifyResult {
  const result: VerifyResult = { status: 'invalid', resourcesChecked: 0, notes: [], reasons: [] };
  try {
    const { sig } = checkEnvelope(parseBundleJson(text), trust, result);
    result.status = sig.verified ? 'verified' : 'present-unverified';
  } catch (e) {
    if (e instanceof CheckFailure) result.reasons.push({ check: e.check, file: e.file, message: e.message });
    else result.reasons.push({ check: 'io', message: (e as Error).message ?? String(e) });
  }
  return result;
}
