// HDF5 files: Keras legacy models when the root group carries model_config / keras_version,
// otherwise a plain HDF5 file (format hdf5).
import type { ScanFile } from '../../src/detect/types.js';
import { readKerasH5, kerasConfigFacts } from '../../src/parsers/keras.js';
import { emptyFacts, prop, type ModelFacts } from './asset.js';

export async function hdf5Facts(file: ScanFile): Promise<ModelFacts> {
  const k = await readKerasH5(file);
  const f = emptyFacts(k.isKeras ? 'keras' : 'hdf5');
  f.warnings.push(...k.warnings);
  prop(f, 'serialization', 'hdf5');
  if (!k.isKeras) return f;
  const cfg = k.modelConfig ? kerasConfigFacts(k.modelConfig) : undefined;
  prop(f, 'architecture', cfg?.className);
  prop(f, 'layers', cfg?.layerCount);
  prop(f, 'keras-version', k.kerasVersion);
  prop(f, 'backend', k.backend);
  prop(f, 'config-source', k.via);
  if (cfg?.className) f.card = { modelArchitecture: cfg.className };
  return f;
}
