// .gitignore layers (src/walk/ignore-stack.ts): the joined-rule prefilter answers exactly as the `ignore` package
// does for every path a walk asks about (folders before their contents, never inside an ignored folder).
import { describe, expect, it } from 'vitest';
import { rng } from '../helpers/rng.js';
import ignore from 'ignore';
import { isIgnored, makeLayer, type IgnoreLayer } from '../../src/walk/ignore-stack.js';

const NODE_PYTHON = `logs
*.log
npm-debug.log*
report.[0-9]*.[0-9]*.json
*.pid.lock
lib-cov
coverage
build/Release
node_modules/
jspm_packages/
*.tsbuildinfo
.env
.env.*.local
.next
out
dist
.cache/
.vuepress/dist
.yarn/cache
.pnp.*
__pycache__/
*.py[cod]
*$py.class
.Python
develop-eggs/
*.egg-info/
.coverage.*
*.py,cover
.hypothesis/
docs/_build/
target/
.ipynb_checkpoints
/site
.venv
env/
!env/keep.txt
# a comment
\\#hash
trailing\\ space\\ 
**/deep/**/x
a/**/b
!dist/keep/
!important.log
`;

const TRICKY = `*
!*/
!*.py
build/
!build/keep.py
/root-only.txt
sub/**/*.tmp
[Mm]akefile.bak
?.swp
`;

const NAMES = ['logs', 'a.log', 'x.py', 'X.PY', 'y.pyc', 'node_modules', 'build', 'Release', 'dist', 'keep', 'keep.txt', 'keep.py', 'env', '.env', '.env.dev.local', 'site', 'docs', '_build', 'deep', 'x', 'a', 'b', 'sub', 'n.tmp', 'Makefile.bak', 'q.swp', 'root-only.txt', '#hash', 'important.log', 'report.1.2.json', '.pnp.js', 'main.go', 'README.md'];

/** walks a random tree as the walker does, comparing the layers' answers with the package's own */
function compareOnRandomTree(layers: IgnoreLayer[], seed: number): number {
  const next = rng(seed);
  const plain = layers.map((l) => ({ base: l.base, matcher: l.matcher }));
  let asked = 0;
  const visit = (rel: string, depth: number) => {
    const count = 2 + Math.floor(next() * 6);
    for (let k = 0; k < count; k++) {
      const name = NAMES[Math.floor(next() * NAMES.length)];
      const child = rel === '' ? name : `${rel}/${name}`;
      const dir = depth < 5 && next() < 0.4;
      const want = isIgnored(plain, child, dir);
      expect({ child, dir, ignored: isIgnored(layers, child, dir) }).toEqual({ child, dir, ignored: want });
      asked++;
      if (dir && !want) visit(child, depth + 1);
    }
  };
  visit('', 0);
  return asked;
}

describe('gitignore layers', () => {
  it('use the joined-rule prefilter (the package still exposes its compiled rules)', () => {
    expect(makeLayer('', NODE_PYTHON).prefilter).toBeDefined();
    expect(makeLayer('', TRICKY).prefilter).toBeDefined();
    expect(makeLayer('', '').prefilter).toBeDefined();
  });

  it('answer as the package does on random walks, with nested layers', () => {
    let asked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      asked += compareOnRandomTree([makeLayer('', NODE_PYTHON)], seed);
      asked += compareOnRandomTree([makeLayer('', TRICKY)], seed);
      asked += compareOnRandomTree([makeLayer('', NODE_PYTHON), makeLayer('sub', TRICKY), makeLayer('docs', '*.md\n!README.md\n')], seed);
      // mostly rules with a slash: the package matches even basename rules against the whole path
      asked += compareOnRandomTree([makeLayer('', 'a/b\nsub/x\ndocs/_build/\n/keep\n*.log\n!a/important.log\n')], seed);
    }
    expect(asked).toBeGreaterThan(5000);
  });

  it('still ignores what the package ignores', () => {
    const l = [makeLayer('', NODE_PYTHON)];
    expect(isIgnored(l, 'src/app.log', false)).toBe(true);
    expect(isIgnored(l, 'src/important.log', false)).toBe(false);
    expect(isIgnored(l, 'node_modules', true)).toBe(true);
    expect(isIgnored(l, 'node_modules', false)).toBe(false);
    expect(isIgnored(l, 'a/x/y/b', false)).toBe(true);
    expect(isIgnored(l, 'lib/m.pyc', false)).toBe(true);
    expect(isIgnored(l, 'lib/m.py', false)).toBe(false);
    expect(ignore().add(NODE_PYTHON).ignores('src/app.log')).toBe(true);
  });
});
