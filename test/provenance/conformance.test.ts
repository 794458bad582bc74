// The corpus's held-out cases (fixtures/model-signing/cases.json): real model_signing signatures,
// wrong-input cases, OMS spec vectors and the sigstore-conformance bundles, all offline.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifySigstoreBundle } from '../../src/provenance/keyless.js';
import { verifyBundleText, verifyModel } from '../../src/provenance/verify-model.js';
import { CheckFailure } from '../../src/provenance/types.js';
import { corpus, loadCases, trustFor, type Case } from './helpers.js';

const cases = loadCases();

/** the check that must fail for each invalid OMS case (the "right reason") */
const WHY: Record<string, string> = {
  'input/v1.1.0-sigstore-wrong-identity': 'identity',
  'input/v1.1.0-sigstore-wrong-issuer': 'identity',
  'input/v1.1.0-sigstore-substring-identity': 'identity',
  'input/v1.1.0-sigstore-root-without-tsa': 'timestamp',
  'input/v1.1.0-elliptic-key-wrong-key': 'signature',
  'input/v1.0.1-elliptic-key-wrong-key': 'signature',
  'input/v1.1.0-certificate-wrong-root': 'certificate-chain',
  'input/v1.1.0-sigstore-as-key': 'method-mismatch',
  'oms-spec/invalid-payload/wrong-predicate': 'signature',
  'oms-spec/invalid/empty': 'bundle',
  'oms-spec/invalid/missing-envelope': 'envelope',
  'oms-spec/invalid/missing-tlog-entries': 'transparency-log',
  'oms-spec/invalid/missing-verification-material': 'bundle',
};

describe('corpus cases', () => {
  it('holds the expected numbers of cases', () => {
    expect(cases.filter((c) => c.id.startsWith('real/'))).toHaveLength(13);
    expect(cases.filter((c) => c.kind === 'sigstore-bundle')).toHaveLength(70);
  });
});

describe.each(cases.filter((c) => c.kind === 'oms-model'))('OMS model $id', (c: Case) => {
  it(`is ${c.expected}`, async () => {
    const r = await verifyModel({
      modelPath: corpus(c.model ?? ''),
      signaturePath: corpus(c.signature ?? ''),
      trust: trustFor(c),
      ignorePaths: (c.ignorePaths ?? []).map(corpus),
    });
    if (c.expected === 'valid') {
      expect(r.reasons).toEqual([]);
      expect(r.status).toBe('verified');
      expect(r.resourcesChecked).toBeGreaterThan(0);
      if (c.mode === 'sigstore') expect(r.signer).toEqual({ identity: c.identity, issuer: c.issuer });
      else expect(r.signer?.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    } else {
      expect(r.status).toBe('invalid');
      expect(r.reasons.map((x) => x.check)).toContain(WHY[c.id]);
    }
  });
});

describe.each(cases.filter((c) => c.kind === 'oms-bundle'))('OMS bundle $id', (c: Case) => {
  it(`is ${c.expected}`, () => {
    const r = verifyBundleText(readFileSync(corpus(c.bundle ?? ''), 'utf8'), trustFor(c));
    if (c.expected === 'valid') {
      expect(r.reasons).toEqual([]);
      expect(r.status).toBe('verified');
    } else {
      expect(r.status).toBe('invalid');
      expect(r.reasons.map((x) => x.check)).toContain(WHY[c.id]);
    }
  });
});

describe.each(cases.filter((c) => c.kind === 'sigstore-bundle'))('sigstore-conformance $id', (c: Case) => {
  it(`is ${c.expected}`, () => {
    let outcome: 'valid' | 'invalid' = 'invalid';
    let why = '';
    try {
      const text = readFileSync(corpus(c.bundle ?? ''), 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new CheckFailure('bundle', (e as Error).message);
      }
      verifySigstoreBundle(json, {
        trustedRootJson: readFileSync(corpus(c.trustedRoot ?? ''), 'utf8'),
        identity: c.publicKey ? undefined : { identity: c.identity ?? '', issuer: c.issuer ?? '' },
        publicKeyPem: c.publicKey ? readFileSync(corpus(c.publicKey), 'utf8') : undefined,
        artifact: readFileSync(corpus(c.artifact ?? '')),
      });
      outcome = 'valid';
    } catch (e) {
      why = (e as Error).message;
    }
    expect({ outcome, why: c.expected === 'valid' ? why : '' }).toEqual({ outcome: c.expected, why: '' });
  });
});
