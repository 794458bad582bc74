// The command line contract: help, version, exit codes (0 ok, 2 usage/runtime), outputs.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli.js';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../helpers/schema.js';

function io(cwd = process.cwd()) {
  const chunks = { out: '', err: '' };
  const sink = (k: 'out' | 'err') => new Writable({ write(c, _e, cb) { chunks[k] += c.toString(); cb(); } });
  return { chunks, io: { stdout: sink('out'), stderr: sink('err'), env: {} as NodeJS.ProcessEnv, cwd } };
}

describe('aibom CLI', () => {
  it('prints help and version', async () => {
    const h = io();
    expect(await main(['--help'], h.io)).toBe(0);
    expect(h.chunks.out).toMatch(/Usage: aibom <command>/);
    expect(h.chunks.out).toMatch(/scan/);
    const v = io();
    expect(await main(['--version'], v.io)).toBe(0);
    expect(v.chunks.out.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const s = io();
    expect(await main(['scan', '--help'], s.io)).toBe(0);
    expect(s.chunks.out).toMatch(/--spec-version/);
  });

  it('exits 2 with a helpful message on usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['scan', '--format', 'pdf'], /unknown format "pdf"/],
      [['scan', '--spec-version', '1.2'], /--spec-version must be 1.6 or 1.7/],
      [['scan', '--bogus'], /Unknown option '--bogus'.*aibom scan --help/],
      [['scan', 'a', 'b'], /one PATH/],
      [['scan', '/definitely/not/here'], /no such file or folder/],
    ];
    for (const [args, re] of cases) {
      const c = io();
      expect(await main(args, c.io), args.join(' ')).toBe(2);
      expect(c.chunks.out + c.chunks.err).toMatch(re);
    }
  });

  it('writes several formats from one scan, each valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aibom-cli-'));
    writeFileSync(join(dir, 'readme.txt'), 'nothing to see');
    const c = io(dir);
    const code = await main(['scan', '.', '--no-progress', '--format', 'cyclonedx-json=out/bom.json', '--format', 'cyclonedx-xml=out/bom.xml', '--format', 'json=out/inv.json', '--spec-version', '1.7'], c.io);
    expect(code).toBe(0);
    const bom = JSON.parse(readFileSync(join(dir, 'out/bom.json'), 'utf8'));
    expect(cycloneDxJsonErrors(bom, '1.7')).toEqual([]);
    expect(await cycloneDxXmlErrors(readFileSync(join(dir, 'out/bom.xml'), 'utf8'), '1.7')).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'out/inv.json'), 'utf8')).schemaVersion).toBe(1);
    expect(c.chunks.err).toMatch(/wrote cyclonedx-json to out\/bom.json/);
    expect(c.chunks.out).toBe('');
  });

  it('audits user-level agent configs with --include-home, shown as ~/ paths', async () => {
    const home = mkdtempSync(join(tmpdir(), 'aibom-home-'));
    const repo = mkdtempSync(join(tmpdir(), 'aibom-repo-'));
    mkdirSync(join(home, '.cursor'));
    writeFileSync(join(home, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/'] } } }));
    const c = io(repo);
    c.io.env = { HOME: home };
    expect(await main(['scan', '--include-home', '--format', 'json', '-q'], c.io)).toBe(0);
    const inv = JSON.parse(c.chunks.out);
    const keys = inv.assets.map((a: { key: string }) => a.key);
    expect(keys).toContain('mcp:~/.cursor/mcp.json#fs');
    expect(c.chunks.out).not.toContain(home);
    const plain = io(repo);
    plain.io.env = { HOME: home };
    expect(await main(['scan', '--format', 'json', '-q'], plain.io)).toBe(0);
    expect(JSON.parse(plain.chunks.out).assets).toEqual([]);
  });

  it('sends the BOM to stdout by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aibom-cli-'));
    const c = io(dir);
    expect(await main(['scan', '--no-progress', '-q'], c.io)).toBe(0);
    const bom = JSON.parse(c.chunks.out);
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(cycloneDxJsonErrors(bom)).toEqual([]);
    expect(c.chunks.err).toBe('');
  });
});
