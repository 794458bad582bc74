import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main, registerCommand } from '../../src/cli.js';
import { runExportCommand } from '../../src/export/command.js';
import { uploadToDependencyTrack, apiBase } from '../../src/export/index.js';
import type { CommandIO } from '../../src/commands/io.js';
import { toCycloneDxJson } from '../../src/emit/cyclonedx/json.js';
import { baseInventory } from '../diff/inventories.js';
import { startFakeDtrack, type FakeDtrack } from './fake-dtrack.js';

const KEY = 'odt_Kq3vT9xYzA1b2C3d4E5f6G7h8I9j0KlM';
const FAST = { baseDelayMs: 1, maxDelayMs: 5, pollIntervalMs: 5, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
const NOW = new Date('2026-01-01T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'aibom-export-'));
const BOM16 = join(dir, 'bom.cdx.json');
const BOM17 = join(dir, 'bom17.cdx.json');
writeFileSync(BOM16, toCycloneDxJson(baseInventory(), '1.6', { now: NOW }));
writeFileSync(BOM17, toCycloneDxJson(baseInventory(), '1.7', { now: NOW }));

let tuning: Record<string, unknown> = {};
beforeAll(() => registerCommand('export', 'test', (a, io) => runExportCommand(a, io, { ...FAST, ...tuning })));

async function cli(args: string[], env: Record<string, string | undefined> = { DTRACK_API_KEY: KEY }) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { add(String(chunk)); cb(); } });
  const io: CommandIO = { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), env, cwd: dir };
  const code = await main(['export', 'dependency-track', ...args], io);
  expect(stdout + stderr).not.toContain(KEY);
  return { code, stdout, stderr };
}

let dt: FakeDtrack;
beforeEach(async () => {
  dt = await startFakeDtrack(KEY);
  tuning = {};
});
afterEach(async () => {
  expect(dt.requests.every((r) => r.apiKey === undefined || r.apiKey === KEY)).toBe(true);
  await dt.close();
});

describe('aibom export dependency-track', () => {
  it('uploads with PUT: base64 BOM that decodes to a schema-valid BOM, project fields, tags, auto-create', async () => {
    const r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'app', '--project-version', '1.2.3', '--auto-create',
      '--parent-name', 'platform', '--parent-version', '2026', '--tags', 'ai,aibom']);
    expect(r.stderr).toContain('uploaded to Dependency-Track');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    expect(dt.uploads).toHaveLength(1);
    const u = dt.uploads[0];
    expect(u.method).toBe('PUT');
    expect(u.schemaErrors).toEqual([]);
    expect(u.bom.specVersion).toBe('1.6');
    expect((u.bom.components as unknown[]).length).toBeGreaterThan(3);
    const { bom: _b, ...fields } = u.fields;
    expect(fields).toEqual({ projectName: 'app', projectVersion: '1.2.3', autoCreate: true, parentName: 'platform', parentVersion: '2026',
      projectTags: [{ name: 'ai' }, { name: 'aibom' }] });
    expect([...dt.projects.values()]).toEqual(['app@1.2.3']);
  });

  it('--wait polls the event token until processing is false', async () => {
    dt.processing = [true, true, false];
    const uuid = '0d4b4b3c-6a4e-4f0e-9c1e-2f7f7b1f4a10';
    dt.projects.set(uuid, 'app@1');
    const r = await cli(['bom.cdx.json', '--url', `${dt.url}/api/`, '--project', uuid, '--wait']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('finished processing');
    const polls = dt.requests.filter((q) => q.method === 'GET');
    expect(polls).toHaveLength(3);
    expect(polls[0].path).toBe(`/api/v1/event/token/${r.stdout.trim()}`);
    expect(dt.uploads[0].fields.project).toBe(uuid);
  });

  it('fails with exit 2 when processing outlasts --timeout', async () => {
    dt.processing = [true];
    const r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'app', '--project-version', '1', '--auto-create', '--wait', '--timeout', '0.2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/still processing it after 0\.2 s \(token [0-9a-f-]{36}\)/);
    expect(dt.uploads).toHaveLength(1);
  });

  it('retries a 500 and a dropped connection, then succeeds', async () => {
    dt.failures = [500];
    dt.drops = 1;
    const r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'app', '--project-version', '1', '--auto-create']);
    expect(r.code).toBe(0);
    expect(dt.requests.filter((q) => q.method === 'PUT')).toHaveLength(3);
    expect(r.stderr).toMatch(/retrying/);
    expect(dt.uploads).toHaveLength(1);
  });

  it('gives up after the bounded number of retries on a persistent 503', async () => {
    dt.failures = [503, 503, 503, 503, 503, 503];
    tuning = { retries: 2 };
    const r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'app', '--project-version', '1', '--auto-create']);
    expect(r.code).toBe(2);
    expect(dt.requests).toHaveLength(3);
    expect(r.stderr).toContain('answered 503');
  });

  it('uses multipart POST above the PUT threshold, with the same fields', async () => {
    tuning = { multipartThreshold: 1000 };
    const r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'big', '--project-version', '2', '--auto-create', '--tags', 'x, y']);
    expect(r.code).toBe(0);
    const u = dt.uploads[0];
    expect(u.method).toBe('POST');
    expect(u.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(u.schemaErrors).toEqual([]);
    expect(u.fields).toEqual({ projectName: 'big', projectVersion: '2', autoCreate: 'true', projectTags: 'x,y' });
    expect(u.bom.bomFormat).toBe('CycloneDX');
  });

  it('explains 401 and never shows the key, even when the server echoes it', async () => {
    dt.echoKeyOn401 = true;
    dt.apiKey = 'another-key-the-server-expects';
    const r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'app', '--project-version', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('401 Unauthorized');
    expect(r.stderr).toContain('DTRACK_API_KEY');
    expect(r.stderr).toContain('****'); // the echoed key, redacted
  });

  it('explains 403, 404 and 413', async () => {
    dt.forbidden = true;
    let r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'app', '--project-version', '1', '--auto-create']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('BOM_UPLOAD permission')]);
    dt.forbidden = false;
    r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'nope', '--project-version', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('404 Not Found');
    expect(r.stderr).toContain('--auto-create');
    dt.maxBodyBytes = 500;
    r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'app', '--project-version', '1', '--auto-create']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('413 Payload Too Large');
    expect(r.stderr).toContain('client_max_body_size');
  });

  it('refuses a 1.7 BOM unless --allow-spec-1.7', async () => {
    let r = await cli(['bom17.cdx.json', '--url', dt.url, '--project-name', 'app', '--project-version', '1', '--auto-create']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Dependency-Track 4.x and 5.0 reject');
    expect(dt.requests).toHaveLength(0);
    r = await cli(['bom17.cdx.json', '--url', dt.url, '--project-name', 'app', '--project-version', '1', '--auto-create', '--allow-spec-1.7']);
    expect(r.code).toBe(0);
    expect(dt.uploads[0].bom.specVersion).toBe('1.7');
    expect(dt.uploads[0].schemaErrors).toEqual([]);
  });

  it('takes the API key only from DTRACK_API_KEY', async () => {
    let r = await cli(['bom.cdx.json', '--url', dt.url, '--project-name', 'a', '--project-version', '1'], {});
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('set the DTRACK_API_KEY environment variable')]);
    r = await cli(['bom.cdx.json', '--url', dt.url, `--api-key=${KEY}`, '--project-name', 'a', '--project-version', '1']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('there is no --api-key option')]);
    expect(dt.requests).toHaveLength(0);
  });

  it('reports usage errors with exit 2 before any request', async () => {
    for (const args of [
      ['bom.cdx.json', '--url', dt.url],
      ['bom.cdx.json', '--url', dt.url, '--project', 'not-a-uuid'],
      ['missing.json', '--url', dt.url, '--project-name', 'a', '--project-version', '1'],
      ['bom.cdx.json', '--url', 'ftp://x', '--project-name', 'a', '--project-version', '1'],
      ['bom.cdx.json', '--url', dt.url, '--project-name', 'a', '--project-version', '1', '--timeout', 'soon'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect(dt.requests).toHaveLength(0);
  });

  it('reports an unreachable server after bounded retries', async () => {
    const url = dt.url;
    await dt.close();
    dt = await startFakeDtrack(KEY); // for afterEach
    tuning = { retries: 2 };
    const r = await cli(['bom.cdx.json', '--url', url, '--project-name', 'a', '--project-version', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot reach Dependency-Track .*ECONNREFUSED after 3 attempts/);
  });
});

describe('uploadToDependencyTrack (library)', () => {
  it('returns the token and, with wait, processed', async () => {
    dt.processing = [true, false];
    const lines: string[] = [];
    const res = await uploadToDependencyTrack({
      url: dt.url, apiKey: KEY, bom: toCycloneDxJson(baseInventory(), '1.6', { now: NOW }), projectName: 'lib', projectVersion: '1',
      autoCreate: true, wait: true, log: (l) => lines.push(l), tuning: FAST,
    });
    expect(res).toEqual({ token: expect.stringMatching(/^[0-9a-f-]{36}$/), processed: true, method: 'put' });
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('normalises the API base URL', () => {
    expect(apiBase('https://dt.example.com')).toBe('https://dt.example.com/api');
    expect(apiBase('https://dt.example.com/api/')).toBe('https://dt.example.com/api');
    expect(apiBase('https://dt.example.com/tools/dtrack/api/v1')).toBe('https://dt.example.com/tools/dtrack/api');
  });
});
