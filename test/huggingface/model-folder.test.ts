import { describe, expect, it } from 'vitest';
import { huggingFaceDetectors, lfsPointerDetector, modelFolderDetector, shardIndexDetector } from '../../detectors/huggingface/index.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import { ctx, fixtureFile } from './fixture-file.js';

const HF = 'huggingface';
const REV = '0123456789abcdef0123456789abcdef01234567';
const BERT_DIR = `hub/models--acme--tiny-bert/snapshots/${REV}`;

describe('huggingFaceDetectors', () => {
  it('exports the three detectors, all scanning dependencies', () => {
    expect(huggingFaceDetectors.map((d) => d.id)).toEqual(['huggingface/model-folder', 'huggingface/sharded-index', 'huggingface/lfs-pointer']);
    expect(huggingFaceDetectors.every((d) => d.scansDependencies === true)).toBe(true);
  });
});

describe('huggingface/model-folder', () => {
  it('wants config.json and README.md only', () => {
    const ref = (name: string, size = 100) => ({ path: `x/${name}`, name, ext: '', size });
    expect(modelFolderDetector.wants(ref('config.json'))).toBe(true);
    expect(modelFolderDetector.wants(ref('README.md'))).toBe(true);
    expect(modelFolderDetector.wants(ref('readme.md'))).toBe(true);
    expect(modelFolderDetector.wants(ref('package.json'))).toBe(false);
    expect(modelFolderDetector.wants(ref('config.json', 3 << 20))).toBe(false);
  });

  it('makes one folder model with card facts, licenses, shards and member partials', async () => {
    const r = await modelFolderDetector.detect(fixtureFile(HF, 'tiny-llama/config.json'), ctx());
    expect(r.assets).toEqual([
      {
        key: 'folder:tiny-llama',
        kind: 'model',
        name: 'acme/tiny-llama',
        format: 'huggingface',
        present: true,
        purl: 'pkg:huggingface/acme/tiny-llama',
        externalReferences: [{ type: 'website', url: 'https://huggingface.co/acme/tiny-llama' }],
        locations: [{ path: 'tiny-llama/config.json' }, { path: 'tiny-llama/README.md' }],
        detectors: ['huggingface/model-folder'],
        card: {
          task: 'text-generation',
          architectureFamily: 'llama',
          modelArchitecture: 'LlamaForCausalLM',
          datasets: ['HuggingFaceH4/ultrachat_200k'],
          baseModel: ['meta-llama/Llama-3.2-1B'],
          languages: ['en', 'fr'],
        },
        licenses: [{ spdx: 'Apache-2.0', source: 'model card' }],
        properties: {
          'aibom:model:format': 'huggingface',
          'aibom:model:architecture': 'LlamaForCausalLM',
          'aibom:model:type': 'llama',
          'aibom:model:task': 'text-generation',
          'aibom:model:license': ['Apache-2.0'],
          'aibom:model:base-model': ['meta-llama/Llama-3.2-1B'],
          'aibom:model:datasets': ['HuggingFaceH4/ultrachat_200k'],
          'aibom:huggingface:name-or-path': 'acme/tiny-llama',
          'aibom:huggingface:auto-map': ['AutoModelForCausalLM=modeling_tiny.TinyLlamaForCausalLM'],
          'aibom:huggingface:library': 'transformers',
          'aibom:huggingface:tags': ['llama', 'chat'],
          'aibom:huggingface:transformers-version': '4.44.2',
          'aibom:huggingface:torch-dtype': 'bfloat16',
          'aibom:huggingface:tokenizer-class': 'LlamaTokenizer',
          'aibom:huggingface:chat-template': 'true',
          'aibom:huggingface:generation-config': 'true',
          'aibom:huggingface:files': [
            'README.md',
            'config.json',
            'generation_config.json',
            'model-00001-of-00002.safetensors',
            'model.safetensors.index.json',
            'tokenizer.json',
            'tokenizer_config.json',
          ],
          'aibom:model:shard-index': ['model.safetensors.index.json'],
          'aibom:model:shards': '2',
          'aibom:model:tensor-count': '4',
          'aibom:model:shard-total-bytes': '1048576',
          'aibom:model:shards-missing': ['model-00002-of-00002.safetensors'],
        },
        warnings: ['model.safetensors.index.json: shard model-00002-of-00002.safetensors is missing'],
      },
      {
        key: 'file:tiny-llama/model-00001-of-00002.safetensors',
        kind: 'model',
        name: 'model-00001-of-00002.safetensors',
        format: 'safetensors',
        present: true,
        partial: true,
        parent: 'folder:tiny-llama',
        locations: [{ path: 'tiny-llama/model-00001-of-00002.safetensors' }],
        detectors: ['huggingface/model-folder'],
      },
    ]);
  });

  it('leaves a config-backed folder to config.json: README.md and the index add nothing', async () => {
    expect(await modelFolderDetector.detect(fixtureFile(HF, 'tiny-llama/README.md'), ctx())).toEqual({});
    expect(await shardIndexDetector.detect(fixtureFile(HF, 'tiny-llama/model.safetensors.index.json'), ctx())).toEqual({});
  });

  it('takes the repo id and revision from the hub cache layout and a license_name for "other"', async () => {
    const r = await modelFolderDetector.detect(fixtureFile(HF, `${BERT_DIR}/config.json`), ctx());
    const [model, member] = r.assets ?? [];
    expect(model).toMatchObject({
      key: `folder:${BERT_DIR}`,
      name: 'acme/tiny-bert',
      version: REV,
      purl: `pkg:huggingface/acme/tiny-bert@${REV}`,
      card: { task: 'feature-extraction', architectureFamily: 'bert', modelArchitecture: 'BertModel', languages: ['en'] },
      licenses: [{ name: 'acme-research-license', url: 'https://example.com/acme-license', source: 'model card' }],
    });
    expect(model.properties?.['aibom:huggingface:revision']).toBe(REV);
    expect(model.properties?.['aibom:model:license']).toEqual(['acme-research-license']);
    expect(member).toMatchObject({ key: `file:${BERT_DIR}/pytorch_model.bin`, partial: true, parent: `folder:${BERT_DIR}`, format: 'pytorch' });
    expect(r.assets).toHaveLength(2);
  });

  it('does not trust _name_or_path that names another model', async () => {
    const file = fixtureFile(HF, 'tiny-llama/config.json', { display: 'finetuned/config.json' });
    const r = await modelFolderDetector.detect(file, ctx());
    expect(r.assets?.[0]).toMatchObject({ key: 'folder:finetuned', name: 'tiny-llama-chat' });
    expect(r.assets?.[0].purl).toBeUndefined();
  });

  it('makes a model from a README model card next to weights (no config.json)', async () => {
    const r = await modelFolderDetector.detect(fixtureFile(HF, 'card-only/README.md'), ctx());
    expect(r.assets?.map((a) => [a.key, a.partial ?? false, a.parent])).toEqual([
      ['folder:card-only', false, undefined],
      ['file:card-only/model.Q4_K_M.gguf', true, 'folder:card-only'],
    ]);
    expect(r.assets?.[0]).toMatchObject({
      name: 'card-only',
      card: { task: 'text-generation', baseModel: ['meta-llama/Llama-3.1-8B-Instruct'] },
      licenses: [{ name: 'llama3.1', source: 'model card' }],
      locations: [{ path: 'card-only/README.md' }],
    });
  });

  it('skips a README without front matter before listing the folder', async () => {
    const f = memoryFile('pkg/README.md', '# pkg\n', { siblings: { 'model.safetensors': 'x' } });
    const spy = { ...f, siblings: async () => { throw new Error('siblings listed'); } };
    expect(await modelFolderDetector.detect(spy, ctx())).toEqual({});
  });

  it('ignores web-app config.json and README front matter', async () => {
    expect(await modelFolderDetector.detect(fixtureFile(HF, 'webapp/config.json'), ctx())).toEqual({});
    expect(await modelFolderDetector.detect(fixtureFile(HF, 'webapp/README.md'), ctx())).toEqual({});
  });

  it('keeps a folder with a broken card YAML as a model with a warning', async () => {
    const r = await modelFolderDetector.detect(fixtureFile(HF, 'bad-yaml/README.md'), ctx());
    expect(r.assets?.[0]).toMatchObject({ key: 'folder:bad-yaml', kind: 'model', name: 'bad-yaml' });
    expect(r.assets?.[0].warnings).toHaveLength(1);
    expect(r.assets?.[0].warnings?.[0]).toMatch(/^README\.md: invalid model card YAML/);
    expect(r.assets?.[1]).toMatchObject({ key: 'file:bad-yaml/model.safetensors', parent: 'folder:bad-yaml' });
  });

  it('uses "." for the scan root and survives a config.json that is not JSON next to weights', async () => {
    const f = fixtureFile(HF, 'bad-yaml/model.safetensors', { display: 'model.safetensors' });
    const cfg = fixtureFile(HF, 'webapp/config.json', { display: 'config.json', siblings: { 'model.safetensors': 'x' } });
    expect(f.path).toBe('model.safetensors');
    const broken = { ...cfg, head: async () => Buffer.from('{"model_type": '), size: 15 };
    const r = await modelFolderDetector.detect(broken, ctx());
    expect(r.assets?.map((a) => a.key)).toEqual(['folder:.', 'file:model.safetensors']);
    expect(r.assets?.[0].name).toBe('huggingface-model');
    expect(r.assets?.[0].warnings?.[0]).toMatch(/^config\.json: invalid JSON/);
  });
});

describe('huggingface/sharded-index', () => {
  it('makes one model keyed by the index with its present shards, warning on missing and escaping ones', async () => {
    const r = await shardIndexDetector.detect(fixtureFile(HF, 'sharded-plain/model.safetensors.index.json'), ctx());
    expect(r.assets).toEqual([
      {
        key: 'file:sharded-plain/model.safetensors.index.json',
        kind: 'model',
        name: 'sharded-plain',
        format: 'safetensors-sharded',
        present: true,
        locations: [{ path: 'sharded-plain/model.safetensors.index.json' }],
        properties: {
          'aibom:model:format': 'safetensors-sharded',
          'aibom:model:shard-index': ['model.safetensors.index.json'],
          'aibom:model:shards': '3',
          'aibom:model:tensor-count': '4',
          'aibom:model:shard-total-bytes': '2000',
          'aibom:model:shards-missing': ['model-00003-of-00003.safetensors'],
        },
        detectors: ['huggingface/sharded-index'],
        warnings: [
          'model.safetensors.index.json: shard path "../escape.safetensors" leaves the folder; ignored',
          'model.safetensors.index.json: shard model-00003-of-00003.safetensors is missing',
        ],
      },
      expect.objectContaining({ key: 'file:sharded-plain/model-00001-of-00003.safetensors', partial: true, parent: 'file:sharded-plain/model.safetensors.index.json' }),
      expect.objectContaining({ key: 'file:sharded-plain/model-00002-of-00003.safetensors', partial: true, parent: 'file:sharded-plain/model.safetensors.index.json' }),
    ]);
  });

  it('warns on an index that is not an index', async () => {
    const r = await shardIndexDetector.detect(fixtureFile(HF, 'webapp/config.json', { display: 'w/pytorch_model.bin.index.json' }), ctx());
    expect(r.assets?.[0]).toMatchObject({ format: 'pytorch-sharded', warnings: ['pytorch_model.bin.index.json: shard index has no weight_map object'] });
  });
});

describe('huggingface/lfs-pointer', () => {
  it('wants small files with model or dataset extensions', () => {
    expect(lfsPointerDetector.wants({ path: 'a.safetensors', name: 'a.safetensors', ext: '.safetensors', size: 130 })).toBe(true);
    expect(lfsPointerDetector.wants({ path: 'a.safetensors', name: 'a.safetensors', ext: '.safetensors', size: 5000 })).toBe(false);
    expect(lfsPointerDetector.wants({ path: 'a.png', name: 'a.png', ext: '.png', size: 130 })).toBe(false);
  });

  it('lists a model pointer with the oid as SHA-256 and the declared size', async () => {
    const r = await lfsPointerDetector.detect(fixtureFile(HF, 'lfs/weights.safetensors'), ctx());
    expect(r.assets).toEqual([
      {
        key: 'file:lfs/weights.safetensors',
        kind: 'model',
        name: 'weights.safetensors',
        format: 'safetensors',
        present: false,
        hashes: { sha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae' },
        size: 7340032,
        locations: [{ path: 'lfs/weights.safetensors' }],
        detectors: ['huggingface/lfs-pointer'],
        properties: { 'aibom:lfs:pointer': 'true', 'aibom:content': 'pointer, content not present', 'aibom:model:format': 'safetensors' },
      },
    ]);
  });

  it('lists a dataset pointer as a dataset', async () => {
    const r = await lfsPointerDetector.detect(fixtureFile(HF, 'lfs/train.parquet'), ctx());
    expect(r.assets?.[0]).toMatchObject({ kind: 'dataset', format: 'parquet', present: false, size: 123456789 });
    expect(r.assets?.[0].properties?.['aibom:dataset:format']).toBe('parquet');
  });

  it('warns on a malformed pointer and ignores non-pointers', async () => {
    const r = await lfsPointerDetector.detect(fixtureFile(HF, 'lfs/broken.gguf'), ctx());
    expect(r.assets?.[0]).toMatchObject({ key: 'file:lfs/broken.gguf', kind: 'model', format: 'gguf', present: false });
    expect(r.assets?.[0].hashes).toBeUndefined();
    expect(r.assets?.[0].warnings).toEqual(['malformed Git LFS pointer: LFS pointer oid is missing or not sha256:<64 hex>']);
    expect(await lfsPointerDetector.detect(fixtureFile(HF, 'card-only/model.Q4_K_M.gguf'), ctx())).toEqual({});
  });
});

describe('diffusers pipelines and PEFT adapters', () => {
  it('makes a pipeline folder model from model_index.json', async () => {
    const r = await modelFolderDetector.detect(fixtureFile(HF, 'sd-pipeline/model_index.json'), ctx());
    expect(r.assets).toHaveLength(1);
    expect(r.assets?.[0]).toMatchObject({
      key: 'folder:sd-pipeline',
      name: 'sd-pipeline',
      card: { modelArchitecture: 'StableDiffusionPipeline' },
      locations: [{ path: 'sd-pipeline/model_index.json' }],
    });
    expect(r.assets?.[0].properties?.['aibom:huggingface:pipeline-components']).toEqual([
      'feature_extractor=transformers.CLIPImageProcessor',
      'scheduler=diffusers.PNDMScheduler',
      'text_encoder=transformers.CLIPTextModel',
      'tokenizer=transformers.CLIPTokenizer',
      'unet=diffusers.UNet2DConditionModel',
      'vae=diffusers.AutoencoderKL',
    ]);
    expect(r.assets?.[0].properties?.['aibom:huggingface:diffusers-version']).toBe('0.30.0');
  });

  it('nests component folders and loose weights under the pipeline after the walk', async () => {
    const pipe = (await modelFolderDetector.detect(fixtureFile(HF, 'sd-pipeline/model_index.json'), ctx())).assets ?? [];
    const enc = (await modelFolderDetector.detect(fixtureFile(HF, 'sd-pipeline/text_encoder/config.json'), ctx())).assets ?? [];
    expect(await modelFolderDetector.detect(fixtureFile(HF, 'sd-pipeline/unet/config.json'), ctx())).toEqual({});
    const unetWeights = { key: 'file:sd-pipeline/unet/diffusion_pytorch_model.safetensors', kind: 'model' as const, name: 'diffusion_pytorch_model.safetensors', format: 'safetensors', present: true, locations: [] };
    const r = modelFolderDetector.finish?.({ assets: [...pipe, ...enc, unetWeights], findings: [] });
    expect(r?.assets?.map((a) => [a.key, a.parent])).toEqual([
      ['file:sd-pipeline/unet/diffusion_pytorch_model.safetensors', 'folder:sd-pipeline'],
      ['folder:sd-pipeline/text_encoder', 'folder:sd-pipeline'],
    ]);
  });

  it('makes an adapter folder model with its base model from adapter_config.json', async () => {
    const r = await modelFolderDetector.detect(fixtureFile(HF, 'lora-adapter/adapter_config.json'), ctx());
    expect(r.assets?.[0]).toMatchObject({
      key: 'folder:lora-adapter',
      card: { baseModel: ['mistralai/Mistral-7B-v0.1'] },
      properties: { 'aibom:huggingface:peft-type': 'LORA', 'aibom:huggingface:peft-task-type': 'CAUSAL_LM', 'aibom:model:base-model': ['mistralai/Mistral-7B-v0.1'] },
    });
    expect(r.assets?.[1]).toMatchObject({ key: 'file:lora-adapter/adapter_model.safetensors', parent: 'folder:lora-adapter', partial: true });
  });
});
