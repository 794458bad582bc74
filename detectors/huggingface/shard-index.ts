// Detector: sharded checkpoints (`*.safetensors.index.json`, `pytorch_model.bin.index.json`) that are
// not part of a Hugging Face model folder become one model keyed by the index file, with its shards.
import type { ModelAsset } from '../../src/inventory/types.js';
import type { Detector } from '../../src/detect/types.js';
import { isShardIndexName } from '../../src/parsers/hf-config-shard-index.js';
import { classifyFolder } from './folder-classify.js';
import { memberPartial } from './model-folder-asset.js';
import { folderName } from './paths.js';
import { INDEX_MAX, shardProperties, shardSetFrom } from './shard-set.js';

export const SHARD_INDEX_ID = 'huggingface/sharded-index';

export const shardIndexDetector: Detector = {
  id: SHARD_INDEX_ID,
  group: 'model',
  description: 'Sharded safetensors / PyTorch checkpoints: the index and its shards as one model',
  scansDependencies: true,
  wants: (file) => isShardIndexName(file.name) && file.size <= INDEX_MAX,
  extensions: ['.json'],
  async detect(file) {
    const f = await classifyFolder(file);
    if (f.kind === 'model') return {}; // the folder model owns the shards
    const set = shardSetFrom(file.name, await file.text(INDEX_MAX), f.siblings);
    const key = `file:${file.path}`;
    const sharded = /\.safetensors\.index\.json$/i.test(file.name) ? 'safetensors-sharded' : 'pytorch-sharded';
    const stem = file.name.replace(/\.index\.json$/i, '');
    const model: ModelAsset = {
      key,
      kind: 'model',
      name: folderName(f.dir) ?? stem,
      format: sharded,
      present: true,
      locations: [{ path: file.path }],
      properties: { 'aibom:model:format': sharded, ...shardProperties([set]) },
      detectors: [SHARD_INDEX_ID],
      ...(set.warnings.length > 0 ? { warnings: set.warnings } : {}),
    };
    return { assets: [model, ...set.present.map((s) => memberPartial(f.dir, s, key, SHARD_INDEX_ID))] };
  },
};
