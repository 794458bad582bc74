// A scan of folders of real model and dataset files (made by torch, onnx, numpy, h5py, sklearn, llama.cpp
// and the dataset generators): every file is listed with its format and the correct SHA-256, in a
// schema-valid BOM.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../src/index.js';
import { cycloneDxJsonErrors } from '../helpers/schema.js';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('real model files', () => {
  it('lists every model file of fixtures/models with format and correct SHA-256', async () => {
    const { inventory, bom } = await scan({ path: 'fixtures/models', advisories: false });
    expect(cycloneDxJsonErrors(bom)).toEqual([]);
    const expected: Record<string, string> = {
      'tiny.safetensors': 'safetensors', 'tiny.gguf': 'gguf', 'tiny.onnx': 'onnx', 'linear.pt': 'pytorch',
      'legacy.pth': 'pytorch', 'scripted.pt': 'torchscript', 'logreg.pkl': 'pickle', 'logreg.joblib': 'joblib',
      'arr.npy': 'numpy', 'arrs.npz': 'numpy', 'tiny.keras': 'keras', 'keras-dense.h5': 'keras', 'tiny.tflite': 'tflite',
      'tiny.mlmodel': 'coreml',
    };
    for (const [name, format] of Object.entries(expected)) {
      const asset = inventory.assets.find((a) => a.kind === 'model' && a.locations.some((l) => l.path === name));
      expect(asset, name).toBeDefined();
      expect(asset && 'format' in asset ? asset.format : undefined, name).toBe(format);
      expect(asset?.hashes?.sha256, name).toBe(sha(join('fixtures/models', name)));
    }
  });

  it('hashes real GGUF files, datasets and Hugging Face folders correctly', async () => {
    for (const dir of ['fixtures/gguf', 'fixtures/datasets', 'fixtures/huggingface']) {
      const { inventory, bom } = await scan({ path: dir, advisories: false });
      expect(cycloneDxJsonErrors(bom), dir).toEqual([]);
      let checked = 0;
      for (const a of inventory.assets) {
        if (!a.key.startsWith('file:') || !a.hashes?.sha256 || ('present' in a && !a.present) || a.key.includes('!/')) continue;
        for (const l of a.locations) {
          expect(a.hashes.sha256, l.path).toBe(sha(join(dir, l.path)));
          checked++;
        }
      }
      expect(checked, dir).toBeGreaterThan(0);
    }
    expect(files('fixtures/gguf').filter((f) => f.endsWith('.gguf')).length).toBeGreaterThan(0);
  });
});
