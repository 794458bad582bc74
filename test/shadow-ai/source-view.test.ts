// The source view (detectors/shadow-ai/source-view.ts) takes comments and string literals from one
// descendantsOfType() call. This checks it against the plain depth-first walk it replaced (a comment or string
// ends the descent), on every fixture source file, this repository's own sources and hand-made traps.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sourceView, type StringLit } from '../../detectors/shadow-ai/source-view.js';
import { COMMENT_TYPES, languageForPath, parseSource, pythonCommentRuns, walkTree, type SyntaxNode } from '../../src/parsers/source/tree-sitter.js';

const STRING_TYPES = new Set(['string', 'template_string', 'interpreted_string_literal', 'raw_string_literal', 'string_literal', 'verbatim_string_literal', 'interpolated_string_expression', 'text_block']);

/** the characters of text[start, end) as spaces, line breaks kept */
function blank(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[^\n]/g, ' ');
}

function isDocstring(node: SyntaxNode): boolean {
  const p = node.parent;
  return node.type === 'string' && p !== null && p.type === 'expression_statement' && p.namedChildCount === 1;
}

/** the walk the view used to make (named nodes only): code with comments blanked, and the outermost string literals */
async function walkedView(path: string, text: string): Promise<{ code: string; strings: [number, number][] }> {
  const lang = languageForPath(path)!;
  const tree = await parseSource(lang, text);
  const parts: string[] = [];
  const strings: [number, number][] = [];
  let pos = 0;
  try {
    walkTree(tree, (type, at, cursor) => {
      if (!cursor.nodeIsNamed) return true;
      if (COMMENT_TYPES.has(type) || (lang === 'python' && type === 'string' && isDocstring(at()))) {
        parts.push(text.slice(pos, cursor.startIndex), blank(text, cursor.startIndex, cursor.endIndex));
        pos = cursor.endIndex;
        return false;
      }
      if (STRING_TYPES.has(type)) {
        strings.push([cursor.startIndex, cursor.endIndex]);
        return false;
      }
      return true;
    });
  } finally {
    tree.delete();
  }
  parts.push(text.slice(pos));
  let code = parts.join('');
  // parseSource blanks long runs of Python comment lines before parsing (tested below): they are comments
  if (lang === 'python') for (const [s, e] of pythonCommentRuns(text)) code = code.slice(0, s) + blank(text, s, e) + code.slice(e);
  return { code, strings: strings.sort((a, b) => a[0] - b[0]) };
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') sourceFiles(p, out);
    } else if (languageForPath(p)) out.push(p);
  }
  return out;
}

const TRAPS: [string, string][] = [
  ['a.ts', 'const u = `https://${host("api.openai.com")}/v1`; // "not a string"\n/* `x` */ let t: string = "s";\n'],
  ['a.tsx', 'const x = <div title="api.openai.com">{/* c */ "y"}</div>;\n'],
  ['a.js', 'const r = /"re"/g; const s = \'it\\\'s\'; `a${`b${"c"}`}`;\n// tail'],
  ['a.py', '"""doc "inner" """\nx = f"{y!r} {\'z\'}"  # c\ndef f():\n    """doc"""\n    return "s"\n'],
  ['b.py', 'x = (\n  "a"\n  "b"\n)\ns = "unterminated\n'],
  ['a.go', 'package main\n// c\nvar s = `raw` + "i"\n/* b */\n'],
  ['a.java', 'class C { String t = """\n  block\n  """; /* c */ char c = \'"\'; }\n'],
  ['a.cs', 'var s = $"x {y} {"z"}"; var v = @"v""q"; // c\n'],
  ['a.rs', 'let s = r#"raw "q" "#; /* c /* nested */ */ let t = "t";\n'],
  ['a.rb', 's = "a #{"b"} c" # c\nt = \'q\'\n'],
  ['c.py', 'def f(:\n  "s" # broken\n'],
];

describe('source view', () => {
  it('equals the depth-first walk on fixtures, sources and traps', async () => {
    const files: [string, string][] = [...sourceFiles('fixtures'), ...sourceFiles('src'), ...sourceFiles('detectors')].map((p) => [p, readFileSync(p, 'utf8')]);
    files.push(...TRAPS);
    expect(files.length).toBeGreaterThan(300);
    for (const [path, text] of files) {
      const view = (await sourceView(path, text))!;
      const want = await walkedView(path, text);
      expect({ path, code: view.code }).toEqual({ path, code: want.code });
      expect({ path, strings: view.strings.map((s: StringLit) => [s.start, s.end]) }).toEqual({ path, strings: want.strings });
    }
  });

  it('keeps strings and comments apart in a template with substitutions', async () => {
    const text = TRAPS[0][1];
    const view = (await sourceView('t.ts', text))!;
    expect(view.strings.map((s) => s.raw)).toEqual(['`https://${host("api.openai.com")}/v1`', '"s"']);
    expect(view.code).not.toContain('not a string');
    expect(view.code).not.toContain('`x`');
  });
  it('treats a long run of Python comment lines as comments, in linear time', async () => {
    // tree-sitter-python alone takes ~14 s on 10 000 comment lines after a statement (vitest's 5 s timeout)
    const lines = Array.from({ length: 10_000 }, (_, i) => `    # note ${i}: "https://api.openai.com/v1"`);
    const text = `def f():\n    x = 1\n${lines.join('\n')}\n    return "https://api.anthropic.com/v1"\n`;
    const view = (await sourceView('slow.py', text))!;
    expect(view.strings.map((s) => s.raw)).toEqual(['"https://api.anthropic.com/v1"']);
    expect(view.code).not.toContain('openai');
    expect(view.code.length).toBe(text.length);
    expect(view.lineAt(view.strings[0].start)).toBe(10_003);
  });
});

describe('pythonCommentRuns', () => {
  const run = (n: number, indent = '') => Array.from({ length: n }, (_, i) => `${indent}# c${i}`).join('\n');
  it('finds runs of 16 or more comment-only lines outside strings', () => {
    const text = `x = 1\n${run(16, '  ')}\ny = 2\n${run(15)}\nz = 3\n`;
    const runs = pythonCommentRuns(text);
    expect(runs).toHaveLength(16);
    expect(runs.map(([s, e]) => text.slice(s, e))).toEqual(Array.from({ length: 16 }, (_, i) => `# c${i}`));
  });
  it('keeps blank lines and CRLF inside a run, and stops at code', () => {
    const text = `${run(10)}\r\n\r\n${run(10).replace(/\n/g, '\r\n')}\r\nx = 1 # tail\r\n`;
    const runs = pythonCommentRuns(text);
    expect(runs).toHaveLength(20);
    for (const [s, e] of runs) expect(text.slice(s, e)).toMatch(/^# c\d+$/);
  });
  it('leaves # lines inside string literals alone', () => {
    expect(pythonCommentRuns(`PROMPT = """\n${run(40)}\n"""\n`)).toEqual([]);
    // an escaped quote, then a one-line string that closes: the run after it counts
    expect(pythonCommentRuns(`s = '\\'"""'\n${run(20)}\n`)).toHaveLength(20);
    expect(pythonCommentRuns(`b = rb'x' + f"{y}"\nt = '''a\n${run(30)}\n'''\n`)).toEqual([]);
  });
  it('ignores texts without #', () => {
    expect(pythonCommentRuns('x = 1\n'.repeat(100))).toEqual([]);
  });
});
