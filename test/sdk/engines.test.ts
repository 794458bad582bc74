// The two tree-sitter engines (src/parsers/source/engines.ts): parsing starts on the Liftoff-only engine and moves
// to the optimizing one for good once AIBOM_QUICK_PARSE_CHARS characters are used; both give the same trees; the
// V8 flags the quick compiles change are restored exactly (the code-cache tag is back to its value).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedDataVersionTag } from 'node:v8';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type TreeSitterModule = typeof import('../../src/parsers/source/tree-sitter.js');
type EnginesModule = typeof import('../../src/parsers/source/engines.js');

/** fresh copies of both modules (their engines and counters start anew) with AIBOM_QUICK_PARSE_CHARS set */
async function fresh(quickChars: string | undefined): Promise<{ ts: TreeSitterModule; engines: EnginesModule }> {
  vi.resetModules();
  if (quickChars === undefined) vi.stubEnv('AIBOM_QUICK_PARSE_CHARS', '');
  else vi.stubEnv('AIBOM_QUICK_PARSE_CHARS', quickChars);
  const ts = await import('../../src/parsers/source/tree-sitter.js');
  const engines = await import('../../src/parsers/source/engines.js');
  return { ts, engines };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) sourceFiles(p, out);
    else if (st.size < 200_000 && /\.(py|js|mjs|ts|tsx|go|java|cs|rs|rb)$/.test(name)) out.push(p);
  }
  return out;
}

describe('tree-sitter engines', () => {
  it('parses on the quick engine first and on the optimizing engine once the quick share is used, for good', async () => {
    const { ts, engines } = await fresh('100');
    const a = 'import openai\nclient = openai.OpenAI()\n'; // 39 characters
    const b = 'from anthropic import Anthropic\nx = Anthropic().messages\n'; // 57: 39 + 57 <= 100
    const c = 'import os\n' + 'y = 1\n'.repeat(10); // 70: over the share
    const t1 = await ts.parseSource('python', a);
    const t2 = await ts.parseSource('python', b);
    expect(await engines.engineStats()).toMatchObject({ quick: 2, optimizing: 0 });
    const t3 = await ts.parseSource('python', c);
    // small again, but the quick engine is done with
    const t4 = await ts.parseSource('python', a);
    expect(await engines.engineStats()).toMatchObject({ quick: 2, optimizing: 2, quickWorks: true });
    // the same text gives the same tree on both engines
    expect(t4.rootNode.toString()).toBe(t1.rootNode.toString());
    expect(t1.rootNode.descendantsOfType('import_statement').map((n) => n?.text)).toEqual(['import openai']);
    for (const t of [t1, t2, t3, t4]) t.delete();
  });

  it('gives the same tree on both engines for every fixture source file', async () => {
    const files = sourceFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(20);
    // a quick share large enough for all of them, then the optimizing engine only
    const quick = await fresh(String(1 << 30));
    const slow = await fresh('0');
    let compared = 0;
    for (const f of files) {
      const lang = quick.ts.languageForPath(f);
      if (!lang) continue;
      const text = readFileSync(f, 'utf8');
      const [x, y] = [await quick.ts.parseSource(lang, text), await slow.ts.parseSource(lang, text)];
      try {
        expect(y.rootNode.toString(), f).toBe(x.rootNode.toString());
        compared++;
      } finally {
        x.delete();
        y.delete();
      }
    }
    expect(compared).toBe(files.length);
    expect(await quick.engines.engineStats()).toMatchObject({ optimizing: 0, quickWorks: true });
    expect((await quick.engines.engineStats()).quick).toBe(files.length);
    expect(await slow.engines.engineStats()).toMatchObject({ quick: 0, optimizing: files.length });
  });

  it('restores the V8 flags of its quick compiles exactly (the code-cache tag is unchanged)', async () => {
    const tag = cachedDataVersionTag();
    const { ts, engines } = await fresh(undefined);
    for (const [lang, src] of [
      ['python', 'import openai\n'],
      ['javascript', 'import OpenAI from "openai";\n'],
      ['go', 'package m\nimport "fmt"\n'],
    ] as const) {
      (await ts.parseSource(lang, src)).delete();
      expect(cachedDataVersionTag()).toBe(tag);
    }
    expect(await engines.engineStats()).toMatchObject({ quick: 3, optimizing: 0, quickWorks: true });
  });

  it('AIBOM_QUICK_PARSE_CHARS=0 parses on the optimizing engine only', async () => {
    const { ts, engines } = await fresh('0');
    (await ts.parseSource('python', 'x = 1\n')).delete();
    await ts.withTree('python', 'y = 2\n', (t) => t.rootNode.type);
    expect(await engines.engineStats()).toMatchObject({ quick: 0, optimizing: 2 });
  });
});
