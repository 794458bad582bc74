// Each ecosystem's version ordering, with expectations taken from the ecosystems' specs
// (PEP 440, SemVer 2.0.0, Go modules, Maven ComparableVersion, NuGet, RubyGems Gem::Version).
import { describe, expect, it } from 'vitest';
import { orderFor } from '../../src/versions/index.js';

/** each list is strictly ascending */
const ASCENDING: Record<string, string[]> = {
  PyPI: ['1.0.dev1', '1.0a1', '1.0a2.dev1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0+local.1', '1.0.post1.dev1', '1.0.post1', '1.1', '1.10', '2!0.1'],
  npm: ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0'],
  'crates.io': ['0.1.0', '0.2.0-pre', '0.2.0', '0.10.0', '1.0.0'],
  Go: ['v0.0.0-20190101000000-abcdefabcdef', 'v0.1.0', 'v0.1.34', 'v1.0.0-rc1', 'v1.0.0', 'v2.0.0+incompatible', 'v2.1.0'],
  Maven: ['1-alpha', '1-alpha-2', '1-beta', '1-milestone', '1-rc', '1-SNAPSHOT', '1', '1-sp', '1-foo', '1.0.1', '1.1', '1.10', '2.0'],
  NuGet: ['1.0.0-alpha', '1.0.0-Alpha.2', '1.0.0-beta', '1.0.0', '1.0.0.1', '1.0.1', '1.10.0'],
  RubyGems: ['1.0.a', '1.0.a.2', '1.0.b1', '1.0', '1.0.1', '1.1', '1.10'],
};

const EQUAL: Record<string, [string, string][]> = {
  PyPI: [['1.0', '1.0.0'], ['1.0rc1', '1.0c1'], ['1.0-post1', '1.0.post1']],
  npm: [['1.0.0', '1.0.0+build.5']],
  Go: [['v2.0.0', 'v2.0.0+incompatible']],
  Maven: [['1', '1.0'], ['1.0', '1.0.0'], ['1-ga', '1'], ['1-final', '1'], ['1-cr', '1-rc'], ['1a1', '1-alpha-1'], ['1.0-RC1', '1.0-rc-1']],
  NuGet: [['1.0', '1.0.0.0'], ['1.0.0-BETA', '1.0.0-beta'], ['1.0.0+meta', '1.0.0']],
  RubyGems: [['1.0', '1'], ['1.0.0', '1'], ['1.0-1', '1.0.pre.1']],
};

describe('version ordering per ecosystem', () => {
  for (const [eco, list] of Object.entries(ASCENDING)) {
    it(`${eco}: ascending order`, () => {
      const order = orderFor(eco);
      expect(order).toBeDefined();
      for (const v of list) expect(order?.valid(v), `${v} valid`).toBe(true);
      for (let i = 0; i + 1 < list.length; i++) {
        expect(order?.compare(list[i], list[i + 1]), `${list[i]} < ${list[i + 1]}`).toBeLessThan(0);
        expect(order?.compare(list[i + 1], list[i]), `${list[i + 1]} > ${list[i]}`).toBeGreaterThan(0);
      }
      const shuffled = [...list].reverse();
      expect(shuffled.sort((a, b) => order?.compare(a, b) ?? 0)).toEqual(list);
    });
  }
  for (const [eco, pairs] of Object.entries(EQUAL)) {
    it(`${eco}: equal versions`, () => {
      const order = orderFor(eco);
      for (const [a, b] of pairs) expect(order?.compare(a, b), `${a} == ${b}`).toBe(0);
    });
  }
  it('ecosystem suffixes and case are ignored; unknown ecosystems have no ordering', () => {
    expect(orderFor('pypi')?.ecosystem).toBe('PyPI');
    expect(orderFor('Debian:12')).toBeUndefined();
    expect(orderFor('HuggingFace')).toBeUndefined();
  });
  it('invalid versions are rejected, not thrown on', () => {
    expect(orderFor('PyPI')?.valid('not a version')).toBe(false);
    expect(orderFor('npm')?.valid('1.2')).toBe(false);
    expect(orderFor('Go')?.valid('latest')).toBe(false);
    expect(orderFor('NuGet')?.valid('1.0.0.0.0')).toBe(false);
    expect(orderFor('RubyGems')?.valid('a.b')).toBe(false);
  });
});
