// Builds the advisory database from the bundled seed once per test run, in a temporary folder, so
// scans in tests never touch the user's cache and do not each pay for the build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDb } from '../../src/db/seed.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'aibom-test-db-'));
  const path = join(dir, 'advisories.db');
  ensureDb(path);
  process.env.AIBOM_DB = path;
  return () => rmSync(dir, { recursive: true, force: true });
}
