import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryFile, type MemoryFileOptions } from '../../src/detect/memory-file.js';
import type { DetectContext, ScanFile } from '../../src/detect/types.js';
import type { Asset, ModelAsset } from '../../src/inventory/types.js';
import { modelDetectors } from '../../detectors/models/index.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export function fixture(rel: string, opts: MemoryFileOptions = {}, displayPath = rel): ScanFile {
  return memoryFile(displayPath, readFileSync(join(FIXTURES, rel)), opts);
}

export type Facts = Record<string, Record<string, unknown>>;
export const FACTS: Facts = JSON.parse(readFileSync(join(FIXTURES, 'models', 'FACTS.json'), 'utf8')) as Facts;

export const ctx: DetectContext = { signal: new AbortController().signal, options: { allDependencies: false } };

/** Run every model detector that wants the file; return the assets. */
export async function detectModels(file: ScanFile): Promise<ModelAsset[]> {
  const out: Asset[] = [];
  for (const d of modelDetectors) if (d.wants(file)) out.push(...((await d.detect(file, ctx)).assets ?? []));
  return out.filter((a): a is ModelAsset => a.kind === 'model');
}

export async function detectOne(rel: string, opts: MemoryFileOptions = {}, displayPath = rel): Promise<ModelAsset> {
  const assets = await detectModels(fixture(rel, opts, displayPath));
  if (assets.length !== 1) throw new Error(`expected one asset for ${rel}, got ${assets.length}`);
  return assets[0];
}

export function p(a: ModelAsset, key: string): string | string[] | undefined {
  return a.properties?.[`aibom:model:${key}`];
}
