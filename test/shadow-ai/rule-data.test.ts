// Every rule file's must-match / must-not-match cases, run against the compiled rules.
import { describe, expect, it } from 'vitest';
import { rng } from '../helpers/rng.js';
import { loadProviders, matchUrl } from '../../detectors/shadow-ai/providers.js';
import { loadKeyRules } from '../../detectors/secrets/rules.js';
import { findKeys, rulesWithKeywords } from '../../detectors/secrets/find-keys.js';
import { loadRefRules } from '../../detectors/model-refs/ref-rules.js';
import { modelRefDetector } from '../../detectors/model-refs/ref-detector.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import type { DetectContext } from '../../src/detect/types.js';

const ctx: DetectContext = { signal: new AbortController().signal, options: { allDependencies: false } };

describe('providers.yml', () => {
  const providers = loadProviders();
  it('has at least 40 providers with unique ids, each with cases', () => {
    expect(providers.length).toBeGreaterThanOrEqual(40);
    expect(new Set(providers.map((p) => p.id)).size).toBe(providers.length);
    for (const p of providers) {
      expect(p.cases.match.length, p.id).toBeGreaterThan(0);
      expect(p.cases.notMatch.length, p.id).toBeGreaterThan(0);
    }
  });
  for (const p of providers) {
    it(`${p.id}: must-match URLs resolve to it, must-not-match URLs do not`, () => {
      for (const u of p.cases.match) expect(matchUrl(u)?.provider.id, u).toBe(p.id);
      for (const u of p.cases.notMatch) expect(matchUrl(u)?.provider.id, u).not.toBe(p.id);
    });
  }
  it('has env var names that all contain "_" (the config scan skips scalars without one)', () => {
    const names = providers.flatMap((p) => [...p.env, ...p.envShared]);
    expect(names.length).toBeGreaterThan(40);
    for (const n of names) expect(n, n).toMatch(/^[A-Z0-9]*_[A-Z0-9_]*$/);
  });
  it('gives the same match for a URL asked again, also after more distinct URLs than it remembers', () => {
    const urls = providers.flatMap((p) => [...p.cases.match, ...p.cases.notMatch]);
    const first = urls.map((u) => `${u} ${matchUrl(u)?.provider.id} ${matchUrl(u)?.endpoint}`);
    // 5 000 distinct URLs push every earlier one out of the remembered set
    for (let i = 0; i < 5000; i++) expect(matchUrl(`https://host${i}.example.com/v1/chat/completions`)?.provider.generic).toBe(true);
    expect(urls.map((u) => `${u} ${matchUrl(u)?.provider.id} ${matchUrl(u)?.endpoint}`)).toEqual(first);
    expect(urls.length).toBeGreaterThan(80);
  });
  it('strips query strings and credentials from endpoints', () => {
    expect(matchUrl('https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?key=AIzaSecret')?.endpoint).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/x:generateContent',
    );
    expect(matchUrl('https://user:pw@api.openai.com/v1/models')?.endpoint).toBe('https://api.openai.com/v1/models');
  });
});

describe('key rule keywords', () => {
  it('are found by the automaton exactly where a search of the lower-cased text finds them', () => {
    const { rules } = loadKeyRules();
    const words = rules.flatMap((r) => r.keywords);
    const next = rng(5);
    const bits = ['x', ' ', '\n', 'K', '\u212a', '\u00e9', '_', '-', '.', 'A', 'I', 'Z'];
    for (let k = 0; k < 3000; k++) {
      const parts: string[] = [];
      for (let j = Math.floor(next() * 6); j > 0; j--) {
        const w = words[Math.floor(next() * words.length)];
        // whole keywords, cut ones, upper-cased ones, and noise between them
        const cut = next() < 0.3 ? w.slice(0, Math.max(1, Math.floor(next() * w.length))) : w;
        parts.push(next() < 0.3 ? cut.toUpperCase() : cut, bits[Math.floor(next() * bits.length)]);
      }
      const text = parts.join('');
      const lower = text.toLowerCase();
      expect({ text, present: rulesWithKeywords(text, rules) }).toEqual({ text, present: rules.map((r) => r.keywords.some((w) => lower.includes(w))) });
    }
  });
});

describe('ai-keys.yml', () => {
  const { rules } = loadKeyRules();
  it('has rules with cases', () => {
    expect(rules.length).toBeGreaterThanOrEqual(25);
    for (const r of rules) expect(r.cases.match.length, r.id).toBeGreaterThan(0);
    for (const r of rules) expect(r.cases.notMatch.length, r.id).toBeGreaterThan(0);
  });
  for (const r of rules) {
    it(`${r.id}: cases`, () => {
      for (const c of r.cases.match) {
        const hits = findKeys(c);
        expect(hits.map((h) => h.rule.rule), c.slice(0, 60)).toContain(r.rule);
        for (const h of hits) {
          expect(h.redacted.length).toBeLessThan(h.length);
          expect(c.includes(h.redacted)).toBe(false);
        }
      }
      for (const c of r.cases.notMatch) expect(findKeys(c).map((h) => h.rule.id), c.slice(0, 60)).not.toContain(r.id);
    });
  }
  it('placeholders and documentation-style values never match any rule', () => {
    const traps = [
      'OPENAI_API_KEY=sk-...',
      'OPENAI_API_KEY=YOUR_KEY_HERE',
      'api_key = "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
      'ANTHROPIC_API_KEY=<your-anthropic-key>',
      'HF_TOKEN=hf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'GROQ_API_KEY=gsk_0000000000000000000000000000000000000000000000000000',
    ];
    for (const t of traps) expect(findKeys(t), t).toEqual([]);
  });
});

describe('model-refs.yml', () => {
  const { cases } = loadRefRules();
  it('has must-match and must-not-match cases', () => {
    expect(cases.filter((c) => c.refs.length > 0).length).toBeGreaterThan(5);
    expect(cases.filter((c) => c.refs.length === 0).length).toBeGreaterThan(3);
  });
  it('collects every reference to one model, one location per line', async () => {
    const line = 'm = AutoModel.from_pretrained("org/name"); t = AutoTokenizer.from_pretrained("org/name")\n';
    const res = await modelRefDetector.detect(memoryFile('load.py', line.repeat(2_000)), ctx);
    expect(res.assets?.map((a) => a.key)).toEqual(['hfref:org/name']);
    expect(res.assets?.[0].locations).toHaveLength(2_000);
    expect(res.assets?.[0].locations[1_999]).toEqual({ path: 'load.py', line: 2_000 });
  });
  for (const c of cases) {
    it(`${c.file}: ${c.code.slice(0, 70)}`, async () => {
      const res = await modelRefDetector.detect(memoryFile(c.file, c.code), ctx);
      expect((res.assets ?? []).map((a) => a.key).sort()).toEqual([...c.refs].sort());
      const f = res.findings ?? [];
      if (c.unpinned !== undefined) expect(f.filter((x) => x.ruleId === 'AIBOM-MODEL-UNPINNED').length).toBe(c.unpinned);
      expect(f.filter((x) => x.ruleId === 'AIBOM-TRUST-REMOTE-CODE').length).toBe(c.trustRemoteCode ?? 0);
    });
  }
});
