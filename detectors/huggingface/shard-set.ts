// A sharded checkpoint's index read against the folder listing: which shards are there, which are
// missing, and the facts that go on the model that owns the set.
import type { ScanFile } from '../../src/detect/types.js';
import { readFolderFile } from './folder-classify.js';
import { isPlainShardName, isShardIndexName, parseShardIndex } from '../../src/parsers/hf-config-shard-index.js';

export const INDEX_MAX = 16 << 20;

export interface ShardSet {
  indexName: string;
  present: string[];
  missing: string[];
  tensorCount: number;
  totalSize?: number;
  warnings: string[];
}

export function shardSetFrom(indexName: string, text: string | undefined, siblings: string[]): ShardSet {
  const set: ShardSet = { indexName, present: [], missing: [], tensorCount: 0, warnings: [] };
  if (text === undefined) {
    set.warnings.push(`${indexName}: unreadable or over ${INDEX_MAX} bytes`);
    return set;
  }
  const parsed = parseShardIndex(text);
  if (!parsed.ok) {
    set.warnings.push(`${indexName}: ${parsed.error}`);
    return set;
  }
  set.tensorCount = parsed.value.tensorCount;
  set.totalSize = parsed.value.totalSize;
  for (const shard of parsed.value.shards) {
    if (!isPlainShardName(shard)) set.warnings.push(`${indexName}: shard path "${shard}" leaves the folder; ignored`);
    else if (siblings.includes(shard)) set.present.push(shard);
    else {
      set.missing.push(shard);
      set.warnings.push(`${indexName}: shard ${shard} is missing`);
    }
  }
  return set;
}

/** every shard index in the folder of `file`, read and checked */
export async function shardSetsOf(file: ScanFile, siblings: string[]): Promise<ShardSet[]> {
  const out: ShardSet[] = [];
  for (const name of siblings.filter(isShardIndexName)) {
    const buf = await readFolderFile(file, name, INDEX_MAX);
    out.push(shardSetFrom(name, buf?.toString('utf8'), siblings));
  }
  return out;
}

export function shardProperties(sets: ShardSet[]): Record<string, string | string[]> {
  const props: Record<string, string | string[]> = {};
  if (sets.length === 0) return props;
  props['aibom:model:shard-index'] = sets.map((s) => s.indexName);
  props['aibom:model:shards'] = String(sets.reduce((n, s) => n + s.present.length + s.missing.length, 0));
  const tensors = sets.reduce((n, s) => n + s.tensorCount, 0);
  if (tensors > 0) props['aibom:model:tensor-count'] = String(tensors);
  const total = sets.reduce((n, s) => n + (s.totalSize ?? 0), 0);
  if (total > 0) props['aibom:model:shard-total-bytes'] = String(total);
  const missing = sets.flatMap((s) => s.missing);
  if (missing.length > 0) props['aibom:model:shards-missing'] = missing;
  return props;
}
