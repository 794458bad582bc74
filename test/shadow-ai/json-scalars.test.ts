// Strict JSON configs are read by jsonTree() instead of the YAML parser (detectors/shadow-ai/json-tree.ts): the
// scalars, keys and lines must be the same, on every JSON file of the repository and on random documents.
import { describe, expect, it } from 'vitest';
import { rng } from '../helpers/rng.js';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configScalars, yamlScalars } from '../../detectors/shadow-ai/config-scan.js';
import { jsonTree } from '../../detectors/shadow-ai/json-tree.js';

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    const st = statSync(p);
    if (st.isDirectory()) jsonFiles(p, out);
    else if (/\.(json|ipynb)$/.test(e) && st.size < 1_000_000) out.push(p);
  }
  return out;
}

describe('JSON configs', () => {
  it('give the YAML parser\'s scalars for every JSON file of the repository', () => {
    const files = [...jsonFiles('fixtures'), ...jsonFiles('advisories'), ...jsonFiles('detectors')];
    expect(files.length).toBeGreaterThan(50);
    let json = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (jsonTree(text)) json++;
      expect({ f, s: configScalars(text) }).toEqual({ f, s: yamlScalars(text) });
    }
    expect(json).toBeGreaterThan(40);
  });

  it('give the YAML parser\'s scalars on random documents', () => {
    const next = rng(11);
    const strings = ['https://api.openai.com/v1', 'gpt-4o', 'a\\"b', '\\u00e9\\ud83d\\ude00', 'x\\ny', 'OPENAI_API_KEY', 'name', 'value', 'model', '', ' sp ', '\\\\', '\\/', '#', 'true'];
    const numbers = ['0', '-0', '1.5', '1e3', '-2.50E-2', '12345678901234567890', '1E400'];
    const gen = (depth: number): string => {
      const r = next();
      if (depth > 4 || r < 0.35) {
        const k = next();
        if (k < 0.6) return `"${strings[Math.floor(next() * strings.length)]}"`;
        if (k < 0.85) return numbers[Math.floor(next() * numbers.length)];
        return ['true', 'false', 'null'][Math.floor(next() * 3)];
      }
      const ws = () => [' ', '', '\n  ', '\r\n', '\t'][Math.floor(next() * 5)];
      if (r < 0.7) {
        const keys = Array.from({ length: Math.floor(next() * 5) }, () => `"${['name', 'value', 'model', 'url', 'env', 'name'][Math.floor(next() * 6)]}"`);
        return `{${keys.map((k) => `${ws()}${k}${ws()}:${ws()}${gen(depth + 1)}`).join(',')}${ws()}}`;
      }
      return `[${Array.from({ length: Math.floor(next() * 5) }, () => `${ws()}${gen(depth + 1)}`).join(',')}${ws()}]`;
    };
    let compared = 0;
    for (let k = 0; k < 1500; k++) {
      const text = `${k % 3 === 0 ? '\n ' : ''}${gen(0)}\n`;
      const tree = jsonTree(text);
      if (!tree) continue;
      compared++;
      expect({ text, s: configScalars(text) }).toEqual({ text, s: yamlScalars(text) });
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('leave everything that is not strict JSON to the YAML parser', () => {
    for (const text of ['{"a": 1,}', '{"a": 1} // c', '\ufeff{"a": 1}', '{"a": "x\ty"}', '[1, 2', '{a: 1}', 'a: 1', '01', '{"a": tru}', `${'['.repeat(2000)}${']'.repeat(2000)}`]) {
      expect({ text, tree: jsonTree(text) }).toEqual({ text, tree: undefined });
    }
    expect(configScalars('{"a": "b",}')).toEqual(yamlScalars('{"a": "b",}'));
  });
});
