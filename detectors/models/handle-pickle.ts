// Pickle-family files: plain pickles (any protocol), dill, joblib (plain or compressed), and the
// legacy torch.save format. Identification only: payload analysis belongs to the serialization
// detectors, and nothing here is ever unpickled.
import type { ScanFile } from '../../src/detect/types.js';
import type { SniffResult } from '../../src/parsers/magic.js';
import { emptyFacts, prop, type ModelFacts } from './asset.js';

const TORCH_EXT = new Set(['.pt', '.pth', '.pt2', '.bin', '.ckpt', '.mar']);

export function pickleFacts(file: ScanFile, s: SniffResult): ModelFacts {
  if (s.kind === 'torch-legacy') {
    const f = emptyFacts('pytorch');
    prop(f, 'serialization', 'legacy-pickle');
    prop(f, 'pickle-protocol', '2');
    return f;
  }
  if (s.kind === 'compressed') {
    const f = emptyFacts(file.ext === '.joblib' ? 'joblib' : 'pickle');
    prop(f, 'compression', s.detail);
    prop(f, 'serialization', file.ext === '.joblib' ? 'joblib' : 'pickle');
    return f;
  }
  const format = file.ext === '.joblib' ? 'joblib' : TORCH_EXT.has(file.ext) ? 'pytorch' : 'pickle';
  const f = emptyFacts(format);
  prop(f, 'serialization', file.ext === '.dill' ? 'dill' : file.ext === '.joblib' ? 'joblib' : 'pickle');
  prop(f, 'pickle-protocol', s.kind === 'pickle' ? s.detail : '0-1');
  return f;
}
