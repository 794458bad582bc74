import { describe, expect, it } from 'vitest';
import { PickleWalker, scanPickle, classifyImport, loadGlobalLists, looksLikePickle, mapPy2 } from '../../src/parsers/pickle/index.js';
import { itemSize } from '../../src/parsers/pickle/joblib-arrays.js';
import { fixture } from './helpers.js';

const P = (s: string): Buffer => Buffer.from(s, 'latin1');
const imports = (r: { imports: { module: string; name: string }[] }): string[] => r.imports.map((i) => `${i.module} ${i.name}`);

async function* chunked(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('pickle walker', () => {
  it('resolves STACK_GLOBAL through the memo (protocol 4)', async () => {
    const r = await scanPickle(fixture('picklescan/data/malicious1_v4.pkl'));
    expect(imports(r)).toEqual(['builtins eval']);
    expect(r.verdict).toBe('dangerous');
    expect(r.calls.reduce).toBe(1);
  });

  it('gives the same answer whatever the chunk size', async () => {
    for (const f of ['picklescan/data/malicious0.pkl', 'picklescan/data2/cloudpickle_codeinjection.pkl', 'serialization/joblib-raw.joblib', 'picklescan/data/pytorch_magic_bypass.pt']) {
      const whole = await scanPickle(fixture(f));
      for (const size of [1, 3, 7, 64]) {
        const part = await scanPickle(chunked(fixture(f), size));
        expect(imports(part), `${f} @${size}`).toEqual(imports(whole));
        expect(part.verdict).toBe(whole.verdict);
        expect(part.opcodes).toBe(whole.opcodes);
      }
    }
  });

  it('continues past STOP: a payload in a second pickle is found', async () => {
    const benign = fixture('picklescan/data/benign0_v4.pkl');
    const evil = fixture('picklescan/data/malicious2_v4.pkl');
    const r = await scanPickle(Buffer.concat([benign, evil]));
    expect(r.pickles).toBe(2);
    expect(imports(r)).toEqual(['posix system']);
    expect(r.error).toBeUndefined();
  });

  it('reports truncation as an error together with what it found', async () => {
    const evil = fixture('picklescan/data/malicious2_v3.pkl');
    const r = await scanPickle(evil.subarray(0, evil.length - 3));
    expect(r.error?.message).toMatch(/truncated/);
    expect(imports(r)).toEqual(['posix system']);
    expect(r.verdict).toBe('dangerous');
    const benign = fixture('picklescan/data/benign0_v3.pkl');
    const rb = await scanPickle(benign.subarray(0, benign.length - 2));
    expect(rb.verdict).toBe('scan-error');
  });

  it('checks declared lengths against the remaining bytes before allocating', async () => {
    // BINUNICODE8 declaring 2^40 bytes
    const huge = Buffer.concat([P('\x80\x04\x8d'), Buffer.from([0, 0, 0, 0, 0, 1, 0, 0]), P('abc')]);
    const r = await scanPickle(huge, { totalSize: huge.length });
    expect(r.error?.message).toMatch(/declares 1099511627776 bytes/);
    // without a known size the stream simply ends inside the argument
    const r2 = await scanPickle(chunked(huge, 4));
    expect(r2.error?.message).toMatch(/truncated/);
  });

  it('skips long arguments without buffering them', async () => {
    const n = 5 << 20;
    const head = Buffer.alloc(5);
    head[0] = 0x42; // BINBYTES
    head.writeUInt32LE(n, 1);
    const data = Buffer.concat([P('\x80\x03'), head, Buffer.alloc(n, 0x41), P('0cos\nsystem\n.')]);
    const r = await scanPickle(chunked(data, 65536));
    expect(imports(r)).toEqual(['os system']);
    expect(r.error).toBeUndefined();
  });

  it('enforces the opcode and stack limits', async () => {
    const ops = Buffer.alloc(1000, 0x4e); // NONE x 1000
    const r = await scanPickle(ops, { maxOpcodes: 100 });
    expect(r.error?.message).toMatch(/opcode limit/);
    const r2 = await scanPickle(ops, { maxStack: 10 });
    expect(r2.error?.message).toMatch(/stack depth limit/);
  });

  it('rejects invalid opcodes and unknown protocols', async () => {
    expect((await scanPickle(P('\x80\x09N.'))).error?.message).toMatch(/protocol 9/);
    expect((await scanPickle(P('N\xff.'))).error?.message).toMatch(/invalid opcode 0xff/);
  });

  it('treats unresolvable operands as unknown (dangerous) and ints by value', async () => {
    // STACK_GLOBAL on an empty stack
    expect(imports(await scanPickle(P('\x80\x04\x93.')))).toEqual(['unknown unknown']);
    // module from a REDUCE result (decided at run time)
    const r = await scanPickle(P('\x80\x04cbuiltins\nstr\n)R\x8c\x06system\x93.'));
    expect(imports(r)).toContain('unknown system');
    expect(r.verdict).toBe('dangerous');
    expect(imports(await scanPickle(P('\x80\x04K*\x8c\x02os\x93.')))).toEqual(['42 os']);
  });

  it('decodes protocol 0 STRING / UNICODE operands', async () => {
    expect(imports(await scanPickle(P("S'os'\nS'system'\n\x93.")))).toEqual(['os system']);
    expect(imports(await scanPickle(P('V\\u006fs\nVsystem\n\x93.')))).toEqual(['os system']);
  });

  it('walks 10 million opcodes with bounded memory', async () => {
    // EMPTY_LIST, then blocks of MARK + 998 BININT1 + APPENDS, fed as 1 MiB chunks
    const block = Buffer.alloc(1 + 998 * 2 + 1);
    block[0] = 0x28;
    for (let i = 0; i < 998; i++) {
      block[1 + i * 2] = 0x4b;
      block[2 + i * 2] = i & 0xff;
    }
    block[block.length - 1] = 0x65;
    const blocksPerChunk = Math.floor((1 << 20) / block.length);
    const chunk = Buffer.concat(Array.from({ length: blocksPerChunk }, () => block));
    const chunks = Math.ceil(10_000_000 / (blocksPerChunk * 1000));
    async function* gen(): AsyncGenerator<Buffer> {
      yield P('\x80\x04]');
      for (let i = 0; i < chunks; i++) yield chunk;
      yield P('.');
    }
    const before = process.memoryUsage().heapUsed;
    const r = await scanPickle(gen());
    expect(r.error).toBeUndefined();
    expect(r.opcodes).toBeGreaterThan(10_000_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 << 20);
  });

  it('steps over joblib array data and finds the payload after it', async () => {
    const r = await scanPickle(fixture('serialization/joblib-raw.joblib'));
    expect(r.error).toBeUndefined();
    expect(imports(r)).toContain('posix system');
    expect(itemSize('<f8')).toBe(8);
    expect(itemSize('|b1')).toBe(1);
    expect(itemSize('<U5')).toBe(20);
    expect(itemSize('O8')).toBe('object');
    expect(itemSize('weird')).toBeUndefined();
  });

  it('sniffs pickles by content', () => {
    expect(looksLikePickle(fixture('picklescan/data/malicious1_v0.pkl'))).toBe(true);
    expect(looksLikePickle(fixture('picklescan/data/malicious11.pkl'))).toBe(true);
    expect(looksLikePickle(fixture('picklescan/data/bad_pytorch.pt'))).toBe(false);
    expect(looksLikePickle(fixture('picklescan/data/not_a_pickle.bin'))).toBe(false);
    expect(looksLikePickle(P('# README\nThis is text.\n'))).toBe(false);
  });
});

describe('pickle verdict lists (detectors/serialization/pickle-globals.yml)', () => {
  const lists = loadGlobalLists();
  for (const verdict of ['dangerous', 'suspicious', 'safe'] as const) {
    it(`${verdict} cases`, () => {
      expect(lists.cases[verdict].length).toBeGreaterThan(3);
      for (const c of lists.cases[verdict]) {
        const sp = c.indexOf(' ');
        expect(classifyImport(c.slice(0, sp), c.slice(sp + 1), lists), c).toBe(verdict);
      }
    });
  }
  it('maps Python 2 names as Python 3 does', () => {
    expect(mapPy2('__builtin__', 'eval')).toEqual({ module: 'builtins', name: 'eval' });
    expect(mapPy2('commands', 'getoutput')).toEqual({ module: 'subprocess', name: 'getoutput' });
    expect(mapPy2('__builtin__', 'xrange')).toEqual({ module: 'builtins', name: 'range' });
    expect(mapPy2('torch', 'FloatStorage')).toEqual({ module: 'torch', name: 'FloatStorage' });
  });
  it('every picklescan block-list entry is in the data with its source', () => {
    const src = fixture('picklescan/UNSAFE-GLOBALS.txt').toString('utf8');
    for (const line of src.split('\n').filter((l) => l.startsWith('UNSAFE\t'))) {
      const [, module, names] = line.split('\t');
      const e = lists.dangerous.get(module);
      expect(e, module).toBeDefined();
      for (const n of names.split(',')) expect(n === '*' ? e?.all : e?.names.has(n), `${module} ${n}`).toBe(true);
    }
  });
});

describe('PickleWalker direct use', () => {
  it('can be fed and ended manually', () => {
    const w = new PickleWalker();
    w.feed(P('\x80\x02cposix\nsys'));
    w.feed(P('tem\nq\x00.'));
    const r = w.end();
    expect(imports(r)).toEqual(['posix system']);
    expect(r.protocols).toEqual([2]);
  });
});
