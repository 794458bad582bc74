import { describe, expect, it } from 'vitest';
import { declarationCovers, loadPackageTable, normalizeName } from '../../detectors/sdk/packages.js';

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
});
