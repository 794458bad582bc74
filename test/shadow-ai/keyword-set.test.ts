import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPrefilter, prefilterFromCache, PREFILTER_SDK, writePrefilterCache } from '../../detectors/shadow-ai/prefilter.js';
import { describe, expect, it } from 'vitest';
import { KeywordSet } from '../../detectors/shadow-ai/keyword-set.js';

describe('KeywordSet', () => {
  const ks = new KeywordSet([['api.openai.com', 1], ['he', 2], ['she', 4], ['hers', 8]]);
  it('reports the groups of every keyword found, overlapping ones included', () => {
    expect(ks.scan('ushers')).toBe(2 | 4 | 8);
    expect(ks.scan('x = "https://api.openai.com/v1"')).toBe(1);
    expect(ks.scan('api.openai.co')).toBe(0);
    expect(ks.scan('API.OPENAI.COM')).toBe(0);
    expect(ks.test('')).toBe(false);
  });
  it('folds case when asked and ignores non-ASCII text', () => {
    const ci = new KeywordSet(['T3BlbkFJ', 'deepseek'], { caseInsensitive: true });
    expect(ci.test('DeepSeek')).toBe(true);
    expect(ci.test('t3blbkfj')).toBe(true);
    expect(ci.test('déepseek ☃ dееpseek')).toBe(false);
    expect(ci.size).toBe(2);
  });
  it('gives the same groups over UTF-8 bytes as over the decoded text, and flags non-ASCII text', () => {
    const ks2 = new KeywordSet([['openai', 1], ['sk-ant-', 2], ['ai', 4], ['', 8], ['clé', 16]], { caseInsensitive: true, nonAsciiBit: 1 << 30 });
    expect(ks2.unmatchable).toBe(8 | 16);
    const texts = ['', 'import OpenAI', 'x = "sk-ant-abc"', 'wait', 'caf\u00e9 openai', 'op\u00e9nai', '\u{1F600}ai', 'open\uFFFDai', 'OPENAI\n', 'a\u00A0i'];
    for (const t of texts) expect(ks2.scanBytes(Buffer.from(t, 'utf8')), t).toBe(ks2.scan(t));
    expect(ks2.scan('import openai') & (1 << 30)).toBe(0);
    expect(ks2.scan('caf\u00e9') & (1 << 30)).toBe(1 << 30);
    // invalid UTF-8 decodes to U+FFFD, which is not ASCII either
    const bad = Buffer.from([0x6f, 0x70, 0xff, 0x65, 0x6e, 0x61, 0x69]);
    expect(ks2.scanBytes(bad)).toBe(ks2.scan(bad.toString('utf8')));
  });
  it('treats the start of the text as a line start when asked', () => {
    const ls = new KeywordSet([['\nort', 1], ['ai', 2]], { lineStart: true });
    expect(ls.scan('ort::init()')).toBe(1);
    expect(ls.scanBytes(Buffer.from('ort::init()'))).toBe(1);
    expect(ls.scan('export x')).toBe(0);
    expect(ls.scan('x\nort')).toBe(1);
    expect(new KeywordSet([['\nort', 1]]).scan('ort')).toBe(0);
  });
});

describe('the keyword automaton on disk (dist/prefilter-dfa.bin)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aibom-dfa-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const samples = [
    'from openai import OpenAI\nclient = OpenAI()\n',
    'const r = await fetch("https://api.anthropic.com/v1/messages")',
    'sk-ant-api03-xxxxxxxx',
    'model = AutoModel.from_pretrained("org/name")',
    'SYSTEM_PROMPT = "You are a helpful assistant"',
    'nothing to see here\n',
    'caf\u00e9 import torch',
    '',
  ];

  it('is the automaton the rule data builds, and is used only while the keywords are unchanged', () => {
    const file = join(dir, 'dfa.bin');
    writePrefilterCache(file);
    const restored = prefilterFromCache(file);
    expect(restored).toBeDefined();
    const built = buildPrefilter();
    for (const s of samples) {
      expect(restored?.scan(s), s).toBe(built.scan(s));
      expect(restored?.scanBytes(Buffer.from(s)), s).toBe(built.scanBytes(Buffer.from(s)));
    }
    expect(built.scan(samples[0]) & PREFILTER_SDK).toBe(PREFILTER_SDK);
    expect(restored?.size).toBe(built.size);
    expect(restored?.unmatchable).toBe(built.unmatchable);
    // built from other keywords (a different key in the header): not used
    const bytes = readFileSync(file);
    const other = Buffer.from(bytes);
    const at = other.indexOf('"key":"') + 7;
    other[at] = other[at] === 0x30 ? 0x31 : 0x30;
    writeFileSync(file, other);
    expect(prefilterFromCache(file)).toBeUndefined();
    // truncated or missing: not used
    writeFileSync(file, bytes.subarray(0, bytes.length - 4));
    expect(prefilterFromCache(file)).toBeUndefined();
    expect(prefilterFromCache(join(dir, 'missing.bin'))).toBeUndefined();
  });
});
