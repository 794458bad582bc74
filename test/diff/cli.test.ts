import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main, registerCommand } from '../../src/cli.js';
import { runDiffCommand } from '../../src/diff/command.js';
import type { CommandIO } from '../../src/commands/io.js';
import { toCycloneDxJson } from '../../src/emit/cyclonedx/json.js';
import { cycloneDxJsonErrors } from '../helpers/schema.js';
import { baseInventory, prInventory } from './inventories.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const FIX = join(import.meta.dirname, '../../fixtures/diff');
const dir = mkdtempSync(join(tmpdir(), 'aibom-diff-'));

function write(name: string, text: string): void {
  writeFileSync(join(dir, name), text);
}

beforeAll(() => {
  registerCommand('diff', 'test', runDiffCommand);
  write('base.json', toCycloneDxJson(baseInventory(), '1.6', { now: NOW }));
  write('pr.json', toCycloneDxJson(prInventory(), '1.7', { now: NOW }));
  expect(cycloneDxJsonErrors(JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')))).toEqual([]);
  expect(cycloneDxJsonErrors(JSON.parse(readFileSync(join(dir, 'pr.json'), 'utf8')), '1.7')).toEqual([]);
  for (const f of ['spdx.json', 'cdx-1.5.json', 'truncated.json']) copyFileSync(join(FIX, f), join(dir, f));
});

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write(c, _e, cb) { add(String(c)); cb(); } });
  const io: CommandIO = { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), env: {}, cwd: dir };
  const code = await main(['diff', ...args], io);
  return { code, stdout, stderr };
}

describe('aibom diff (command)', () => {
  it('prints a table by default and exits 0 without a gate', async () => {
    const r = await cli('base.json', 'pr.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^AI-BOM diff: 1 hash change, 2 new vulnerabilities, 1 model added/);
    expect(r.stdout).toContain('! Content changed at the same path (possible tampering) (1)');
  });

  it('exits 1 when --fail-on-new finds new items of the kinds given, 0 otherwise', async () => {
    let r = await cli('base.json', 'pr.json', '--fail-on-new', 'model');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gate failed: 1 new model');
    r = await cli('base.json', 'pr.json', '--fail-on-new', 'hash-change', '--fail-on-new', 'provider,endpoint');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 new hash-change, 1 new provider, 2 new endpoint');
    // the reverse direction removes providers and endpoints: nothing new of those kinds
    r = await cli('pr.json', 'base.json', '--fail-on-new', 'provider,endpoint', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { gate: { failed: boolean }; models: { removed: unknown[] } };
    expect(json.gate.failed).toBe(false);
    expect(json.models.removed).toHaveLength(1);
    r = await cli('base.json', 'base.json', '--fail-on-new', 'all');
    expect(r.code).toBe(0);
  });

  it('writes Markdown to --output', async () => {
    const r = await cli('base.json', 'pr.json', '--format', 'markdown', '-o', 'out/diff.md', '--fail-on-new', 'vulnerability');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const md = readFileSync(join(dir, 'out/diff.md'), 'utf8');
    expect(md).toContain('**Gate: FAILED: 2 new vulnerability.**');
  });

  it('exits 2 for usage errors, unreadable files and documents that are not CycloneDX 1.6/1.7 JSON', async () => {
    const cases: [string[], RegExp][] = [
      [['base.json'], /two BOM files/],
      [['base.json', 'pr.json', '--format', 'pdf'], /--format must be one of/],
      [['base.json', 'pr.json', '--fail-on-new', 'everything'], /unknown kind "everything"/],
      [['base.json', 'missing.json'], /cannot read missing\.json: ENOENT/],
      [['spdx.json', 'pr.json'], /spdx\.json is not a CycloneDX JSON BOM/],
      [['base.json', 'cdx-1.5.json'], /cdx-1\.5\.json is CycloneDX 1\.5/],
      [['truncated.json', 'pr.json'], /truncated\.json is not valid JSON/],
      [['base.json', '.'], /\. is not a file/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('survives hostile BOMs and keeps escapes and markup out of its output', async () => {
    let deep: Record<string, unknown> = { type: 'library', name: 'deep', 'bom-ref': 'lib:deep' };
    for (let i = 0; i < 2000; i++) deep = { type: 'library', name: `n${i}`, 'bom-ref': `lib:n${i}`, components: [deep] };
    const model = (sha: string) => ({ type: 'machine-learning-model', name: 'model', 'bom-ref': 'file:models/m.bin',
      hashes: [{ alg: 'SHA-256', content: sha }], properties: [{ name: 'aibom:location', value: 'models/m.bin' }] });
    const junk = ['not an object', 42, null, { type: 7, name: ['x'], 'bom-ref': { a: 1 }, licenses: 'MIT', hashes: { alg: 'SHA-256' }, properties: [{ name: 1 }, 'x'] }];
    const old = { bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [model('1'.repeat(64)), ...junk],
      services: { not: 'a list' }, vulnerabilities: [{ id: 5 }, { no: 'id' }, 'x'] };
    const evil = '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 <img src=x onerror=alert(1)> | [link](https://evil.example) \u202e';
    const neu = { ...old, components: [model('2'.repeat(64)), ...junk, { type: 'machine-learning-model', name: evil, 'bom-ref': 'file:models/evil.bin' },
      { type: 'machine-learning-model', 'bom-ref': 'file:models/noname.bin' }, deep],
      services: [{ name: 'svc', 'bom-ref': 'service:x', endpoints: ['https://a.example/v1', 5, null] }] };
    write('hostile-old.json', JSON.stringify(old));
    write('hostile-new.json', JSON.stringify(neu));
    const table = await cli('hostile-old.json', 'hostile-new.json', '--fail-on-new', 'hash-change,model,endpoint');
    expect(table.code).toBe(1);
    expect(table.stderr).toContain('1 new hash-change, 2 new model, 1 new endpoint');
    expect(table.stdout).toContain('warning: hostile-new.json: components nested deeper than 64 levels were skipped');
    expect(table.stdout).toContain('warning: hostile-old.json: "services" is not a list and was ignored');
    expect(table.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
    const md = await cli('hostile-old.json', 'hostile-new.json', '--format', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).not.toMatch(/(?<!\\)<img/);
    expect(md.stdout).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
    expect(md.stdout).toContain('\\<img src=x onerror=alert(1)\\> \\| \\[link\\](https://evil.example)');
  });
});
