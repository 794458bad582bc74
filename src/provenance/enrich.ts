// Scan enrichment: every OMS signature found next to a model is verified with the scan's trust settings
// (none -> "present-unverified", never "verified") and the result lands on the model asset(s) it covers:
// aibom:provenance:* properties, a digital-signature external reference, and for an invalid signature
// a high-severity AIBOM-SIGNATURE-INVALID finding. Present models with no signature are "unsigned".
import { join, posix } from 'node:path';
import type { Asset, Finding, Inventory } from '../inventory/types.js';
import { signaturesIn, type FoundSignature } from './signature-discovery.js';
import { bundledTrustedRootJson, sha256Hex } from './trusted-root-file.js';
import type { Trust, VerifyResult, VerifyStatus } from './types.js';

export const PROVENANCE_DETECTOR = 'provenance/oms';
export const RULE_SIGNATURE_INVALID = 'AIBOM-SIGNATURE-INVALID';
export type ProvenanceStatus = VerifyStatus | 'unsigned';

export interface ProvenanceOutcome {
  signature: string;
  model: string;
  assets: string[];
  result: VerifyResult;
}

const RANK: Record<ProvenanceStatus, number> = { unsigned: 0, 'present-unverified': 1, verified: 2, invalid: 3 };

function folderOf(a: Asset): string | undefined {
  if (a.key.startsWith('folder:')) return a.key.slice('folder:'.length).replace(/^\.$/, '');
  return undefined;
}

function localPaths(a: Asset): string[] {
  return a.locations.map((l) => l.path).filter((p) => !p.includes('!/'));
}

function under(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(dir + '/');
}

/** Folders to look in: each local model's folder and its ancestors up to the scan root. */
function candidateDirs(models: Asset[]): string[] {
  const dirs = new Set<string>();
  for (const a of models) {
    const starts = [...localPaths(a).map((p) => posix.dirname(p)), ...(folderOf(a) !== undefined ? [folderOf(a) as string] : [])];
    for (let d of starts) {
      for (let i = 0; i < 64; i++) {
        d = d === '.' ? '' : d;
        dirs.add(d);
        if (d === '') break;
        d = posix.dirname(d);
      }
    }
  }
  return [...dirs].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)); // deepest first
}

function coveredAssets(sig: FoundSignature, models: Asset[], taken: Set<string>): Asset[] {
  if (sig.singleFile) return models.filter((a) => a.key === `file:${sig.model}` || localPaths(a).includes(sig.model));
  const folder = models.find((a) => folderOf(a) === sig.dir);
  if (folder) return [folder];
  return models.filter((a) => a.key.startsWith('file:') && !taken.has(a.key) && localPaths(a).some((p) => under(p, sig.dir)));
}

function setProp(a: Asset, k: string, v: string | undefined): void {
  if (v === undefined) return;
  a.properties = { ...(a.properties ?? {}), [`aibom:provenance:${k}`]: v };
}

function statusOf(a: Asset): ProvenanceStatus | undefined {
  const v = a.properties?.['aibom:provenance:status'];
  return typeof v === 'string' ? (v as ProvenanceStatus) : undefined;
}

function apply(a: Asset, sig: FoundSignature, r: VerifyResult): void {
  const prev = statusOf(a);
  if (prev === undefined || RANK[r.status] >= RANK[prev]) {
    setProp(a, 'status', r.status);
    setProp(a, 'method', r.method);
    setProp(a, 'signer-identity', r.signer?.identity);
    setProp(a, 'signer-issuer', r.signer?.issuer);
    setProp(a, 'key-fingerprint', r.signer?.keyFingerprint ? `sha256:${r.signer.keyFingerprint}` : undefined);
    setProp(a, 'certificate-subject', r.signer?.certificateSubject);
    setProp(a, 'signature', sig.path);
    if (r.reasons.length > 0) setProp(a, 'failed-check', r.reasons[0].check);
  }
  const refs = a.externalReferences ?? [];
  if (!refs.some((x) => x.type === 'digital-signature' && x.url === sig.path)) {
    refs.push({ type: 'digital-signature', url: sig.path, comment: `OpenSSF model signature (${r.method ?? 'unknown method'}): ${r.status}` });
  }
  a.externalReferences = refs;
  a.detectors = [...new Set([...(a.detectors ?? []), PROVENANCE_DETECTOR])];
}

function invalidFinding(a: Asset, sig: FoundSignature, r: VerifyResult): Finding {
  const first = r.reasons[0];
  const details = r.reasons.slice(0, 20).map((x) => `[${x.check}]${x.file ? ` ${x.file}:` : ''} ${x.message}`);
  if (r.reasons.length > 20) details.push(`... ${r.reasons.length - 20} more`);
  return {
    ruleId: RULE_SIGNATURE_INVALID,
    severity: 'high',
    title: `Model signature does not verify (${first?.check ?? 'unknown'}): ${sig.model || '.'}`,
    message: details.join('\n'),
    location: { path: sig.path },
    subject: a.key,
    recommendation: 'Do not load this model until the signature verifies: re-download it from the publisher or ask them to re-sign it.',
    detector: PROVENANCE_DETECTOR,
    category: 'provenance',
    properties: { check: first?.check ?? 'unknown', ...(first?.file ? { file: first.file } : {}) },
  };
}

/** Verify the signatures next to the inventory's models and record the outcome. Mutates `inv`. */
export async function enrichProvenance(
  inv: Inventory,
  root: string,
  trust?: Trust,
  fileDigest?: (displayPath: string) => Promise<string> | undefined,
): Promise<ProvenanceOutcome[]> {
  const models = inv.assets.filter((a) => a.kind === 'model' && a.present && !a.partial);
  const outcomes: ProvenanceOutcome[] = [];
  const taken = new Set<string>();
  for (const dir of candidateDirs(models)) {
    for (const sig of await signaturesIn(root, dir)) {
      const assets = coveredAssets(sig, models, taken);
      const base = sig.model;
      // the sigstore libraries are loaded only when a signature is found
      const { verifyModel } = await import('./verify-model.js');
      const result = await verifyModel({
        modelPath: join(root, sig.model),
        signaturePath: join(root, sig.path),
        trust,
        fileDigest: fileDigest ? (rel) => fileDigest(sig.singleFile ? base : posix.join(base || '.', rel)) : undefined,
      });
      for (const a of assets) {
        taken.add(a.key);
        apply(a, sig, result);
        if (result.status === 'invalid') inv.findings.push(invalidFinding(a, sig, result));
      }
      if (assets.length === 0) inv.warnings.push({ path: sig.path, message: `model signature ${result.status} but no model asset was found for ${sig.model || '.'}` });
      outcomes.push({ signature: sig.path, model: sig.model, assets: assets.map((a) => a.key), result });
    }
  }
  for (const a of models) if (statusOf(a) === undefined) setProp(a, 'status', 'unsigned');
  if (trust?.method === 'sigstore' && outcomes.length > 0) {
    inv.properties = { ...(inv.properties ?? {}), 'aibom:provenance:trusted-root-sha256': sha256Hex(trust.trustedRootJson ?? bundledTrustedRootJson()) };
  }
  return outcomes;
}
