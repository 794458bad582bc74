// `db update` / `db import` / `db status` through runDbCommand against a real HTTP server on
// 127.0.0.1 serving OSV zips that the test builds: conditional requests (ETag 304), replacement of a
// source's records, an interrupted download and a corrupt zip leaving the old database usable,
// and a clear error when the server cannot be reached.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbCommand } from '../../src/db/command.js';
import { dbStatus } from '../../src/db/status.js';
import { enrichAdvisories } from '../../src/enrich/advisories.js';
import type { Inventory, LibraryAsset } from '../../src/inventory/types.js';
import { buildZip } from '../helpers/zip-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'aibom-update-'));
const dbPath = join(dir, 'cache', 'advisories.db');
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/advisories/osv/${name}`, import.meta.url), 'utf8');

const MAL = {
  id: 'MAL-2026-9001',
  modified: '2026-11-20T00:00:00Z',
  summary: 'Malicious code in evil-ai-sdk (npm)',
  details: 'test record',
  affected: [{ package: { ecosystem: 'npm', name: 'evil-ai-sdk' }, versions: ['1.0.0', '1.0.1'] }],
};

let content: Record<string, { etag: string; body: Buffer }> = {};
const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  content = {
    '/osv/PyPI/all.zip': { etag: '"pypi-v1"', body: buildZip({ 'GHSA-6qm2-wpxq-7qh2.json': fixture('GHSA-6qm2-wpxq-7qh2.json'), 'GHSA-56xg-wfcc-g829.json': fixture('GHSA-56xg-wfcc-g829.json'), 'junk.json': '{not json' }) },
    '/osv/npm/all.zip': { etag: '"npm-v1"', body: buildZip({ 'MAL-2026-9001.json': JSON.stringify(MAL) }) },
  };
  server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push({ url, headers: req.headers });
    if (url.startsWith('/broken/')) {
      // promises 100 kB, sends 1 kB, then drops the connection
      res.writeHead(200, { 'content-length': '102400', etag: '"broken"' });
      res.write(Buffer.alloc(1024, 7));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (url.startsWith('/garbage/')) {
      const body = Buffer.from('this is not a zip archive at all');
      res.writeHead(200, { 'content-length': String(body.length), etag: '"garbage"' });
      res.end(body);
      return;
    }
    const item = content[url];
    if (!item) {
      res.writeHead(404).end('not found');
      return;
    }
    if (req.headers['if-none-match'] === item.etag) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'content-length': String(item.body.length), etag: item.etag, 'last-modified': 'Sun, 29 Nov 2026 00:00:00 GMT' });
    res.end(item.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const w = (f: (s: string) => void): Writable => new Writable({ write: (c: Buffer, _e, cb) => (f(c.toString()), cb()) });
  const code = await runDbCommand(args, { stdout: w((s) => (out += s)), stderr: w((s) => (err += s)) });
  return { code, out, err };
}

const npmLib = (name: string, version: string): LibraryAsset => ({ key: `pkg:npm/${name}@${version}`, kind: 'library', name, version, ecosystem: 'npm', ai: true, locations: [{ path: 'package-lock.json' }] });
const inv = (assets: LibraryAsset[]): Inventory => ({ root: dir, rootName: 'p', assets, findings: [], warnings: [], stats: { filesWalked: 0, filesInspected: 0, bytesHashed: 0, archivesOpened: 0, durationMs: 0 } });
const sourcesOf = (): Record<string, number> => Object.fromEntries(dbStatus(dbPath).sources.map((s) => [s.name, s.records]));
const strayFiles = (): string[] => readdirSync(join(dir, 'cache')).filter((f) => f !== 'advisories.db');

describe('db update', () => {
  it('downloads BASE/<Ecosystem>/all.zip, imports it (MAL- records included) and records the ETag', async () => {
    const r = await run('update', '--url', `${base}/osv`, '--ecosystem', 'PyPI', '--ecosystem', 'npm', '--db', dbPath);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/osv:PyPI: 2 records, 1 unreadable skipped/);
    expect(r.out).toMatch(/osv:npm: 1 records/);
    const s = dbStatus(dbPath);
    expect(s.kind).toBe('updated');
    expect(s.sources.find((x) => x.name === 'osv:PyPI')?.etag).toBe('"pypi-v1"');
    expect(sourcesOf()['seed:osv']).toBeGreaterThan(250); // the seed stays underneath
    const found = await enrichAdvisories(inv([npmLib('evil-ai-sdk', '1.0.1'), npmLib('evil-ai-sdk', '2.0.0')]), { dbPath });
    expect(found.findings.map((f) => [f.ruleId, f.category, f.subject])).toEqual([['MAL-2026-9001', 'malicious', 'pkg:npm/evil-ai-sdk@1.0.1']]);
    expect(strayFiles()).toEqual([]);
  });

  it('sends If-None-Match and keeps the data on 304 Not Modified', async () => {
    requests.length = 0;
    const before = sourcesOf();
    const r = await run('update', '--url', `${base}/osv`, '--ecosystem', 'PyPI', '--db', dbPath);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/osv:PyPI: not modified/);
    expect(requests[0].headers['if-none-match']).toBe('"pypi-v1"');
    expect(requests[0].headers['if-modified-since']).toBe('Sun, 29 Nov 2026 00:00:00 GMT');
    expect(sourcesOf()).toEqual(before);
  });

  it('a changed export replaces that source\'s records', async () => {
    content['/osv/PyPI/all.zip'] = { etag: '"pypi-v2"', body: buildZip({ 'GHSA-fj32-q626-pjjc.json': fixture('GHSA-fj32-q626-pjjc.json') }) };
    const r = await run('update', '--url', `${base}/osv`, '--ecosystem', 'PyPI', '--db', dbPath);
    expect(r.code).toBe(0);
    expect(sourcesOf()['osv:PyPI']).toBe(1);
    expect(sourcesOf()['osv:npm']).toBe(1);
  });

  it('an interrupted download fails with exit 2 and leaves the old database usable', async () => {
    const before = sourcesOf();
    const r = await run('update', '--url', `${base}/broken`, '--ecosystem', 'PyPI', '--db', dbPath);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/interrupted|incomplete/);
    expect(r.err).toMatch(/existing database is unchanged/);
    expect(sourcesOf()).toEqual(before);
    const still = await enrichAdvisories(inv([npmLib('evil-ai-sdk', '1.0.0')]), { dbPath });
    expect(still.findings.map((f) => f.ruleId)).toEqual(['MAL-2026-9001']);
    expect(strayFiles()).toEqual([]);
  });

  it('a corrupt zip fails cleanly and leaves the old database intact', async () => {
    const before = sourcesOf();
    const r = await run('update', '--url', `${base}/garbage`, '--ecosystem', 'PyPI', '--db', dbPath);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a zip file/);
    expect(sourcesOf()).toEqual(before);
    expect(strayFiles()).toEqual([]);
  });

  it('an HTTP error and an unreachable server give a clear error', async () => {
    const missing = await run('update', '--url', `${base}/osv`, '--ecosystem', 'Hex', '--db', dbPath);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/HTTP 404/);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const offline = await run('update', '--url', `http://127.0.0.1:${port}`, '--ecosystem', 'PyPI', '--db', dbPath);
    expect(offline.code).toBe(2);
    expect(offline.err).toMatch(/network unreachable \(ECONNREFUSED\); are you offline\?/);
  });
});

describe('db import and status', () => {
  it('imports a zip of OSV records and a directory, and reports sources and age', async () => {
    const zip = join(dir, 'extra.zip');
    writeFileSync(zip, buildZip({ 'a/PYSEC-2023-145.yaml': fixture('PYSEC-2023-145.yaml'), 'README.txt': 'ignored' }));
    const r = await run('import', zip, '--db', dbPath);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/import:extra\.zip: 1 records/);
    const status = await run('status', '--db', dbPath, '--json');
    const parsed = JSON.parse(status.out) as { sources: { name: string }[]; counts: { advisories: number } };
    expect(parsed.sources.map((s) => s.name)).toContain('import:extra.zip');
    const text = await run('status', '--db', dbPath);
    expect(text.out).toMatch(/advisories, .* affected packages/);
    expect(text.out).toMatch(/osv:npm\s+1 records/);
  });

  it('usage errors and a missing database', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('import')).code).toBe(2);
    expect((await run('import', join(dir, 'nope'), '--db', dbPath)).err).toMatch(/nothing to import/);
    const none = await run('status', '--db', join(dir, 'absent.db'));
    expect(none.code).toBe(0);
    expect(none.out).toMatch(/not built yet/);
    expect(existsSync(join(dir, 'absent.db'))).toBe(false);
  });

  it('takes the default location from the given env and resolves relative paths against cwd', async () => {
    let out = '';
    const w = new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) });
    expect(await runDbCommand(['status'], { stdout: w, stderr: w, env: { AIBOM_DB: join(dir, 'from-env.db') } })).toBe(0);
    expect(out).toContain(join(dir, 'from-env.db'));
    out = '';
    expect(await runDbCommand(['status', '--db', 'cache/advisories.db'], { stdout: w, stderr: w, cwd: dir })).toBe(0);
    expect(out).toContain(`${dbPath}\n`);
    expect(out).toMatch(/updated data/);
  });
});
