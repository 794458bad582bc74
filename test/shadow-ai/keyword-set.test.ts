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
});
