// Private-PKI certificate chains (x509CertificateChain bundles, which sigstore-js rejects): the leaf
// and the bundle's intermediates are chained to a user-given CA with node:crypto X509Certificate.
// Validity is checked at signing time; without a trusted timestamp that is the leaf's notBefore,
// as model_signing does. The leaf must allow digitalSignature (KeyUsage) and codeSigning (EKU) when
// those extensions are present, and at least one of them must be present.
import { X509Certificate as NodeCert, createHash, type KeyObject } from 'node:crypto';
import { X509Certificate as CoreCert } from '@sigstore/core';
import { CheckFailure } from './types.js';

const CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
const MAX_DEPTH = 8;

interface Cert {
  node: NodeCert;
  core: CoreCert;
  der: Buffer;
}

function fail(message: string): never {
  throw new CheckFailure('certificate-chain', message);
}

function parseDer(der: Buffer, what: string): Cert {
  try {
    return { node: new NodeCert(der), core: CoreCert.parse(Buffer.from(der)), der };
  } catch (e) {
    fail(`${what} is not an X.509 certificate (${(e as Error).message})`);
  }
}

/** Split a PEM text holding one or more certificates. */
export function parsePemCertificates(pem: string, what: string): Buffer[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new CheckFailure('trust', `${what} holds no PEM certificate`);
  return blocks.map((b) => Buffer.from(b.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64'));
}

function validAt(c: Cert, at: Date): boolean {
  return c.core.notBefore.getTime() <= at.getTime() && at.getTime() <= c.core.notAfter.getTime();
}

function issued(child: Cert, parent: Cert): boolean {
  if (child.der.equals(parent.der)) return false;
  try {
    return child.node.checkIssued(parent.node) && child.node.verify(parent.node.publicKey);
  } catch {
    return false;
  }
}

function mayIssue(c: Cert): boolean {
  const ku = c.core.extKeyUsage;
  return c.node.ca && (ku === undefined || ku.keyCertSign);
}

function subjectOf(c: Cert): string {
  return c.node.subject.replace(/\n/g, ', ');
}

export interface ChainResult {
  leafKey: KeyObject;
  leafSubject: string;
  signingTime: Date;
  /** SHA-256 of the anchor certificate (DER), hex */
  anchorFingerprint: string;
}

export function verifyCertificateChain(chain: Buffer[], anchorsDer: Buffer[]): ChainResult {
  const certs = chain.map((d, i) => parseDer(d, i === 0 ? 'the signing certificate' : `chain certificate ${i}`));
  const anchors = anchorsDer.map((d, i) => parseDer(d, `trusted CA ${i + 1}`));
  const leaf = certs[0];
  const at = leaf.core.notBefore;
  const ku = leaf.core.extKeyUsage;
  const eku = leaf.node.keyUsage;
  if (ku === undefined && (eku === undefined || eku.length === 0)) fail(`signing certificate ${subjectOf(leaf)} has neither KeyUsage nor ExtendedKeyUsage`);
  if (ku !== undefined && !ku.digitalSignature) fail(`signing certificate ${subjectOf(leaf)} is not valid for digitalSignature (KeyUsage)`);
  if (eku !== undefined && eku.length > 0 && !eku.includes(CODE_SIGNING)) fail(`signing certificate ${subjectOf(leaf)} is not valid for codeSigning (ExtendedKeyUsage)`);
  let current = leaf;
  const used = new Set<Cert>([leaf]);
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    if (!validAt(current, at)) fail(`certificate ${subjectOf(current)} is not valid at signing time ${at.toISOString()}`);
    const anchor = anchors.find((a) => issued(current, a));
    if (anchor) {
      if (!mayIssue(anchor)) fail(`trusted CA ${subjectOf(anchor)} is not a CA allowed to sign certificates`);
      if (!validAt(anchor, at)) fail(`trusted CA ${subjectOf(anchor)} is not valid at signing time ${at.toISOString()}`);
      return {
        leafKey: leaf.node.publicKey,
        leafSubject: subjectOf(leaf),
        signingTime: at,
        anchorFingerprint: createHash('sha256').update(anchor.der).digest('hex'),
      };
    }
    if (anchors.some((a) => a.der.equals(current.der))) {
      return { leafKey: leaf.node.publicKey, leafSubject: subjectOf(leaf), signingTime: at, anchorFingerprint: createHash('sha256').update(current.der).digest('hex') };
    }
    const next = certs.find((c) => !used.has(c) && issued(current, c));
    if (!next) fail(`no trusted CA or bundled intermediate issued ${subjectOf(current)}: the chain does not lead to the given CA`);
    if (!mayIssue(next)) fail(`intermediate ${subjectOf(next)} is not a CA allowed to sign certificates`);
    used.add(next);
    current = next;
  }
  fail(`certificate chain is longer than ${MAX_DEPTH}`);
}
