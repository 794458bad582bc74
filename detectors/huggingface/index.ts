// The Hugging Face detectors: model folders and cards, sharded checkpoints, Git LFS pointers.
import type { Detector } from '../../src/detect/types.js';
import { lfsPointerDetector } from './lfs-pointer.js';
import { modelFolderDetector } from './model-folder.js';
import { shardIndexDetector } from './shard-index.js';

export const huggingFaceDetectors: Detector[] = [modelFolderDetector, shardIndexDetector, lfsPointerDetector];

export { lfsPointerDetector, modelFolderDetector, shardIndexDetector };
export { isLfsPointer } from '../../src/parsers/lfs.js';
