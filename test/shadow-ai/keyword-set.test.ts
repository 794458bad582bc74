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
