import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryFile } from '../../src/detect/memory-file.js';
import type { ScanFile } from '../../src/detect/types.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export function fixture(...parts: string[]): Buffer {
  return readFileSync(join(ROOT, 'fixtures', ...parts));
}

/** a ScanFile over a fixture, displayed under `display` (defaults to the fixture path) */
export function fixtureFile(rel: string, display = rel, siblings: Record<string, Buffer | string> = {}): ScanFile {
  return memoryFile(display, fixture(rel), { siblings });
}

export function readTsv(rel: string): string[][] {
  return fixture(rel)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}
