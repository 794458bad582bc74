// The native file reader (src/native/fastread.c, built by `npm ci` through scripts/build-native.mjs) and the
// promise that it changes nothing but speed: every folder of the fixtures settles the same with and without
// it, and scans give the same inventory.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  folderPrefetcher,
  KIND_DIR,
  KIND_FILE,
  KIND_LINK,
  KIND_OTHER,
  listFolder,
  NATIVE_LARGE,
  NATIVE_UNREADABLE,
  nativeReader,
  nativeReaderStatus,
  PREFETCH_FILE_LIMIT,
  PREFETCH_LARGE,
  PREFETCH_NOT_READ,
  PREFETCH_UNREADABLE,
  CLASS_NONE,
  CLASS_SPECIAL,
  pickContent,
  resetNativeReader,
  type Listing,
  type NativeReader,
} from '../../src/walk/native-read.js';
import { SMALL_READ_LIMIT } from '../../src/walk/fs-file.js';
import { walkFolders } from '../../src/walk/walker.js';
import { settleFolder } from '../../src/detect/precheck.js';
import { makeSelector, readAheadHints } from '../../src/detect/select.js';
import { allDetectors } from '../../src/detect/registry.js';
import { scanInventory } from '../../src/scan.js';
import { contentKeywords } from '../../src/detect/content-keywords.js';
import { buildPrefilter, prefilterFromCache, prefilterMaskBytes, PREFILTER_SHADOW } from '../../detectors/shadow-ai/prefilter.js';
import { rng as seeded } from '../helpers/rng.js';

const ROOT = process.cwd();

function withNative<T>(on: boolean, f: () => T): T {
  const before = process.env.AIBOM_NATIVE;
  process.env.AIBOM_NATIVE = on ? '1' : '0';
  resetNativeReader();
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.AIBOM_NATIVE;
    else process.env.AIBOM_NATIVE = before;
    resetNativeReader();
  }
}

afterEach(() => resetNativeReader());

/** the native reader with its read-ahead calls (the install step builds it: a test fails without it) */
function readAheadApi(): Required<NativeReader> {
  const native = nativeReader();
  const calls = ['prefetchStart', 'prefetchTake', 'prefetchDrop', 'prefetchFilter', 'prefetchKeywords', 'prefetchStats'] as const;
  if (!native || calls.some((c) => typeof native[c] !== 'function')) throw new Error('native reader missing, or built from older sources');
  return native as Required<NativeReader>;
}

describe.runIf(process.platform !== 'win32')('native reader', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aibom-native-'));
    writeFileSync(join(dir, 'a.py'), 'import openai\n');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'just-small.bin'), Buffer.alloc(SMALL_READ_LIMIT - 1, 7));
    writeFileSync(join(dir, 'just-large.bin'), Buffer.alloc(SMALL_READ_LIMIT, 7));
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(3 * SMALL_READ_LIMIT, 7));
    writeFileSync(join(dir, 'ünï cödé.ts'), 'const x = "é";\n');
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'a.py'), join(dir, 'link.py'));
    // byte order and JavaScript string order differ here: U+1F600 (a surrogate pair) sorts before U+FF21 in UTF-16
    writeFileSync(join(dir, '\u{1F600}.py'), '');
    writeFileSync(join(dir, '\uFF21.py'), '');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is built by the install step and loads', () => {
    // `npm ci` runs scripts/build-native.mjs; where no C compiler exists it is skipped and scans use JavaScript
    expect(nativeReaderStatus(), 'run `node scripts/build-native.mjs` (needs node-gyp and a C compiler)').toBe('native');
    expect(withNative(false, () => nativeReader())).toBeUndefined();
    expect(withNative(false, () => nativeReaderStatus())).toMatch(/AIBOM_NATIVE=0/);
  });

  it('reads small files back to back and marks large, missing and unreadable ones', () => {
    const r = nativeReader();
    if (!r) throw new Error('native reader missing');
    const names = ['a.py', 'empty.txt', 'just-small.bin', 'just-large.bin', 'big.bin', 'missing.py', 'sub', 'x/../a.py', 'ünï cödé.ts', 'link.py'];
    const buf = Buffer.alloc(4 << 20);
    const out = new Int32Array(names.length);
    expect(r.readSmallFiles(dir + '/', names, 0, SMALL_READ_LIMIT, buf, out)).toBe(names.length);
    expect([...out]).toEqual([14, 0, SMALL_READ_LIMIT - 1, NATIVE_LARGE, NATIVE_LARGE, NATIVE_UNREADABLE, NATIVE_UNREADABLE, NATIVE_UNREADABLE, Buffer.byteLength('const x = "é";\n'), 14]);
    expect(buf.subarray(0, 14).toString()).toBe('import openai\n');
    const after = 14 + SMALL_READ_LIMIT - 1;
    expect(buf.subarray(after, after + out[8]).toString()).toBe('const x = "é";\n');
    expect(buf.subarray(after + out[8], after + out[8] + 14).toString()).toBe('import openai\n');
  });

  it('stops when the buffer is full and goes on from where it stopped', () => {
    const r = nativeReader();
    if (!r) throw new Error('native reader missing');
    const names = ['a.py', 'a.py', 'a.py', 'a.py'];
    const out = new Int32Array(names.length).fill(99);
    // room for `limit` bytes twice: two files fit, then fewer than `limit` bytes are left
    const buf = Buffer.alloc(2 * 20 + 5);
    expect(r.readSmallFiles(dir, names, 0, 20, buf, out)).toBe(2);
    expect([...out]).toEqual([14, 14, 99, 99]);
    expect(r.readSmallFiles(dir, names, 2, 20, buf, out)).toBe(4);
    expect([...out]).toEqual([14, 14, 14, 14]);
  });

  it('reports every file of a folder it cannot open as unreadable', () => {
    const r = nativeReader();
    if (!r) throw new Error('native reader missing');
    const out = new Int32Array(2);
    expect(r.readSmallFiles(join(dir, 'no-such-folder'), ['a.py', 'b.py'], 0, 100, Buffer.alloc(1000), out)).toBe(2);
    expect([...out]).toEqual([NATIVE_UNREADABLE, NATIVE_UNREADABLE]);
  });

  it('rejects bad arguments with a TypeError', () => {
    const r = nativeReader() as unknown as { readSmallFiles: (...a: unknown[]) => number };
    expect(() => r.readSmallFiles(dir, ['a.py'], 0, 100, Buffer.alloc(10))).toThrow(TypeError);
    expect(() => r.readSmallFiles(dir, ['a.py'], 0, 100, 'not a buffer', new Int32Array(1))).toThrow(TypeError);
    expect(() => r.readSmallFiles(42, ['a.py'], 0, 100, Buffer.alloc(10), new Int32Array(1))).toThrow(/dir/);
    // a name that is not a string is a file it cannot read
    const out = new Int32Array(2);
    expect(r.readSmallFiles(dir, [42, 'a.py'], 0, 100, Buffer.alloc(1000), out)).toBe(2);
    expect([...out]).toEqual([NATIVE_UNREADABLE, 14]);
    expect(() => r.readSmallFiles(dir, ['a.py', 'b'], 0, 100, Buffer.alloc(10), new Int32Array(1))).toThrow(/as long as names/);
    expect(() => r.readSmallFiles(dir, ['a.py'], 0, 0, Buffer.alloc(10), new Int32Array(1))).toThrow(/limit/);
  });

  it('lists a folder sorted in JavaScript order, with kinds, as readdirSync does', () => {
    const native = listFolder(dir);
    const js = withNative(false, () => listFolder(dir));
    expect(native.names).toEqual(js.names);
    expect([...native.kinds]).toEqual([...js.kinds]);
    const kind = (n: string) => native.kinds[native.names.indexOf(n)];
    expect([kind('a.py'), kind('sub'), kind('link.py'), kind('pipe')]).toEqual([KIND_FILE, KIND_DIR, KIND_LINK, KIND_OTHER]);
    expect(native.names).toEqual([...native.names].sort());
    expect(native.names.indexOf('\u{1F600}.py')).toBeLessThan(native.names.indexOf('\uFF21.py'));
    expect(listFolder(join(dir, 'sub')).names).toEqual([]);
    for (const on of [true, false]) {
      expect(() => withNative(on, () => listFolder(join(dir, 'missing')))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
      expect(() => withNative(on, () => listFolder(join(dir, 'a.py')))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    }
  });

  it('lists every fixture folder as readdirSync does', async () => {
    const folders: string[] = [];
    const collect = (d: string) => {
      folders.push(d);
      const l = withNative(false, () => listFolder(d));
      l.names.forEach((n, i) => l.kinds[i] === KIND_DIR && collect(join(d, n)));
    };
    collect(join(ROOT, 'fixtures'));
    expect(folders.length).toBeGreaterThan(100);
    for (const d of folders) {
      const js = withNative(false, () => listFolder(d));
      const native = listFolder(d);
      expect(native.names, d).toEqual(js.names);
      expect([...native.kinds], d).toEqual([...js.kinds]);
    }
  });

  it('settles every fixture folder exactly as the JavaScript reads do, with and without reading ahead', async () => {
    const select = makeSelector(allDetectors());
    // js: no native reader at all; native: its folder reads, without the bytes read ahead; ahead: with them
    const settle = async (mode: 'js' | 'native' | 'ahead') => {
      const out: string[] = [];
      let withContent = 0;
      process.env.AIBOM_NATIVE = mode === 'js' ? '0' : '1';
      resetNativeReader();
      try {
        const walk = walkFolders({ root: join(ROOT, 'fixtures'), gitignore: false, excludes: [], onWarning: () => {} });
        for await (const folder of walk) {
          if (folder.content) withContent++;
          if (mode === 'native') delete folder.content;
          const { unsettled, quiet } = settleFolder(folder, select);
          out.push(`${folder.rel} quiet=${quiet} ${unsettled.map((u) => `${folder.names[u.i]}:${u.wanting.map((d) => d.id).join('+')}`).join(' ')}`);
        }
      } finally {
        delete process.env.AIBOM_NATIVE;
        resetNativeReader();
      }
      return { out, withContent };
    };
    const js = await settle('js');
    const native = await settle('native');
    const ahead = await settle('ahead');
    expect(js.out.length).toBeGreaterThan(50);
    expect(js.withContent).toBe(0);
    expect(ahead.withContent).toBeGreaterThan(50);
    expect(native.out).toEqual(js.out);
    expect(ahead.out).toEqual(js.out);
    // the pre-check did settle files, and left some to the detectors
    expect(js.out.some((l) => /quiet=[1-9]/.test(l))).toBe(true);
    expect(js.out.join('\n')).toContain('tiny.gguf');
  });

  it('gives the same inventory for the demo and the shadow-AI fixtures', async () => {
    for (const target of ['fixtures/demo', 'fixtures/shadow-ai']) {
      const run = async (native: boolean) => {
        process.env.AIBOM_NATIVE = native ? '1' : '0';
        resetNativeReader();
        try {
          const inv = await scanInventory({ path: join(ROOT, target), advisories: false, now: new Date(0) });
          return JSON.stringify({ ...inv, stats: { ...inv.stats, durationMs: 0 } });
        } finally {
          delete process.env.AIBOM_NATIVE;
          resetNativeReader();
        }
      };
      const js = await run(false);
      expect(await run(true)).toBe(js);
      expect(js.length).toBeGreaterThan(1000);
    }
  });

  describe('reading ahead', () => {
    const contentOf = (l: Listing, name: string): Buffer | number => {
      const i = l.names.indexOf(name);
      const c = l.content;
      if (i < 0 || !c) throw new Error(`${name} not listed`);
      return c.size[i] >= 0 ? c.data.subarray(c.start[i], c.start[i] + c.size[i]) : c.size[i];
    };

    it('lists a folder as listFolder() does and holds the bytes of its small regular files', () => {
      writeFileSync(join(dir, 'at-limit.bin'), Buffer.alloc(PREFETCH_FILE_LIMIT, 1));
      writeFileSync(join(dir, 'below-limit.bin'), Buffer.alloc(PREFETCH_FILE_LIMIT - 1, 2));
      // the last name in byte order, which is the reader thread's order (it opens the names in place)
      writeFileSync(join(dir, '\u{10FFFF}last.txt'), 'the last one');
      try {
        const ahead = folderPrefetcher();
        if (!ahead) throw new Error('native reader missing');
        ahead.start(dir, '', false);
        ahead.start(dir, '', false); // queued once
        expect(ahead.size).toBe(1);
        const l = ahead.take(dir);
        if (!l) throw new Error('not queued');
        const plain = listFolder(dir);
        expect(l.names).toEqual(plain.names);
        expect([...l.kinds]).toEqual([...plain.kinds]);
        expect(l.names.indexOf('\u{1F600}.py')).toBeLessThan(l.names.indexOf('\uFF21.py'));
        for (const name of ['a.py', 'empty.txt', 'ünï cödé.ts', 'below-limit.bin', '\u{1F600}.py', '\u{10FFFF}last.txt']) expect(contentOf(l, name), name).toEqual(readFileSync(join(dir, name)));
        expect(contentOf(l, 'at-limit.bin')).toBe(PREFETCH_LARGE);
        expect(contentOf(l, 'big.bin')).toBe(PREFETCH_LARGE);
        // not regular files: a folder, a link (the walk resolves links itself), a pipe (never opened)
        for (const name of ['sub', 'link.py', 'pipe']) expect(contentOf(l, name), name).toBe(PREFETCH_NOT_READ);
        expect(ahead.take(dir)).toBeUndefined(); // taken
        ahead.close();
      } finally {
        rmSync(join(dir, 'at-limit.bin'));
        rmSync(join(dir, 'below-limit.bin'));
        rmSync(join(dir, '\u{10FFFF}last.txt'));
      }
    });

    it('marks files it cannot open, stops reading at the byte budget, and reports folders it cannot read', () => {
      const r = readAheadApi();
      const d = mkdtempSync(join(tmpdir(), 'aibom-ahead-'));
      try {
        for (const n of ['a', 'b', 'c', 'd']) writeFileSync(join(d, n), n.repeat(10));
        writeFileSync(join(d, 'locked'), 'x');
        chmodSync(join(d, 'locked'), 0);
        const canRead = (() => {
          try {
            readFileSync(join(d, 'locked'));
            return true; // root reads anything
          } catch {
            return false;
          }
        })();
        // a file is read only while the limit (20 bytes) still fits: a and b are read, then 19 bytes are left
        const [names, , sizes, data] = r.prefetchTake(r.prefetchStart(d, 20, 39));
        expect(names.split('\0')).toEqual(['a', 'b', 'c', 'd', 'locked']);
        expect([...sizes].slice(0, 4)).toEqual([10, 10, PREFETCH_NOT_READ, PREFETCH_NOT_READ]);
        expect(data.toString()).toBe('a'.repeat(10) + 'b'.repeat(10));
        const [, , all] = r.prefetchTake(r.prefetchStart(d, 20, 1000));
        expect([...all]).toEqual([10, 10, 10, 10, canRead ? 1 : PREFETCH_UNREADABLE]);
        expect(() => r.prefetchTake(r.prefetchStart(join(d, 'missing'), 20, 1000))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
        expect(() => r.prefetchTake(r.prefetchStart(join(d, 'a'), 20, 1000))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
        // a folder the reader thread has not started is read by prefetchTake() itself, not waited for: the last of
        // 300 folders queued at once, taken at once, is still far back in the reader's queue
        const [, takerBefore] = r.prefetchStats();
        const many = Array.from({ length: 300 }, () => r.prefetchStart(d, 20, 1000, null, null));
        expect(r.prefetchTake(many[299])[0]).toBe(names);
        expect(r.prefetchStats()[1]).toBe(takerBefore + 1);
        for (const id of many.slice(0, 299)) expect(r.prefetchTake(id)[0]).toBe(names);
        expect(r.prefetchStats()[0]).toBeGreaterThan(0);
        // taken in any order; an id is handed over once; dropped ones are gone
        const ids = [d, d, d].map((x) => r.prefetchStart(x, 20, 1000));
        expect(r.prefetchTake(ids[2])[0]).toBe(names);
        expect(r.prefetchTake(ids[0])[0]).toBe(names);
        r.prefetchDrop(ids[1]);
        expect(() => r.prefetchTake(ids[1])).toThrow(/unknown id/);
        expect(() => r.prefetchTake(ids[0])).toThrow(/unknown id/);
        expect(() => (r.prefetchStart as (...a: unknown[]) => number)(42, 20, 1000)).toThrow(TypeError);
        expect(() => r.prefetchStart(d, 0, 1000)).toThrow(/fileLimit/);
      } finally {
        chmodSync(join(d, 'locked'), 0o644);
        rmSync(d, { recursive: true, force: true });
      }
    });

    it('walks with the bytes read ahead equal to the files, and stops cleanly when the walk is left early', async () => {
      let checked = 0;
      for await (const folder of walkFolders({ root: join(ROOT, 'fixtures'), gitignore: false, excludes: [], onWarning: () => {} })) {
        const c = folder.content;
        if (!c) continue;
        folder.names.forEach((n, i) => {
          // every fixture file is readable: none may be left to the JavaScript reads (which would hide a bug here)
          expect(c.size[i], folder.absDir + n).not.toBe(PREFETCH_UNREADABLE);
          if (c.size[i] < 0) return;
          expect(c.data.subarray(c.start[i], c.start[i] + c.size[i]).equals(readFileSync(folder.absDir + n)), folder.absDir + n).toBe(true);
          checked++;
        });
      }
      expect(checked).toBeGreaterThan(500);
      // leaving after the first folders drops what was queued ahead (the walk's finally)
      for (let round = 0; round < 20; round++) {
        let n = 0;
        for await (const folder of walkFolders({ root: join(ROOT, 'fixtures'), gitignore: false, excludes: [], onWarning: () => {} })) {
          expect(folder.names.length).toBeGreaterThan(0);
          if (++n > round % 5) break;
        }
      }
    });

    it('reads only the files a filter selects: extension, name or prefix, lowercased in ASCII', () => {
      const r = readAheadApi();
      const d = mkdtempSync(join(tmpdir(), 'aibom-filter-'));
      try {
        const names = ['.env', '.env.local', 'Dockerfile', 'Dockerfile.dev', 'README.MD', 'a.PY', 'b.py', 'c.txt', 'image.png', 'Makefile', 'x.tar.gz', 'notes.md', 'ask.Prompt.md', 'prompt.md'];
        for (const n of names) writeFileSync(join(d, n), n);
        const filter = r.prefetchFilter(['.py', '.gz', ''], ['readme.md', '.env'], ['dockerfile.'], ['.prompt.md']);
        const [joined, , sizes] = r.prefetchTake(r.prefetchStart(d, 100, 10000, filter));
        const got = Object.fromEntries(joined.split('\0').map((n, i) => [n, sizes[i] >= 0]));
        // '' is "no extension" (a leading dot does not start one): .env is picked by its name, Makefile by ''
        expect(got).toEqual({
          '.env': true,
          '.env.local': false,
          Dockerfile: true,
          'Dockerfile.dev': true,
          'README.MD': true,
          'a.PY': true,
          'b.py': true,
          'c.txt': false,
          'image.png': false,
          Makefile: true,
          'x.tar.gz': true,
          'notes.md': false,
          'ask.Prompt.md': true, // an ending, in any case
          'prompt.md': false,
        });
        // the same filter serves many folders; without one, everything is read
        expect([...r.prefetchTake(r.prefetchStart(d, 100, 10000, filter))[2]].filter((n) => n >= 0)).toHaveLength(9);
        expect([...r.prefetchTake(r.prefetchStart(d, 100, 10000))[2]].filter((n) => n >= 0)).toHaveLength(names.length);
        expect(() => (r.prefetchFilter as (...a: unknown[]) => unknown)(['.py'], 'names', [], [])).toThrow(/arrays of strings/);
        expect(() => (r.prefetchFilter as (...a: unknown[]) => unknown)(['.py'], [], [])).toThrow(/four arrays/);
        // a handle of the wrong kind, or anything else, is refused; null stands for none
        expect(() => (r.prefetchStart as (...a: unknown[]) => unknown)(d, 100, 10000, {})).toThrow(/filter must come from prefetchFilter/);
        const kw = r.prefetchKeywords(new Int32Array(128), new Int32Array(1), new Uint8Array(128), Int32Array.of(1, 0, 0, 0));
        expect(() => (r.prefetchStart as (...a: unknown[]) => unknown)(d, 100, 10000, kw)).toThrow(/filter must come from prefetchFilter/);
        expect(() => (r.prefetchStart as (...a: unknown[]) => unknown)(d, 100, 10000, null, filter)).toThrow(/keywords must come from prefetchKeywords/);
        expect(() => r.prefetchTake(r.prefetchStart(d, 100, 10000, null, null))).not.toThrow();
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    });

    it('classes each file by what of the filter matches its name: its extension alone, something else, or nothing', () => {
      const r = readAheadApi();
      const d = mkdtempSync(join(tmpdir(), 'aibom-classes-'));
      try {
        const names = ['.env', '.env.local', 'Dockerfile', 'Dockerfile.dev', 'README.MD', 'a.PY', 'b.py', 'c.txt', 'x.tar.gz', 'notes.md', 'ask.Prompt.md', 'types.d.ts', 'app.ts', 'ü.py', 'ü.txt', '.py'];
        for (const n of names) writeFileSync(join(d, n), n);
        mkdirSync(join(d, 'sub.py'));
        // the order given, not a sorted one, is what a class indexes
        const exts = ['.ts', '.py', '.gz', ''];
        const filter = r.prefetchFilter(exts, ['readme.md', '.env'], ['dockerfile.'], ['.prompt.md', '.d.ts']);
        const [joined, , sizes, , , classes] = r.prefetchTake(r.prefetchStart(d, 100, 10000, filter));
        expect(classes).toBeInstanceOf(Int32Array);
        const got = Object.fromEntries(joined.split('\0').map((n, i) => [n, [classes?.[i] ?? -9, sizes[i] >= 0]]));
        expect(got).toEqual({
          '.env': [CLASS_SPECIAL, true], // a name
          '.env.local': [CLASS_NONE, false],
          '.py': [3, true], // a leading dot starts no extension: '' (no extension)
          Dockerfile: [3, true],
          'Dockerfile.dev': [CLASS_SPECIAL, true], // a prefix
          'README.MD': [CLASS_SPECIAL, true],
          'a.PY': [1, true], // lowercased
          'b.py': [1, true],
          'c.txt': [CLASS_NONE, false],
          'x.tar.gz': [2, true],
          'notes.md': [CLASS_NONE, false],
          'ask.Prompt.md': [CLASS_SPECIAL, true], // an ending
          'types.d.ts': [CLASS_SPECIAL, true],
          'app.ts': [0, true],
          'ü.py': [CLASS_SPECIAL, true], // not plain ASCII: JavaScript lowercases beyond ASCII, so it judges the name
          'ü.txt': [CLASS_SPECIAL, false],
          'sub.py': [CLASS_SPECIAL, false], // not a regular file
        });
        // without a filter there are no classes
        expect(r.prefetchTake(r.prefetchStart(d, 100, 10000))[5]).toBeUndefined();
        // the walk hands them on with the filter's extensions, and a pick keeps them
        const ahead = folderPrefetcher({ files: { all: false, exts, names: ['readme.md', '.env'], prefixes: ['dockerfile.'], suffixes: ['.prompt.md', '.d.ts'], folders: [] }, dependencies: { all: true, exts: [], names: [], prefixes: [], suffixes: [], folders: [] } });
        ahead?.start(d, '', false);
        const listing = ahead?.take(d);
        ahead?.close();
        const content = listing?.content;
        expect(content?.exts).toEqual(exts);
        const at = (n: string) => listing?.names.indexOf(n) ?? -1;
        expect(content?.classes?.[at('app.ts')]).toBe(0);
        const picked = content && pickContent(content, [at('b.py'), -1, at('c.txt')]);
        expect([...(picked?.classes ?? [])]).toEqual([1, CLASS_SPECIAL, CLASS_NONE]);
        expect(picked?.exts).toEqual(exts);
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    });

    it('reads every folder right when the walk takes them while the reader is busy (the taker reads others meanwhile)', () => {
      const r = readAheadApi();
      const d = mkdtempSync(join(tmpdir(), 'aibom-steal-'));
      try {
        for (let f = 0; f < 40; f++) {
          mkdirSync(join(d, `f${f}`));
          for (let i = 0; i < 30; i++) writeFileSync(join(d, `f${f}`, `x${i}.py`), `# ${f}/${i}\n`.repeat(1 + ((f * 7 + i) % 13)));
        }
        const before = r.prefetchStats();
        // eight queued at a time, taken oldest first: a taker that finds the reader on its folder reads queued ones
        const queued: { f: number; id: number }[] = [];
        const takeOldest = () => {
          const q = queued.shift() as { f: number; id: number };
          const [joined, , sizes, data] = r.prefetchTake(q.id);
          const names = joined.split('\0');
          expect(names).toHaveLength(30);
          let at = 0;
          names.forEach((n, i) => {
            expect(data.subarray(at, at + sizes[i]).equals(readFileSync(join(d, `f${q.f}`, n))), `f${q.f}/${n}`).toBe(true);
            at += sizes[i];
          });
        };
        for (let f = 0; f < 40; f++) {
          queued.push({ f, id: r.prefetchStart(join(d, `f${f}`), 100_000, 1 << 20, null, null) });
          if (queued.length === 8) takeOldest();
        }
        while (queued.length > 0) takeOldest();
        const after = r.prefetchStats();
        expect(after[0] - before[0] + after[1] - before[1]).toBe(40);
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    });

    it('reads ahead what the detectors may want, everything in a folder that a folder hint names, and leaves the rest to the pre-check', async () => {
      const d = mkdtempSync(join(tmpdir(), 'aibom-hints-'));
      try {
        mkdirSync(join(d, 'src'));
        mkdirSync(join(d, '.cursor'));
        mkdirSync(join(d, 'node_modules', 'pkg'), { recursive: true });
        for (const f of ['src/app.py', 'src/logo.png', 'src/sound.wav', 'src/notes.md', 'src/ask.prompt.md', '.cursor/anything.weird', 'node_modules/pkg/index.js', 'node_modules/pkg/model.safetensors']) writeFileSync(join(d, f), `x ${f}\n`);
        const detectors = allDetectors();
        const readAhead = { files: readAheadHints(detectors), dependencies: readAheadHints(detectors.filter((x) => x.scansDependencies)) };
        expect(readAhead.files.all).toBe(false);
        expect(readAhead.files.exts).toContain('.py');
        expect(readAhead.files.folders).toContain('/.cursor/');
        const read = new Map<string, boolean>();
        for await (const folder of walkFolders({ root: d, gitignore: true, excludes: [], onWarning: () => {}, readAhead })) {
          folder.names.forEach((n, i) => read.set(folder.rel ? `${folder.rel}/${n}` : n, (folder.content?.size[i] ?? -9) >= 0));
        }
        expect(Object.fromEntries(read)).toEqual({
          'src/app.py': true,
          'src/logo.png': false,
          'src/sound.wav': false,
          'src/notes.md': false, // no detector wants Markdown as such
          'src/ask.prompt.md': true, // a prompt file (agent/instructions: **/*.prompt.md)
          '.cursor/anything.weird': true,
          'node_modules/pkg/index.js': false, // the JavaScript detectors do not look into installed dependencies
          'node_modules/pkg/model.safetensors': true,
        });
        // and the scan finds the same with and without reading ahead
        const scan = async (native: boolean) => {
          process.env.AIBOM_NATIVE = native ? '1' : '0';
          resetNativeReader();
          try {
            const inv = await scanInventory({ path: d, advisories: false, now: new Date(0) });
            return JSON.stringify({ ...inv, stats: { ...inv.stats, durationMs: 0 } });
          } finally {
            delete process.env.AIBOM_NATIVE;
            resetNativeReader();
          }
        };
        expect(await scan(true)).toBe(await scan(false));
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    });

    it('finds each file\'s keyword bits as the detectors\' keyword pass does, on every fixture file and random bytes', async () => {
      const r = readAheadApi();
      const k = contentKeywords();
      if (!k) throw new Error('the keyword module did not register');
      const a = k.automaton();
      const kw = r.prefetchKeywords(a.delta, a.accept, a.fold, a.numbers);
      const ks = prefilterFromCache() ?? buildPrefilter();
      let compared = 0;
      let withBits = 0;
      const check = (folder: string) => {
        const [joined, , sizes, data, masks] = r.prefetchTake(r.prefetchStart(folder, PREFETCH_FILE_LIMIT, 64 << 20, null, kw));
        if (!masks) throw new Error('no keyword bits');
        let at = 0;
        joined.split('\0').forEach((name, i) => {
          if (sizes[i] < 0) return;
          const bytes = data.subarray(at, at + sizes[i]);
          at += sizes[i];
          expect(masks[i], `${folder}/${name}`).toBe(ks.scanBytes(bytes));
          compared++;
          if (masks[i] !== 0) withBits++;
        });
      };
      for await (const folder of walkFolders({ root: join(ROOT, 'fixtures'), gitignore: false, excludes: [], onWarning: () => {} })) check(folder.absDir);
      check(join(ROOT, 'detectors', 'shadow-ai'));
      // random bytes with keywords spliced in, upper case and non-ASCII bytes among them
      const d = mkdtempSync(join(tmpdir(), 'aibom-kw-'));
      try {
        const rand = seeded(7);
        const words = ['api.openai.com', 'ANTHROPIC_API_KEY', 'from_pretrained', 'import openai', 'sk-', 'hf_', 'system_prompt', 'é', '\n'];
        for (let f = 0; f < 300; f++) {
          let text = '';
          while (text.length < rand() * 2000) text += rand() < 0.3 ? words[Math.floor(rand() * words.length)] : String.fromCharCode(32 + Math.floor(rand() * 95));
          writeFileSync(join(d, `f${f}`), rand() < 0.5 ? text : text.toUpperCase());
        }
        check(d);
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
      expect(compared).toBeGreaterThan(1000);
      expect(withBits).toBeGreaterThan(200);
      // the tables are checked before the reader thread trusts them
      expect(() => r.prefetchKeywords(new Int32Array(128).fill(5), new Int32Array(1), new Uint8Array(128), Int32Array.of(1, 0, 0, 0))).toThrow(/leaves the table/);
      expect(() => r.prefetchKeywords(new Int32Array(100), new Int32Array(1), new Uint8Array(128), Int32Array.of(1, 0, 0, 0))).toThrow(/do not fit/);
      expect(() => r.prefetchKeywords(new Int32Array(128), new Int32Array(1), new Uint8Array(128).fill(200), Int32Array.of(1, 0, 0, 0))).toThrow(/not ASCII/);
      expect(() => r.prefetchKeywords(new Int32Array(128), new Int32Array(1), new Uint8Array(128), Int32Array.of(1, 0, 3, 0))).toThrow(/start state/);
    });

    it('hands the keyword bits to the pre-check, which then does not scan the bytes again', async () => {
      const k = contentKeywords();
      if (!k) throw new Error('the keyword module did not register');
      const bytes = Buffer.from('nothing to see here');
      k.prime(bytes, PREFILTER_SHADOW);
      // primed bits win for exactly these bytes (a real scan would find none); other bytes are scanned
      expect(prefilterMaskBytes(bytes) & PREFILTER_SHADOW).toBe(PREFILTER_SHADOW);
      expect(prefilterMaskBytes(Buffer.from('nothing to see here')) & PREFILTER_SHADOW).toBe(0);
      // and a walk with the automaton gives every read file its bits
      const a = k.automaton();
      let files = 0;
      for await (const folder of walkFolders({ root: join(ROOT, 'fixtures', 'shadow-ai'), gitignore: false, excludes: [], onWarning: () => {}, readAhead: { files: { all: true, exts: [], names: [], prefixes: [], suffixes: [], folders: [] }, dependencies: { all: true, exts: [], names: [], prefixes: [], suffixes: [], folders: [] }, keywords: a } })) {
        const c = folder.content;
        if (!c) continue; // the scan root is listed before the read-ahead starts
        if (!c.mask) throw new Error(`no keyword bits for ${folder.rel}`);
        folder.names.forEach((_, i) => {
          if (c.size[i] < 0) return;
          expect(c.mask?.[i]).toBe(prefilterMaskBytes(Buffer.from(c.data.subarray(c.start[i], c.start[i] + c.size[i]))));
          files++;
        });
      }
      expect(files).toBeGreaterThan(20);
    });

    it('picks some files of a folder\'s read-ahead bytes, with their keyword bits, without copying the bytes', () => {
      const data = Buffer.from('aaabbc');
      const c = { data, start: Int32Array.of(0, 3, 5, 6), size: Int32Array.of(3, 2, 1, PREFETCH_LARGE), mask: Int32Array.of(1, 2, 4, 0) };
      const p = pickContent(c, [2, -1, 0, 3]);
      expect(p.data).toBe(data);
      expect([...p.size]).toEqual([1, PREFETCH_NOT_READ, 3, PREFETCH_LARGE]);
      expect(p.data.subarray(p.start[0], p.start[0] + p.size[0]).toString()).toBe('c');
      expect(p.data.subarray(p.start[2], p.start[2] + p.size[2]).toString()).toBe('aaa');
      expect([...(p.mask ?? [])]).toEqual([4, 0, 1, 0]);
      expect(pickContent({ data, start: c.start, size: c.size }, [1]).mask).toBeUndefined();
    });
  });
});
