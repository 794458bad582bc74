import { describe, expect, it } from 'vitest';
import { isComment, languageForPath, parseSource, stringValue, walkTree } from '../../src/parsers/source/tree-sitter.js';
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
