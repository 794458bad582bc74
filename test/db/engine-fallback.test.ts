// Without a usable native SQLite binding (npm skipped install scripts) or with AIBOM_SQLITE=wasm, the
// advisory database runs on SQLite compiled to WebAssembly and scans still report vulnerabilities.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSqlite, sqliteEngine } from '../../src/db/open.js';
import { enrichAdvisories } from '../../src/enrich/advisories.js';
import type { Inventory } from '../../src/inventory/types.js';

describe('SQLite engine fallback', () => {
  it('builds and queries the seed database with the WebAssembly engine', async () => {
    await prepareSqlite({ AIBOM_SQLITE: 'wasm' });
    expect(sqliteEngine()).toBe('wasm');
    const inv: Inventory = {
      root: '/x', rootName: 'x', warnings: [], findings: [],
      stats: { filesWalked: 0, filesInspected: 0, bytesHashed: 0, archivesOpened: 0, durationMs: 0 },
      assets: [{ key: 'lib:pkg:pypi/transformers@4.30.0', kind: 'library', ecosystem: 'PyPI', ai: true, name: 'transformers', version: '4.30.0', purl: 'pkg:pypi/transformers@4.30.0', locations: [{ path: 'requirements.txt', line: 1 }] }],
    };
    const dbPath = join(mkdtempSync(join(tmpdir(), 'aibom-wasm-db-')), 'advisories.db');
    const r = await enrichAdvisories(inv, { dbPath, now: new Date('2026-11-01T00:00:00Z') });
    expect(r.warnings.filter((w) => w.message.includes('unavailable'))).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toContain('GHSA-3863-2447-669p');
  });
});
