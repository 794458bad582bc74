import { describe, expect, it, vi } from 'vitest';
import { isComment, languageForPath, parseSource, stringValue, walkTree, withTree } from '../../src/parsers/source/tree-sitter.js';
import type { SyntaxNode } from '../../src/parsers/source/tree-sitter.js';

describe('languageForPath', () => {
  it.each([
    ['a/b.py', 'python'],
    ['x.MJS', 'javascript'],
    ['x.cjs', 'javascript'],
    ['x.jsx', 'javascript'],
    ['x.mts', 'typescript'],
    ['x.d.ts', 'typescript'],
    ['x.tsx', 'tsx'],
    ['main.go', 'go'],
    ['A.java', 'java'],
    ['P.cs', 'csharp'],
    ['lib.rs', 'rust'],
    ['app.rb', 'ruby'],
  ])('%s -> %s', (p, lang) => expect(languageForPath(p)).toBe(lang));
  it.each(['Main.kt', 'README.md', 'Makefile', '.py'])('%s -> undefined', (p) => expect(languageForPath(p)).toBeUndefined());
});

describe('parseSource', () => {
  it('parses every language and tells comments from code', async () => {
    const cases: [Parameters<typeof parseSource>[0], string, string][] = [
      ['python', '# import openai\nimport anthropic\n', 'import_statement'],
      ['javascript', '// require("x")\nconst a = require("openai");\n', 'call_expression'],
      ['typescript', '/* import "x" */\nimport OpenAI from "openai";\n', 'import_statement'],
      ['tsx', '// c\nimport x from "openai";\nconst y = <div/>;\n', 'jsx_self_closing_element'],
      ['go', 'package m\n// x\nimport "github.com/sashabaranov/go-openai"\n', 'import_spec'],
      ['java', '// c\nimport com.openai.client.OpenAIClient;\n', 'import_declaration'],
      ['csharp', '// c\nusing OpenAI.Chat;\n', 'using_directive'],
      ['rust', '// c\nuse async_openai::Client;\n', 'use_declaration'],
      ['ruby', '# c\nrequire "openai"\n', 'call'],
    ];
    for (const [lang, src, type] of cases) {
      const tree = await parseSource(lang, src);
      try {
        const types: string[] = [];
        let comments = 0;
        walkTree(tree, (t, at, cursor) => {
          types.push(t);
          const n = at();
          // the cursor's cheap fields agree with the node object's
          expect([t, cursor.startIndex, cursor.endIndex]).toEqual([n.type, n.startIndex, n.endIndex]);
          if (t.includes('comment') && isComment(n)) comments++;
        });
        expect(types, lang).toContain(type);
        expect(comments, lang).toBeGreaterThan(0);
        expect(tree.rootNode.hasError, lang).toBe(false);
      } finally {
        tree.delete();
      }
    }
  });

  it('reads string literal values and refuses interpolated ones', async () => {
    const tree = await parseSource('javascript', 'a("x-y"); b(\'z\'); c(`t`); d(`p${q}`);');
    try {
      const values: (string | undefined)[] = [];
      walkTree(tree, (t, at) => {
        if (t === 'string' || t === 'template_string') values.push(stringValue(at()));
      });
      expect(values).toEqual(['x-y', 'z', 't', undefined]);
    } finally {
      tree.delete();
    }
  });

  it('survives malformed input (error nodes, no throw)', async () => {
    const tree = await parseSource('python', 'import (((\n\x00def');
    expect(tree.rootNode.hasError).toBe(true);
    tree.delete();
  });
});

describe('withTree', () => {
  it('parses a text once for the detectors that ask in turn, and again after another text', async () => {
    const text = 'import openai\nx = "https://api.openai.com/v1"\n';
    const first = await withTree('python', text, (t) => t);
    const again = await withTree('python', text, (t) => t);
    expect(again).toBe(first);
    const other = await withTree('python', 'import os\n', (t) => t.rootNode.text);
    expect(other).toBe('import os\n');
    const third = await withTree('python', text, (t) => t);
    expect(third).not.toBe(first);
    expect(await withTree('python', text, (t) => t.rootNode.namedChildCount)).toBe(2);
    // another language with the same text is another tree
    expect(await withTree('javascript', text, (t) => t)).not.toBe(third);
  });

  it('gives each of interleaved callers the tree of its own text', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `import m${i}\n`);
    const got = await Promise.all(texts.map((t) => withTree('python', t, (tree) => tree.rootNode.text)));
    expect(got).toEqual(texts);
  });

  it('does not keep the tree of a large text', async () => {
    const big = 'z = 3\n'.repeat(50_000);
    const small = 'y = 2\n';
    const before = await withTree('python', small, (t) => t);
    expect(await withTree('python', big, (t) => t.rootNode.namedChildCount)).toBe(50_000);
    // the small tree was replaced, and the large one is not kept either: asking again for each parses anew
    expect(await withTree('python', small, (t) => t)).not.toBe(before);
    const first = await withTree('python', big, (t) => t);
    const again = await withTree('python', big, (t) => t);
    expect(again).not.toBe(first);
  });
});

describe('parse deadline', () => {
  it('stops a parse that runs past AIBOM_PARSE_TIMEOUT_MS with an error that says so', async () => {
    vi.stubEnv('AIBOM_PARSE_TIMEOUT_MS', '5');
    vi.resetModules();
    try {
      const fresh = await import('../../src/parsers/source/tree-sitter.js');
      const big = `let x = [${'1, '.repeat(200_000)}];\n`;
      await expect(fresh.parseSource('javascript', big)).rejects.toThrow(/parsing javascript source took longer than 0.005 s and was stopped/);
      // the parser is usable afterwards
      const tree = await fresh.parseSource('javascript', 'let y = 1;\n');
      expect(tree.rootNode.hasError).toBe(false);
      tree.delete();
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
