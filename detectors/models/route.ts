// Decide a file's model format by its content (magic bytes, structure) and hand it to the right
// handler. The extension is only a hint: for protobuf formats without a magic number, and to
// decide whether content that is not a model is still listed (strong extensions) or dropped.
import type { ScanFile } from '../../src/detect/types.js';
import { sniff, looksLikeOldPickle, SNIFF_BYTES } from '../../src/parsers/magic.js';
import { emptyFacts, prop, type ModelFacts } from './asset.js';
import { coremlFacts, ggufFacts, numpyFacts, onnxFacts, safetensorsFacts, savedModelFacts, tfliteFacts } from './handle-headers.js';
import { zipFacts } from './handle-zip.js';
import { pickleFacts } from './handle-pickle.js';
import { hdf5Facts } from './handle-hdf5.js';

const PICKLE_EXT = new Set(['.pkl', '.pickle', '.joblib', '.dill', '.sav']);
const TORCH_EXT = new Set(['.pt', '.pth', '.pt2', '.bin', '.ckpt', '.mar']);

function unknown(warning?: string): ModelFacts {
  const f = emptyFacts('unknown');
  if (warning) f.warnings.push(warning);
  return f;
}

/** protobuf formats have no magic: trust the hint when the first byte is field 1 as a varint */
async function protobufByHint(file: ScanFile, head: Buffer): Promise<ModelFacts | undefined> {
  if (head[0] !== 0x08) return undefined;
  if (file.ext === '.onnx') {
    const f = await onnxFacts(file);
    return f.properties['aibom:model:format-version'] === undefined ? { ...f, format: 'unknown' } : f;
  }
  if (file.ext === '.mlmodel') {
    const f = await coremlFacts(file);
    return f.properties['aibom:model:format-version'] === undefined ? { ...f, format: 'unknown' } : f;
  }
  if (file.name === 'saved_model.pb') return savedModelFacts(file);
  return undefined;
}

/** Facts for a model-like file, or undefined when it is clearly not a model (or an LFS pointer). */
export async function modelFacts(file: ScanFile, strong: boolean): Promise<ModelFacts | undefined> {
  const head = await file.head(SNIFF_BYTES);
  const s = sniff(head, file.size);
  if (s.kind === 'lfs-pointer') return undefined;
  if (s.kind === 'empty') return strong ? unknown(`empty file with a ${file.ext} extension`) : undefined;
  const byHint = await protobufByHint(file, head);
  if (byHint) return byHint;
  switch (s.kind) {
    case 'gguf':
      return ggufFacts(file);
    case 'ggml': {
      const f = emptyFacts('ggml');
      prop(f, 'serialization', s.detail);
      return f;
    }
    case 'safetensors':
      return safetensorsFacts(file);
    case 'zip':
      return zipFacts(file);
    case 'numpy':
      return numpyFacts(file);
    case 'hdf5':
      return hdf5Facts(file);
    case 'tflite':
      return tfliteFacts(file);
    case 'pickle':
    case 'torch-legacy':
      return pickleFacts(file, s);
    case 'compressed':
      if (PICKLE_EXT.has(file.ext)) return pickleFacts(file, s);
      return strong ? unknown(`${s.detail}-compressed data with a ${file.ext} extension`) : undefined;
    case 'text':
      if ((PICKLE_EXT.has(file.ext) || TORCH_EXT.has(file.ext)) && looksLikeOldPickle(head)) return pickleFacts(file, s);
      return strong ? unknown(`text content, not a ${file.ext} model`) : undefined;
    case 'other-file':
      return strong ? unknown(`content is a ${s.detail}, not a ${file.ext} model`) : undefined;
    default: {
      if (file.ext === '.onnx' || file.ext === '.mlmodel' || file.name === 'saved_model.pb') {
        return unknown(`not a valid ${file.ext || file.name} protobuf (first byte 0x${head[0].toString(16).padStart(2, '0')})`);
      }
      return unknown(strong ? `unrecognised content for a ${file.ext} file` : undefined);
    }
  }
}
