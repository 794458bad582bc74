// Row-by-row conformance with picklescan 1.0.5 (fixtures/picklescan/EXPECTED.tsv): same verdict and
// the same dangerous globals. Rows where aibom deliberately differs are listed in DIFFERS with the reason.
import { describe, expect, it } from 'vitest';
import { scanSerialized } from '../../detectors/serialization/pickle-scan.js';
import { fixtureFile, readTsv } from './helpers.js';

interface Differs {
  reason: string;
  verdict?: string;
  dangerous?: string[];
}

// aibom blocks builtins.__import__ and globals() (modelscan lists __import__ as CRITICAL; picklescan only as suspicious)
const IMPORT = 'aibom also blocks builtins.__import__ (modelscan CRITICAL; picklescan: suspicious)';
const DIFFERS: Record<string, Differs> = {
  'data/malicious0.pkl': {
    reason: 'aibom also blocks __builtin__.globals (reaches every name of the loader)',
    dangerous: ['__builtin__ apply', '__builtin__ compile', '__builtin__ eval', '__builtin__ getattr', '__builtin__ globals'],
  },
  'data/malicious12.pkl': { reason: IMPORT, dangerous: ['builtins __import__', 'operator attrgetter'] },
  'data2/GHSA-46h3-79wf-xr6c.pkl': { reason: IMPORT, dangerous: ['_operator attrgetter', 'builtins __import__'] },
  'data2/GHSA-955r-x9j8-7rhh.pkl': { reason: IMPORT, dangerous: ['_operator methodcaller', 'builtins __import__'] },
  'data/sys_module_override_sploit.pkl': {
    reason: 'the symbolic stack resolves the last STACK_GLOBAL operands to run-time values (unknown), where picklescan pairs earlier strings',
    dangerous: ['unknown unknown'],
  },
  'data/malicious1.7z': {
    reason: 'aibom cannot decompress 7z without an extra library: reported as scan-error (never clean) instead of dangerous',
    verdict: 'scan-error',
    dangerous: [],
  },
};

const rows = readTsv('picklescan/EXPECTED.tsv');

describe('picklescan conformance', () => {
  it('has all 116 rows', () => {
    expect(rows.length).toBe(116);
  });

  for (const [path, verdict, dangerousCol, , , scanErr] of rows) {
    it(`${path}: ${verdict}${DIFFERS[path] ? ` (differs: ${DIFFERS[path].reason})` : ''}`, async () => {
      const scan = await scanSerialized(fixtureFile(`picklescan/${path}`));
      const ours = scan.analysed ? scan.verdict : 'not-analysed';
      const dangerous = scan.parts.flatMap((p) => p.result.dangerous.map((i) => `${i.module} ${i.name}`));
      const uniq = [...new Set(dangerous)].sort();
      const expectedDangerous = dangerousCol ? dangerousCol.split(',').sort() : [];
      const differs = DIFFERS[path];
      if (differs) {
        expect(ours).toBe(differs.verdict ?? verdict);
        expect(uniq).toEqual([...(differs.dangerous ?? expectedDangerous)].sort());
        // the difference is real: picklescan's answer is not ours
        expect({ v: ours, d: uniq }).not.toEqual({ v: verdict, d: expectedDangerous });
        return;
      }
      if (verdict === 'dangerous') {
        expect(ours).toBe('dangerous');
        expect(uniq).toEqual(expectedDangerous);
      } else if (verdict === 'suspicious') {
        expect(ours).toBe('suspicious');
      } else if (verdict === 'safe') {
        expect(['safe', 'not-analysed']).toContain(ours);
        expect(uniq).toEqual([]);
      } else if (verdict === 'not-scanned') {
        expect(ours === 'not-analysed' || scan.parts.length === 0).toBe(true);
        expect(uniq).toEqual([]);
      }
      const hasError = scan.errors.length > 0 || scan.parts.some((p) => p.result.error !== undefined);
      if (scanErr === 'scan_err') expect(hasError).toBe(true);
    });
  }
});
