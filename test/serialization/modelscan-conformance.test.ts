// modelscan's own fixtures (fixtures/modelscan/EXPECTED.tsv): every unsafe sample is flagged dangerous
// with the globals modelscan reports; safe samples are not flagged.
import { describe, expect, it } from 'vitest';
import { scanSerialized } from '../../detectors/serialization/pickle-scan.js';
import { fixtureFile, readTsv } from './helpers.js';

const rows = readTsv('modelscan/EXPECTED.tsv');

describe('modelscan conformance', () => {
  it('has all 36 rows', () => {
    expect(rows.length).toBe(36);
  });
  for (const [path, verdict, issues] of rows) {
    it(`${path}: ${verdict}`, async () => {
      const scan = await scanSerialized(fixtureFile(`modelscan/${path}`));
      const dangerous = new Set(scan.parts.flatMap((p) => p.result.dangerous.map((i) => `${i.module} ${i.name}`)));
      if (verdict === 'unsafe') {
        expect(scan.verdict).toBe('dangerous');
        for (const issue of issues.split(', ')) {
          const g = issue.replace(/ \[[A-Z]+\]$/, '');
          expect(dangerous.has(g), `${g} flagged`).toBe(true);
        }
      } else {
        expect(scan.verdict === 'dangerous').toBe(false);
        expect(dangerous.size).toBe(0);
      }
    });
  }
});
