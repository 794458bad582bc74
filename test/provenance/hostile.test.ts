// Bad input never crashes: truncated, wrongly typed, huge or hostile bundles and statements become reasons.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundleJson } from '../../src/provenance/bundle-json.js';
import { legacyPreAuthEncoding, preAuthEncoding, pythonBytesRepr } from '../../src/provenance/dsse.js';
import { exactPattern } from '../../src/provenance/keyless.js';
import { parseShardName, parseStatement } from '../../src/provenance/statement.js';
import { verifyBundleText, verifyModel } from '../../src/provenance/verify-model.js';
import { CheckFailure } from '../../src/provenance/types.js';

const MT = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const key = { method: 'none' } as const;

function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CheckFailure) return e.check;
    return `threw ${(e as Error).name}`;
  }
  return 'no failure';
}

describe('bundle parsing', () => {
  it.each([
    ['', 'bundle'],
    ['{', 'bundle'],
    ['[]', 'bundle'],
    ['{"mediaType": "application/json"}', 'bundle'],
    [`{"mediaType": "${MT}"}`, 'bundle'],
    [`{"mediaType": "${MT}", "verificationMaterial": {}}`, 'bundle'],
    [`{"mediaType": "${MT}", "verificationMaterial": {"publicKey": {"hint": "x"}}}`, 'envelope'],
    [`{"mediaType": "${MT}", "verificationMaterial": {"publicKey": {}}, "messageSignature": {}}`, 'envelope'],
    [`{"mediaType": "${MT}", "verificationMaterial": {"publicKey": {}}, "dsseEnvelope": {"payloadType": 1}}`, 'envelope'],
    [`{"mediaType": "${MT}", "verificationMaterial": {"publicKey": {}}, "dsseEnvelope": {"payloadType": "t", "payload": "!!!", "signatures": [{"sig": ""}]}}`, 'bundle'],
    [`{"mediaType": "${MT}", "verificationMaterial": {"publicKey": {}}, "dsseEnvelope": {"payloadType": "t", "payload": "", "signatures": []}}`, 'envelope'],
    [`{"mediaType": "${MT}", "verificationMaterial": {"x509CertificateChain": {"certificates": []}}}`, 'bundle'],
    [`{"mediaType": "${MT}", "verificationMaterial": {"certificate": {"rawBytes": 5}}}`, 'bundle'],
  ])('%s -> %s', (text, check) => expect(failure(() => parseBundleJson(text))).toBe(check));
});

describe('statement parsing', () => {
  const st = (o: unknown) => Buffer.from(JSON.stringify(o));
  const base = { _type: 'https://in-toto.io/Statement/v1', predicateType: 'https://model_signing/signature/v1.0', subject: [{ name: 'm', digest: { sha256: '00' } }] };
  const ser = { method: 'files', hash_type: 'sha256', allow_symlinks: false };
  it.each([
    [Buffer.from('not json'), 'statement'],
    [st({ ...base, _type: 'x' }), 'statement'],
    [st({ ...base, predicateType: 'https://slsa.dev/provenance/v1', predicate: {} }), 'statement'],
    [st({ ...base, predicate: { serialization: ser, resources: 'x' } }), 'statement'],
    [st({ ...base, predicate: { serialization: ser, resources: [{ name: 'a', algorithm: 'sha256', digest: 'zz' }] } }), 'statement'],
    [st({ ...base, predicate: { serialization: ser, resources: [{ name: '', algorithm: 'sha256', digest: '00' }] } }), 'statement'],
    [st({ ...base, predicate: { serialization: { ...ser, method: 'digest' }, resources: [] } }), 'unsupported'],
    [st({ ...base, predicate: { serialization: { ...ser, method: 'shards', shard_size: 1.5 }, resources: [] } }), 'statement'],
    [st({ ...base, predicate: { serialization: { ...ser, method: 'shards', shard_size: -8 }, resources: [] } }), 'statement'],
  ])('%#', (payload, check) => expect(failure(() => parseStatement(payload))).toBe(check));

  it('accepts float shard sizes that are integral', () => {
    const m = parseStatement(st({ ...base, predicate: { serialization: { ...ser, method: 'shards', shard_size: 8.0 }, resources: [] } }));
    expect(m.serialization.shardSize).toBe(8);
  });
  it('reads shard names by their last two integers', () => {
    expect(parseShardName('a:b.bin:0:8')).toEqual({ path: 'a:b.bin', start: 0, end: 8 });
    expect(parseShardName('.:0:22')).toEqual({ path: '.', start: 0, end: 22 });
    expect(parseShardName('x:8:0')).toBeUndefined();
    expect(parseShardName('x:1')).toBeUndefined();
  });
});

describe('verification with bad inputs', () => {
  it('a wrongly typed but parseable bundle is invalid with a reason, no throw', () => {
    const text = JSON.stringify({ mediaType: MT, verificationMaterial: { publicKey: { hint: 'ab' } }, dsseEnvelope: { payloadType: 'application/vnd.in-toto+json', payload: b64('{"_type": 3}'), signatures: [{ sig: b64('x') }] } });
    const r = verifyBundleText(text, key);
    expect(r.status).toBe('invalid');
    expect(r.reasons[0].check).toBe('statement');
  });
  it('a garbage public key is a trust error, not a crash', () => {
    const text = JSON.stringify({ mediaType: MT, verificationMaterial: { publicKey: { hint: 'ab' } }, dsseEnvelope: { payloadType: 'application/vnd.in-toto+json', payload: b64('{}'), signatures: [{ sig: b64('x') }] } });
    expect(verifyBundleText(text, { method: 'key', publicKeyPem: 'nope' }).reasons[0].check).toBe('trust');
  });
  it('garbage certificates in a chain are a certificate-chain error', () => {
    const text = JSON.stringify({ mediaType: MT, verificationMaterial: { x509CertificateChain: { certificates: [{ rawBytes: b64('junk') }] } }, dsseEnvelope: { payloadType: 'application/vnd.in-toto+json', payload: b64('{}'), signatures: [{ sig: b64('x') }] } });
    expect(verifyBundleText(text, { method: 'certificate', caPems: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'] }).reasons[0].check).toBe('certificate-chain');
  });
  it('a missing model and a missing signature are io reasons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aibom-bad-'));
    expect((await verifyModel({ modelPath: dir })).reasons[0].check).toBe('io');
    writeFileSync(join(dir, 'model.sig'), '{}');
    expect((await verifyModel({ modelPath: join(dir, 'absent') , signaturePath: join(dir, 'model.sig') })).reasons[0].check).toBe('bundle');
  });
});

describe('encodings', () => {
  it('DSSE PAE', () => expect(preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world'));
  it('Python bytes repr as model_signing v0.2.0 embedded it', () => {
    expect(pythonBytesRepr(Buffer.from('a\n"b\'\\\x00\xff', 'latin1'))).toBe('b\'a\\n"b\\\'\\\\\\x00\\xff\'');
    expect(pythonBytesRepr(Buffer.from("it's"))).toBe('b"it\'s"');
    expect(legacyPreAuthEncoding('t', Buffer.from('{}')).toString()).toBe("DSSEV1 1 t 2 b'{}'");
  });
  it('exact identity pattern escapes and anchors', () => {
    const re = new RegExp(exactPattern('a.b@x.com'));
    expect(re.test('a.b@x.com')).toBe(true);
    expect(re.test('aXb@x.com')).toBe(false);
    expect(re.test('ea.b@x.com')).toBe(false);
    expect(re.test('a.b@x.com.evil')).toBe(false);
  });
});
