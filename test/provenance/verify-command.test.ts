// `aibom verify`: exit codes 0 / 1 / 2, table and JSON output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVerifyCommand } from '../../src/provenance/verify-command.js';
import { OWN, corpus } from './helpers.js';

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runVerifyCommand(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

const own = (p: string) => join(OWN, p);

describe('aibom verify', () => {
  it('exit 0 for a valid key signature (default model.sig)', async () => {
    const r = await run(own('toy'), '--key', own('keys/p-256-pub.pem'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/status: +verified/);
    expect(r.out).toMatch(/key: +sha256:[0-9a-f]{64}/);
  });
  it('exit 0 keyless with the bundled trusted root, exact identity', async () => {
    const dir = corpus('model-signing/real/v1.1.0-sigstore');
    const r = await run(dir, '--identity', 'stefanb@us.ibm.com', '--issuer', 'https://sigstore.verify.ibm.com/oauth2', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { status: string; signer: unknown; trustedRootSha256: string };
    expect(j.status).toBe('verified');
    expect(j.signer).toEqual({ identity: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' });
    expect(j.trustedRootSha256).toBe('6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66');
  });
  it('identity substring fails, the same as a regex only when asked', async () => {
    const dir = corpus('model-signing/real/v1.1.0-sigstore');
    const iss = ['--issuer', 'https://sigstore.verify.ibm.com/oauth2'];
    expect((await run(dir, '--identity', 'ibm.com', ...iss)).code).toBe(1);
    expect((await run(dir, '--identity', 'ibm\\.com$', '--identity-regex', ...iss)).code).toBe(0);
  });
  it('exit 1 with the failed check and file for ignored-unsigned / ignore-paths', async () => {
    const dir = corpus('model-signing/real/v1.0.1-elliptic-key');
    const key = ['--key', corpus('model-signing/keys/signing-key-pub.pem')];
    const bad = await run(dir, ...key);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('FAILED     [manifest-extra] ignore-me:');
    expect((await run(dir, ...key, '--ignore-paths', 'ignore-me')).code).toBe(0);
    expect((await run(dir, ...key, '--ignore-unsigned-files')).code).toBe(0);
  });
  it('exit 1 for a certificate chain to the wrong root', async () => {
    const r = await run(own('toy'), '--signature', own('sigs/toy-cert.sig'), '--ca', own('ca/other-root.pem'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('[certificate-chain]');
    expect((await run(own('toy'), '--signature', own('sigs/toy-cert.sig'), '--ca', own('ca/root.pem'))).code).toBe(0);
  });
  it.each([
    [[]],
    [['a', 'b', '--key', 'k']],
    [['m']],
    [['m', '--key', 'k', '--ca', 'c']],
    [['m', '--identity', 'x']],
    [['m', '--key', 'k', '--trusted-root', 't']],
    [['m', '--unknown']],
    [['m', '--key', 'k', '--format', 'xml']],
  ])('exit 2 on usage error %j', async (args) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: aibom verify');
  });
  it('exit 2 when the key file or the signature cannot be read', async () => {
    expect((await run(own('toy'), '--key', own('keys/nope.pem'))).code).toBe(2);
    expect((await run(own('single'), '--key', own('keys/p-256-pub.pem'))).code).toBe(2);
  });
  it('--help prints usage and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--ignore-unsigned-files');
  });
  it('the bundled trusted root digest is the one documented', () => {
    const doc = readFileSync(new URL('../../docs/provenance.md', import.meta.url), 'utf8');
    expect(doc).toContain('6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66');
  });
});
