// Sharded checkpoints: `model.safetensors.index.json` / `pytorch_model.bin.index.json` map each
// tensor to the shard file that holds it; metadata.total_size is the sum of the tensor bytes.
import { count, isRecord, parseJson } from './hf-card-values.js';
import type { JsonFileResult } from './hf-config.js';

export interface ShardIndex {
  /** distinct shard file names, sorted */
  shards: string[];
  tensorCount: number;
  totalSize?: number;
}

const MAX_SHARDS = 10_000;

export function isShardIndexName(name: string): boolean {
  return /\.(safetensors|bin|pt|pth)\.index\.json$/i.test(name);
}

export function parseShardIndex(text: string): JsonFileResult<ShardIndex> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `invalid JSON: ${parsed.error}` };
  const d = parsed.value;
  if (!isRecord(d) || !isRecord(d.weight_map)) return { ok: false, error: 'shard index has no weight_map object' };
  const shards = new Set<string>();
  let tensorCount = 0;
  for (const v of Object.values(d.weight_map)) {
    tensorCount++;
    if (typeof v !== 'string' || v.length === 0) return { ok: false, error: 'shard index weight_map has a non-string entry' };
    if (shards.size < MAX_SHARDS) shards.add(v);
  }
  if (shards.size === 0) return { ok: false, error: 'shard index weight_map is empty' };
  const totalSize = isRecord(d.metadata) ? count(d.metadata.total_size) : undefined;
  return { ok: true, value: { shards: [...shards].sort(), tensorCount, totalSize } };
}

/** a shard name that is safe to resolve inside the index's folder */
export function isPlainShardName(name: string): boolean {
  return !name.startsWith('/') && !name.split(/[\\/]/).includes('..') && !/^[a-z]:/i.test(name);
}
