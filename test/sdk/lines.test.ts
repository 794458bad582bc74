// Line lookups for manifests (src/parsers/manifests/lines.ts): the token index gives what the regular expression
// over the whole text gave, and a manifest with tens of thousands of dependencies stays linear.
import { describe, expect, it } from 'vitest';
import { rng } from '../helpers/rng.js';
import { lineAt, lineOf, lineOfName, lineOfNameByRegex } from '../../src/parsers/manifests/lines.js';
import { parseManifest } from '../../src/parsers/manifests/index.js';

describe('manifest line lookups', () => {
  it('lineAt and lineOf count lines as before', () => {
    const text = 'a\nbb\n\nccc\r\nd';
    const naive = (o: number) => 1 + [...text.slice(0, Math.max(0, o))].filter((c) => c === '\n').length;
    for (let o = -1; o <= text.length + 1; o++) expect(lineAt(text, o)).toBe(naive(o));
    expect(lineOf(text, 'ccc')).toBe(4);
    expect(lineOf(text, 'd', 3)).toBe(5);
    expect(lineOf(text, 'zz')).toBeUndefined();
  });

  it('lineOfName equals the regular expression on random texts and names', () => {
    const next = rng(7);
    const alphabet = ['a', 'b', 'A', 'B', '-', '_', '.', '"', "'", ' ', '\n', '\r', '\t', '[', '{', ',', ':', '=', '<', '>', '!', '~', ';', '@', ')', '(', '/', '\u00e9', '\u212a', 'k', 'K', '1'];
    for (let t = 0; t < 400; t++) {
      const text = Array.from({ length: Math.floor(next() * 120) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      for (let k = 0; k < 40; k++) {
        let name: string;
        if (k % 2 === 0 && text.length > 0) {
          const s = Math.floor(next() * text.length);
          name = text.slice(s, s + 1 + Math.floor(next() * 5));
        } else name = Array.from({ length: 1 + Math.floor(next() * 4) }, () => alphabet[Math.floor(next() * 12)]).join('');
        for (const pypi of [false, true]) expect({ text, name, pypi, line: lineOfName(text, name, pypi) }).toEqual({ text, name, pypi, line: lineOfNameByRegex(text, name, pypi) });
      }
    }
  });

  it('finds real dependency names', () => {
    const text = 'dependencies = [\n  "LangChain_OpenAI>=0.2",\n  "openai",\n]\n[tool.poetry.dependencies]\nzope.interface = "*"\n"@scope/pkg" = 1\n';
    expect(lineOfName(text, 'langchain-openai', true)).toBe(2);
    expect(lineOfName(text, 'langchain-openai')).toBeUndefined();
    expect(lineOfName(text, 'openai', true)).toBe(3);
    expect(lineOfName(text, 'zope-interface', true)).toBe(6);
    expect(lineOfName(text, '@scope/pkg')).toBe(7);
  });

  it('reads a pyproject.toml with 60 000 dependencies in linear time', () => {
    // each dependency's line was a scan of the whole text: ~2 minutes for this file, over vitest's timeout
    const names = Array.from({ length: 60_000 }, (_, i) => `pkg-${i}`);
    const text = `[project]\nname = "x"\ndependencies = [\n${names.map((n) => `  "${n}==1.0",\n`).join('')}  "openai>=1",\n]\n`;
    const r = parseManifest('pyproject', text);
    expect(r.deps).toHaveLength(60_001);
    expect(r.deps.find((d) => d.name === 'openai')?.line).toBe(60_004);
    expect(r.deps.find((d) => d.name === 'pkg-59999')?.line).toBe(60_003);
  });
});
