// Detector: Hugging Face model folders (config.json and/or a README.md model card next to weights)
// and dataset cards (README.md with dataset metadata). One asset per folder, keyed `folder:<dir>`.
import type { DetectResult, Detector, ScanFile } from '../../src/detect/types.js';
import { parseGenerationConfig, parseTokenizerConfig, type HfTokenizerConfig } from '../../src/parsers/hf-config.js';
import { buildDatasetCard } from '../datasets/dataset-card-asset.js';
import { CONFIG_MAX, classifyFolder, readFolderFile } from './folder-classify.js';
import { buildModelFolder } from './model-folder-asset.js';
import { nestUnderFolders } from './nest.js';
import { shardSetsOf } from './shard-set.js';

export const MODEL_FOLDER_ID = 'huggingface/model-folder';
const SPEAKERS = new Set(['config.json', 'model_index.json', 'adapter_config.json']);

async function siblingText(file: ScanFile, name: string): Promise<string | undefined> {
  return (await readFolderFile(file, name, CONFIG_MAX))?.toString('utf8');
}

async function detectFolder(file: ScanFile): Promise<DetectResult> {
  // cheap prefilter: a README without front matter never speaks for a folder (most READMEs in node_modules)
  if (/^readme\.md$/i.test(file.name) && !/^(\uFEFF)?---/.test((await file.head(8)).toString('utf8'))) return {};
  const f = await classifyFolder(file);
  // one file speaks for the folder: config.json, model_index.json, adapter_config.json or README.md
  const speaker = /^readme\.md$/i.test(file.name) ? 'README.md' : file.name;
  if (f.kind === 'none' || f.via !== speaker) return {};
  if (f.kind === 'dataset') return { assets: [buildDatasetCard(f, MODEL_FOLDER_ID)] };

  const warnings: string[] = [];
  let tokenizer: HfTokenizerConfig | undefined;
  if (f.siblings.includes('tokenizer_config.json')) {
    const text = await siblingText(file, 'tokenizer_config.json');
    const parsed = text === undefined ? undefined : parseTokenizerConfig(text);
    if (parsed?.ok) tokenizer = parsed.value;
    else warnings.push(`tokenizer_config.json: ${parsed ? parsed.error : 'unreadable or over 1 MiB'}`);
  }
  let generationConfig = false;
  if (f.siblings.includes('generation_config.json')) {
    const text = await siblingText(file, 'generation_config.json');
    const parsed = text === undefined ? undefined : parseGenerationConfig(text);
    generationConfig = parsed?.ok === true;
    if (!parsed?.ok) warnings.push(`generation_config.json: ${parsed ? parsed.error : 'unreadable or over 1 MiB'}`);
  }
  const shardSets = await shardSetsOf(file, f.siblings);
  return { assets: buildModelFolder(f, { tokenizer, generationConfig, shardSets, warnings, detector: MODEL_FOLDER_ID }) };
}

export const modelFolderDetector: Detector = {
  id: MODEL_FOLDER_ID,
  group: 'model',
  description: 'Hugging Face model folders (config.json, model card, tokenizer/generation config) and dataset cards',
  scansDependencies: true,
  wants: (file) => (SPEAKERS.has(file.name) || /^readme\.md$/i.test(file.name)) && file.size <= 2 << 20,
  // names are matched lowercased: README.md, readme.md...
  names: [...SPEAKERS, 'readme.md'],
  // model files and folders below a model folder (diffusers components, checkpoints, onnx/) nest under it
  finish: (all) => ({ assets: nestUnderFolders(all.assets, 'model', (a) => a.kind === 'model' && a.format === 'huggingface', MODEL_FOLDER_ID) }),
  async detect(file) {
    try {
      return await detectFolder(file);
    } catch (err) {
      return { warnings: [{ path: file.path, message: `${MODEL_FOLDER_ID}: ${err instanceof Error ? err.message : String(err)}` }] };
    }
  },
};
