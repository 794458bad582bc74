// What the published package needs at run time must be a runtime dependency: a bare import of a
// devDependency works in this checkout and breaks `npx aibom` for every user.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';

describe('package.json', () => {
  it('declares every package that shipped code imports as a dependency', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const used = new Set<string>();
    for (const file of fg.sync(['src/**/*.ts', 'detectors/**/*.ts', 'advisories/**/*.ts'], { ignore: ['**/*.d.ts'] })) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"\n]*?from\s+'([^'.][^']*)'|import\(\s*'([^'.][^']*)'\s*\)/gm)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith('node:')) continue;
        const parts = spec.split('/');
        used.add(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
      }
    }
    const missing = [...used].filter((u) => !(u in pkg.dependencies)).sort();
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(10);
  });
});
