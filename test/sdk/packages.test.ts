import { describe, expect, it } from 'vitest';
import { declarationCovers, ECOSYSTEMS, loadPackageTable, normalizeName, rootCovers, type AiPackage, type Ecosystem } from '../../detectors/sdk/packages.js';
import { rng } from '../helpers/rng.js';

const table = loadPackageTable();

describe('ai-packages.json', () => {
  it('loads a sizeable table for every ecosystem', () => {
    expect(table.packages.length).toBeGreaterThan(200);
    for (const eco of ['PyPI', 'npm', 'Go', 'Maven', 'crates.io', 'NuGet', 'RubyGems'] as const) {
      expect(table.packages.filter((p) => p.ecosystem === eco).length, eco).toBeGreaterThan(5);
    }
  });
  it('has cases that must and must not match', () => {
    expect(table.cases.manifest.some((c) => c.package === null)).toBe(true);
    expect(table.cases.manifest.some((c) => c.package !== null)).toBe(true);
    expect(table.cases.import.some((c) => c.package === null)).toBe(true);
    expect(table.cases.import.some((c) => c.package !== null)).toBe(true);
  });
  it.each(loadPackageTable().cases.manifest.map((c) => [c.ecosystem, c.name ?? '', c.package] as const))(
    'manifest name %s %s -> %s',
    (eco, name, pkg) => expect(table.byName(eco, name)?.name ?? null).toBe(pkg),
  );
  it.each(loadPackageTable().cases.import.map((c) => [c.ecosystem, c.module ?? '', c.package] as const))(
    'import %s %s -> %s',
    (eco, mod, pkg) => expect(table.byImport(eco, mod)?.name ?? null).toBe(pkg),
  );
  it('normalises PyPI names per PEP 503', () => {
    expect(normalizeName('PyPI', 'Foo__Bar.baz')).toBe('foo-bar-baz');
  });
  it('treats a family declaration as covering its sibling imports', () => {
    const langchain = table.byName('PyPI', 'langchain')!;
    const core = table.byImport('PyPI', 'langchain_core.messages')!;
    expect(declarationCovers(langchain, core, 'langchain_core.messages')).toBe(true);
    const openai = table.byName('PyPI', 'openai')!;
    expect(declarationCovers(openai, core, 'langchain_core.messages')).toBe(false);
    const llama = table.byName('PyPI', 'llama-index')!;
    const llamaCore = table.byImport('PyPI', 'llama_index.core')!;
    expect(declarationCovers(llama, llamaCore, 'llama_index.core')).toBe(true);
  });
  it('maps conda names to PyPI entries', () => {
    expect(table.byName('conda', 'pytorch')?.name).toBe('torch');
  });
  it('finds an import\'s package by its roots as a scan of every package would (the longest root, the first package)', () => {
    const table = loadPackageTable();
    const byScan = (eco: Ecosystem, module: string): AiPackage | undefined => {
      let best: AiPackage | undefined;
      let bestLen = -1;
      for (const p of table.packages) {
        if (p.ecosystem !== eco) continue;
        for (const r of p.imports) {
          if (r.length > bestLen && rootCovers(eco, r, module)) {
            best = p;
            bestLen = r.length;
          }
        }
      }
      return best;
    };
    const r = rng(5);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const seps: Record<string, string> = { PyPI: '.', npm: '/', Go: '/', Maven: '.', 'crates.io': '::', NuGet: '.', RubyGems: '/' };
    let found = 0;
    let checked = 0;
    for (const eco of ECOSYSTEMS) {
      const roots = table.roots(eco);
      for (let k = 0; k < 400; k++) {
        const sep = seps[eco];
        const root = pick(roots);
        // the root itself, deeper modules, look-alikes that share a prefix but not a segment, a shorter piece, npm scopes
        const tail = ['', sep + 'sub', sep + 'a' + sep + 'b', 'x', '_extra', sep, sep + sep + 'z'][k % 7];
        const module = k % 11 === 10 ? root.slice(0, Math.max(1, root.length - 2)) : k % 13 === 12 ? `./${root}` : root + tail;
        const want = byScan(eco, module);
        expect(table.byImport(eco, module)?.name, `${eco} ${module}`).toBe(want?.name);
        expect(table.byImport(eco, module)).toBe(want);
        checked++;
        if (want) found++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(found).toBeGreaterThan(1000);
  });
});
