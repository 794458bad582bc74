// Our own signed toy models (scripts/fixtures/make-sign-fixtures.mjs): each curve with its own hash,
// the test CA chain, shards, and tampering (changed, extra, missing file; rewritten manifest; wrong key;
// chain without intermediate; wrong certificate usage).
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyModel } from '../../src/provenance/verify-model.js';
import type { Trust } from '../../src/provenance/types.js';
import { OWN } from './helpers.js';

const own = (p: string) => join(OWN, p);
const key = (name: string): Trust => ({ method: 'key', publicKeyPem: readFileSync(own(`keys/${name}`), 'utf8') });
const ca = (...names: string[]): Trust => ({ method: 'certificate', caPems: names.map((n) => readFileSync(own(`ca/${n}`), 'utf8')) });

function toyCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aibom-toy-'));
  cpSync(own('toy'), dir, { recursive: true });
  return dir;
}

async function checks(modelPath: string, signaturePath: string | undefined, trust: Trust, extra: { ignoreUnsignedFiles?: boolean; ignorePaths?: string[] } = {}) {
  const r = await verifyModel({ modelPath, signaturePath, trust, ...extra });
  return { status: r.status, checks: r.reasons.map((x) => (x.file ? `${x.check}:${x.file}` : x.check)) };
}

describe('own fixtures: valid signatures', () => {
  it('P-256 key, default signature path toy/model.sig (excluded from the manifest)', async () => {
    const r = await verifyModel({ modelPath: own('toy'), trust: key('p-256-pub.pem') });
    expect(r.reasons).toEqual([]);
    expect(r.status).toBe('verified');
    expect(r.resourcesChecked).toBe(4);
    expect(r.signer?.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
  it('P-384 with SHA-384', async () => {
    expect(await checks(own('toy'), own('sigs/toy-p384.sig'), key('p-384-pub.pem'))).toEqual({ status: 'verified', checks: [] });
  });
  it('P-521 with SHA-512 over a single-file model', async () => {
    expect(await checks(own('single/tiny.gguf'), own('sigs/single-p521.sig'), key('p-521-pub.pem'))).toEqual({ status: 'verified', checks: [] });
  });
  it('16-byte shards listed in reverse order', async () => {
    expect(await checks(own('toy'), own('sigs/toy-shards-p256.sig'), key('p-256-pub.pem'))).toEqual({ status: 'verified', checks: [] });
  });
  it('certificate chain leaf + intermediate to the test root', async () => {
    const r = await verifyModel({ modelPath: own('toy'), signaturePath: own('sigs/toy-cert.sig'), trust: ca('root.pem') });
    expect(r.reasons).toEqual([]);
    expect(r.status).toBe('verified');
    expect(r.signer?.certificateSubject).toContain('aibom test signer');
  });
  it('reuses the caller hashes for whole files', async () => {
    const asked: string[] = [];
    const r = await verifyModel({
      modelPath: own('toy'),
      trust: key('p-256-pub.pem'),
      fileDigest: (rel) => {
        asked.push(rel);
        return rel === 'config.json' ? Promise.resolve('00'.repeat(32)) : undefined;
      },
    });
    expect(asked.sort()).toEqual(['config.json', 'model.safetensors', 'sub/weights.bin', 'tokenizer.json']);
    // the (deliberately wrong) digest handed in is the one compared
    expect(r.reasons.map((x) => `${x.check}:${x.file}`)).toEqual(['manifest-digest:config.json']);
  });
  it('without trust: present-unverified, never verified', async () => {
    expect(await checks(own('toy'), undefined, { method: 'none' })).toEqual({ status: 'present-unverified', checks: [] });
  });
});

describe('own fixtures: tampering', () => {
  it('changed file', async () => {
    const dir = toyCopy();
    appendFileSync(join(dir, 'sub/weights.bin'), 'x');
    expect(await checks(dir, undefined, key('p-256-pub.pem'))).toEqual({ status: 'invalid', checks: ['manifest-digest:sub/weights.bin'] });
    rmSync(dir, { recursive: true });
  });
  it('changed file under shards names the shard', async () => {
    const dir = toyCopy();
    const p = join(dir, 'model.safetensors');
    const b = readFileSync(p);
    b[20] ^= 1;
    writeFileSync(p, b);
    const r = await verifyModel({ modelPath: dir, signaturePath: own('sigs/toy-shards-p256.sig'), trust: key('p-256-pub.pem') });
    expect(r.status).toBe('invalid');
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0].message).toContain('bytes 16-32 of model.safetensors');
    rmSync(dir, { recursive: true });
  });
  it('extra file fails, unless unsigned files are tolerated; ignore paths exclude it', async () => {
    const dir = toyCopy();
    writeFileSync(join(dir, 'sub', 'evil.pkl'), 'cos\nsystem\n');
    expect(await checks(dir, undefined, key('p-256-pub.pem'))).toEqual({ status: 'invalid', checks: ['manifest-extra:sub/evil.pkl'] });
    expect(await checks(dir, undefined, key('p-256-pub.pem'), { ignoreUnsignedFiles: true })).toEqual({ status: 'verified', checks: [] });
    expect(await checks(dir, undefined, key('p-256-pub.pem'), { ignorePaths: ['sub/evil.pkl'] })).toEqual({ status: 'verified', checks: [] });
    // ignore paths are exact relative paths, not names anywhere
    expect((await checks(dir, undefined, key('p-256-pub.pem'), { ignorePaths: ['evil.pkl'] })).status).toBe('invalid');
    rmSync(dir, { recursive: true });
  });
  it('missing file fails even with ignoreUnsignedFiles', async () => {
    const dir = toyCopy();
    unlinkSync(join(dir, 'tokenizer.json'));
    expect(await checks(dir, undefined, key('p-256-pub.pem'), { ignoreUnsignedFiles: true })).toEqual({ status: 'invalid', checks: ['manifest-missing:tokenizer.json'] });
    rmSync(dir, { recursive: true });
  });
  it('rewritten manifest fails the signature', async () => {
    expect(await checks(own('toy'), own('sigs/toy-rewritten.sig'), key('p-256-pub.pem'))).toEqual({ status: 'invalid', checks: ['signature'] });
  });
  it('signed subject digest that does not match the resources', async () => {
    expect(await checks(own('toy'), own('sigs/toy-bad-subject.sig'), key('p-256-pub.pem'))).toEqual({ status: 'invalid', checks: ['subject-digest'] });
  });
  it('wrong key', async () => {
    expect(await checks(own('toy'), undefined, key('wrong-p256-pub.pem'))).toEqual({ status: 'invalid', checks: ['signature'] });
    expect(await checks(own('toy'), own('sigs/toy-p384.sig'), key('p-256-pub.pem'))).toEqual({ status: 'invalid', checks: ['signature'] });
  });
  it('P-384 signature hashed with SHA-256 is rejected (curve hash required)', async () => {
    expect(await checks(own('toy'), own('sigs/toy-p384-sha256.sig'), key('p-384-pub.pem'))).toEqual({ status: 'invalid', checks: ['signature'] });
  });
  it('chain without intermediate', async () => {
    expect(await checks(own('toy'), own('sigs/toy-cert-no-intermediate.sig'), ca('root.pem'))).toEqual({ status: 'invalid', checks: ['certificate-chain'] });
    // trusting the intermediate directly is the user's explicit choice and works
    expect(await checks(own('toy'), own('sigs/toy-cert-no-intermediate.sig'), ca('intermediate.pem'))).toEqual({ status: 'verified', checks: [] });
  });
  it('chain to another root, and a leaf without codeSigning', async () => {
    expect(await checks(own('toy'), own('sigs/toy-cert.sig'), ca('other-root.pem'))).toEqual({ status: 'invalid', checks: ['certificate-chain'] });
    const r = await verifyModel({ modelPath: own('toy'), signaturePath: own('sigs/toy-cert-tls-leaf.sig'), trust: ca('root.pem') });
    expect(r.reasons.map((x) => x.check)).toEqual(['certificate-chain']);
    expect(r.reasons[0].message).toContain('codeSigning');
  });
  it('key bundle checked as certificate, and certificate bundle checked with a key', async () => {
    expect(await checks(own('toy'), undefined, ca('root.pem'))).toEqual({ status: 'invalid', checks: ['method-mismatch'] });
    expect(await checks(own('toy'), own('sigs/toy-cert.sig'), key('p-256-pub.pem'))).toEqual({ status: 'invalid', checks: ['method-mismatch'] });
  });
  it('symlink in the model while the signature forbids symlinks', async () => {
    const dir = toyCopy();
    const { symlinkSync } = await import('node:fs');
    symlinkSync(join(dir, 'config.json'), join(dir, 'link.json'));
    expect(await checks(dir, undefined, key('p-256-pub.pem'))).toEqual({ status: 'invalid', checks: ['symlink:link.json'] });
    rmSync(dir, { recursive: true });
  });
});
