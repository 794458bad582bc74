// extractImports() takes Python and JS/TS import nodes from one descendantsOfType() call instead of a cursor walk
// over every node. This compares it with the walk it replaced (kept here as the reference) on every Python,
// JavaScript and TypeScript file of the repository and on generated files with nested and unusual imports.
import { describe, expect, it } from 'vitest';
import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
import { extractImports, type ImportRef } from '../../src/parsers/source/imports.js';
import { languageForPath, parseSource, stringValue, walkTree, type SourceLang, type SyntaxNode, type Tree } from '../../src/parsers/source/tree-sitter.js';
import { rng } from '../helpers/rng.js';

const line = (n: SyntaxNode): number => n.startPosition.row + 1;

function firstString(args: SyntaxNode | null): SyntaxNode | undefined {
  const first = args?.namedChildren.find((c) => c !== null && c.type !== 'comment');
  return first && /string/.test(first.type) ? first : undefined;
}

/** the cursor walks extractImports() used before */
function pythonByWalk(tree: Tree, out: ImportRef[]): void {
  walkTree(tree, (type, at) => {
    if (type !== 'import_statement' && type !== 'import_from_statement' && type !== 'call') return true;
    const n = at();
    if (n.type === 'import_statement') {
      for (const c of n.namedChildren) {
        const name = c?.type === 'aliased_import' ? c.childForFieldName('name') : c;
        if (name?.type === 'dotted_name') out.push({ module: name.text, line: line(n) });
      }
      return false;
    }
    if (n.type === 'import_from_statement') {
      const mod = n.childForFieldName('module_name');
      if (!mod || mod.type !== 'dotted_name') return false;
      out.push({ module: mod.text, line: line(n) });
      for (const c of n.childrenForFieldName('name')) {
        const name = c?.type === 'aliased_import' ? c.childForFieldName('name') : c;
        if (name?.type === 'dotted_name') out.push({ module: `${mod.text}.${name.text}`, line: line(n) });
      }
      return false;
    }
    const fn = n.childForFieldName('function')?.text;
    if (fn === '__import__' || fn === 'importlib.import_module' || fn === 'import_module') {
      const s = firstString(n.childForFieldName('arguments'));
      const v = s ? stringValue(s) : undefined;
      if (v) out.push({ module: v, line: line(n) });
    }
    return true;
  });
}

function javascriptByWalk(tree: Tree, out: ImportRef[]): void {
  walkTree(tree, (type, at) => {
    if (type !== 'import_statement' && type !== 'export_statement' && type !== 'call_expression') return true;
    const n = at();
    if (n.type === 'import_statement' || n.type === 'export_statement') {
      const src = n.childForFieldName('source');
      const v = src ? stringValue(src) : undefined;
      if (v) out.push({ module: v, line: line(n) });
      if (n.type === 'import_statement') {
        for (const c of n.namedChildren) {
          if (c?.type === 'import_require_clause') {
            const s = c.childForFieldName('source') ?? c.namedChildren.find((x) => x?.type === 'string') ?? null;
            const rv = s ? stringValue(s) : undefined;
            if (rv) out.push({ module: rv, line: line(n) });
          }
        }
      }
      return n.type === 'export_statement';
    }
    const fn = n.childForFieldName('function');
    if (fn && (fn.type === 'import' || (fn.type === 'identifier' && fn.text === 'require'))) {
      const s = firstString(n.childForFieldName('arguments'));
      const v = s ? stringValue(s) : undefined;
      if (v !== undefined) out.push({ module: v, line: line(n) });
    }
    return true;
  });
}

async function byWalk(lang: SourceLang, text: string): Promise<ImportRef[]> {
  const tree = await parseSource(lang, text);
  try {
    const out: ImportRef[] = [];
    if (lang === 'python') pythonByWalk(tree, out);
    else javascriptByWalk(tree, out);
    return out;
  } finally {
    tree.delete();
  }
}

const show = (refs: ImportRef[]) => refs.map((r) => `${r.module}:${r.line}`);

describe('extractImports (one descendantsOfType call) against the cursor walk it replaced', () => {
  it('finds the same imports in every Python, JavaScript and TypeScript file of the repository', async () => {
    const files = await fg(['**/*.{py,pyi,js,mjs,cjs,jsx,ts,mts,cts,tsx}'], { ignore: ['node_modules/**', 'dist/**', 'bench-work/**', 'fuzz-work/**'], dot: true });
    let compared = 0;
    let withImports = 0;
    for (const f of files) {
      const lang = languageForPath(f);
      if (lang !== 'python' && lang !== 'javascript' && lang !== 'typescript' && lang !== 'tsx') continue;
      const text = readFileSync(f, 'utf8');
      if (text.length > 512 << 10) continue;
      const want = show(await byWalk(lang, text));
      expect(show(await extractImports(lang, text)), f).toEqual(want);
      compared++;
      if (want.length > 0) withImports++;
    }
    expect(compared).toBeGreaterThan(400);
    expect(withImports).toBeGreaterThan(300);
  });

  it('finds the same imports in generated files: nested, conditional, dynamic, in classes, in ambient modules', async () => {
    const r = rng(11);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const py = ['import openai', 'import os, anthropic as a', 'from google import genai, x as y', 'from . import z', 'm = importlib.import_module("mistralai")', '__import__("cohere")', 'f(g(import_module("groq")))', '# import fake', 's = "import fake"'];
    const js = ['import OpenAI from "openai";', 'export * from "ai";', 'export const m = require("x");', 'const a = await import("@google/genai");', 'import x = require("y");', 'declare module "m" { import z from "zz"; }', 'f(require("a"), import("b"));', '// import c from "c"', 'export { q } from "q";'];
    const wrapPy = ['if x:\n    S', 'def f():\n    S', 'class C:\n    S', 'try:\n    S\nexcept ImportError:\n    pass', 'S'];
    const wrapJs = ['function f() { S }', 'if (x) { S }', 'class C { m() { S } }', 'S'];
    for (let k = 0; k < 120; k++) {
      const lang: SourceLang = k % 3 === 0 ? 'python' : k % 3 === 1 ? 'javascript' : 'typescript';
      const lines: string[] = [];
      for (let i = 0; i < 1 + Math.floor(r() * 12); i++) {
        const stmt = lang === 'python' ? pick(py) : pick(js);
        lines.push((lang === 'python' ? pick(wrapPy) : pick(wrapJs)).replace('S', stmt));
      }
      const text = lines.join('\n') + '\n';
      expect(show(await extractImports(lang, text)), text).toEqual(show(await byWalk(lang, text)));
    }
  });
});
