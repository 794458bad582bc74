// Test helper: a ScanFile over a committed fixture, with the files of its folder as siblings.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryFile, type MemoryFileOptions } from '../../src/detect/memory-file.js';
import type { DetectContext, ScanFile } from '../../src/detect/types.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** `area/rel` under fixtures/; the display path is `rel` (or `display`) */
export function fixtureFile(area: string, rel: string, opts: { display?: string } & MemoryFileOptions = {}): ScanFile {
  const abs = join(FIXTURES, area, rel);
  const dir = dirname(abs);
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  const siblings: Record<string, Buffer> = {};
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isFile() && e.name !== name) siblings[e.name] = readFileSync(join(dir, e.name));
  }
  return memoryFile(opts.display ?? rel, readFileSync(abs), { ...opts, siblings: { ...siblings, ...opts.siblings } });
}

export function ctx(): DetectContext {
  return { signal: new AbortController().signal, options: { allDependencies: false } };
}
