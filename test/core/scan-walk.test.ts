// The walk and the pipeline around it, with a test detector so these tests do not depend on the
// real format detectors: .gitignore, excludes, symlinks, unreadable files, archives, hashing, dedupe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as tarCreate } from 'tar';
import { scanInventory } from '../../src/scan.js';
import type { Detector } from '../../src/detect/types.js';
import type { ModelAsset } from '../../src/inventory/types.js';
import { makeZip } from '../helpers/zip-writer.js';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

// claims every *.bin file as a model; reads the head to prove member access works
const binDetector: Detector = {
  id: 'test/bin',
  group: 'model',
  description: 'test',
  scansDependencies: true,
  wants: (f) => f.ext === '.bin',
  async detect(file) {
    const head = (await file.head(4)).toString('latin1');
    const asset: ModelAsset = {
      key: `file:${file.path}`, kind: 'model', format: 'test', present: true, name: file.name,
      locations: [{ path: file.path }], properties: { 'test:head': head },
      ...(file.dependency?.owner ? { properties: { 'test:head': head, 'aibom:dependency:owner': file.dependency.owner } } : {}),
    };
    return { assets: [asset] };
  },
};

let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aibom-walk-'));
  const w = (p: string, c: string | Buffer) => {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), c);
  };
  w('a.bin', 'AAAA model');
  w('copy/a-again.bin', 'AAAA model'); // identical content: one component, two occurrences
  w('ignored/x.bin', 'ignored');
  w('.gitignore', 'ignored/\n*.tmp.bin\n');
  w('scratch.tmp.bin', 'tmp');
  w('excluded/e.bin', 'excluded');
  w('.git/objects/o.bin', 'git internals');
  w('node_modules/@org/pkg/package.json', JSON.stringify({ name: '@org/pkg', version: '1.2.3' }));
  w('node_modules/@org/pkg/weights/w.bin', 'WWWW');
  w('locked/secret.bin', 'nope');
  chmodSync(join(root, 'locked'), 0o000);
  symlinkSync(root, join(root, 'loop'));          // folder link: never entered
  symlinkSync('/etc/hostname', join(root, 'outside.bin')); // out of root: not followed
  symlinkSync('a.bin', join(root, 'link.bin'));   // in-root file link: followed
  // a tar with a member, a traversal member, and a link member
  const staging = mkdtempSync(join(tmpdir(), 'aibom-tar-'));
  mkdirSync(join(staging, 'inner'));
  writeFileSync(join(staging, 'inner', 'm.bin'), 'MMMM member');
  await tarCreate({ file: join(root, 'bundle.tar.gz'), gzip: true, cwd: staging }, ['inner/m.bin']);
  rmSync(staging, { recursive: true });
  w('evil.zip', makeZip([
    { name: 'ok/z.bin', data: Buffer.from('ZZZZ zipped') },
    { name: '../../escape.bin', data: Buffer.from('EEEE') },
  ]));
});
afterAll(() => {
  try { chmodSync(join(root, 'locked'), 0o755); } catch { /* ignore */ }
  rmSync(root, { recursive: true, force: true });
});

describe('scan walk', () => {
  it('finds, hashes and nests what it should, and warns about what it cannot read', async () => {
    const inv = await scanInventory({ path: root, detectorSet: [binDetector], exclude: ['excluded/'] });
    const keys = inv.assets.map((a) => a.key);
    expect(keys).toContain('file:a.bin');
    expect(keys).not.toContain('file:copy/a-again.bin'); // merged into a.bin by content
    const a = inv.assets.find((x) => x.key === 'file:a.bin')!;
    expect(a.hashes?.sha256).toBe(sha('AAAA model'));
    expect(a.locations.map((l) => l.path)).toEqual(['a.bin', 'copy/a-again.bin', 'link.bin']);
    expect(keys.some((k) => k.includes('ignored/'))).toBe(false);
    expect(keys).not.toContain('file:scratch.tmp.bin');
    expect(keys).not.toContain('file:excluded/e.bin');
    expect(keys.some((k) => k.includes('.git/'))).toBe(false);
    expect(keys.some((k) => k.startsWith('file:loop/'))).toBe(false);
    expect(keys).not.toContain('file:outside.bin');
    const dep = inv.assets.find((x) => x.key === 'file:node_modules/@org/pkg/weights/w.bin')!;
    expect(dep.properties?.['aibom:dependency:owner']).toBe('@org/pkg@1.2.3');
    // archive members are components nested under the archive component
    const member = inv.assets.find((x) => x.key === 'file:bundle.tar.gz!/inner/m.bin')!;
    expect(member.parent).toBe('file:bundle.tar.gz');
    expect(member.hashes?.sha256).toBe(sha('MMMM member'));
    expect(member.properties?.['test:head']).toBe('MMMM');
    expect(inv.assets.find((x) => x.key === 'file:bundle.tar.gz')?.hashes?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const zipped = inv.assets.find((x) => x.key === 'file:evil.zip!/ok/z.bin')!;
    expect(zipped.hashes?.sha256).toBe(sha('ZZZZ zipped'));
    // an unsafe member path is a finding, and it never reaches the filesystem
    const trav = inv.findings.find((f) => f.ruleId === 'AIBOM-ARCHIVE-PATH-TRAVERSAL');
    expect(trav?.location.path).toBe('evil.zip');
    expect(trav?.title).toContain('../../escape.bin');
    const warned = inv.warnings.map((w) => `${w.path}: ${w.message}`);
    expect(warned).toContain('outside.bin: symlink points outside the scanned folder: not followed');
    if (process.getuid?.() !== 0) expect(warned.some((w) => w.startsWith('locked:'))).toBe(true);
  });

  it('scans a single file and a single archive given as the path', async () => {
    const one = await scanInventory({ path: join(root, 'a.bin'), detectorSet: [binDetector] });
    expect(one.assets.map((a) => a.key)).toEqual(['file:a.bin']);
    const arch = await scanInventory({ path: join(root, 'bundle.tar.gz'), detectorSet: [binDetector] });
    expect(arch.assets.map((a) => a.key)).toEqual(['file:bundle.tar.gz', 'file:bundle.tar.gz!/inner/m.bin']);
  });

  it('turns a missing path into a clear runtime error', async () => {
    await expect(scanInventory({ path: join(root, 'nope'), detectorSet: [binDetector] })).rejects.toThrow(/no such file or folder/);
  });

  it('turns a file that vanishes mid-scan into a warning, and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aibom-vanish-'));
    writeFileSync(join(dir, 'gone.bin'), 'GGGG');
    writeFileSync(join(dir, 'stays.bin'), 'SSSS');
    const vanishing: Detector = {
      ...binDetector,
      async detect(file, ctx) {
        if (file.name === 'gone.bin') rmSync(join(dir, 'gone.bin'));
        return binDetector.detect(file, ctx);
      },
    };
    const inv = await scanInventory({ path: dir, detectorSet: [vanishing] });
    expect(inv.assets.map((a) => a.key)).toEqual(['file:stays.bin']);
    expect(inv.warnings.find((w) => w.path === 'gone.bin')?.message).toMatch(/detector test\/bin failed: .*ENOENT/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks installed dependencies for models even when .gitignore excludes them; --exclude still wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aibom-deps-'));
    mkdirSync(join(dir, 'node_modules/pkg/models'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/pkg/package.json'), JSON.stringify({ name: 'pkg', version: '2.0.0' }));
    writeFileSync(join(dir, 'node_modules/pkg/models/m.bin'), 'NNNN');
    mkdirSync(join(dir, '.venv/lib/site-packages/tool'), { recursive: true });
    writeFileSync(join(dir, '.venv/lib/site-packages/tool/w.bin'), 'VVVV');
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build/out.bin'), 'BBBB');
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.venv\nbuild/\n');
    const keys = (await scanInventory({ path: dir, detectorSet: [binDetector] })).assets.map((a) => a.key);
    expect(keys).toEqual(['file:.venv/lib/site-packages/tool/w.bin', 'file:node_modules/pkg/models/m.bin']);
    const inv = await scanInventory({ path: dir, detectorSet: [binDetector] });
    expect(inv.assets.find((a) => a.key === 'file:node_modules/pkg/models/m.bin')?.properties?.['aibom:dependency:owner']).toBe('pkg@2.0.0');
    const excluded = await scanInventory({ path: dir, detectorSet: [binDetector], exclude: ['node_modules/'] });
    expect(excluded.assets.map((a) => a.key)).toEqual(['file:.venv/lib/site-packages/tool/w.bin']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('honours --no-gitignore', async () => {
    const inv = await scanInventory({ path: root, detectorSet: [binDetector], gitignore: false });
    expect(inv.assets.map((a) => a.key)).toContain('file:ignored/x.bin');
  });
});
