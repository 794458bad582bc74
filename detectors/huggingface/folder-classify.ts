// Decides what a folder is, from its config.json, README.md card and file names: a Hugging Face
// model folder, a dataset folder (dataset card), or nothing. Every handler in the folder asks the
// same question, so the config.json, README.md and shard-index handlers never disagree.
import type { ScanFile } from '../../src/detect/types.js';
import { parseCard, type HfCard } from '../../src/parsers/hf-card.js';
import {
  parseAdapterConfig,
  parseHfConfig,
  parsePipelineIndex,
  type HfAdapterConfig,
  type HfConfig,
  type HfPipelineIndex,
} from '../../src/parsers/hf-config.js';
import { configRules, fileKindOf } from './rules.js';
import { dirOf } from './paths.js';

export const CONFIG_MAX = 1 << 20;
export const README_MAX = 2 << 20;

export interface FolderFacts {
  dir: string;
  siblings: string[];
  kind: 'model' | 'dataset' | 'none';
  /** the file whose handler emits the folder asset */
  via?: 'config.json' | 'model_index.json' | 'adapter_config.json' | 'README.md';
  config?: HfConfig;
  pipeline?: HfPipelineIndex;
  adapter?: HfAdapterConfig;
  configError?: string;
  readmeName?: string;
  card?: HfCard;
  cardError?: string;
  /** weight files a model-format detector emits (folder members) */
  weights: string[];
  dataFiles: string[];
}

export function configQualifies(cfg: HfConfig, hasWeights: boolean): boolean {
  const rules = configRules();
  if (cfg.architectures.length > 0 && cfg.architectures.every((a) => rules.architecturePattern.test(a))) return true;
  if (rules.strongKeys.some((k) => cfg.keys.includes(k))) return true;
  if (cfg.modelType === undefined) return false;
  return hasWeights || rules.modelTypeCompanions.some((k) => cfg.keys.includes(k));
}

/** a file of the folder by name, bounded; the file being scanned is read directly */
export async function readFolderFile(file: ScanFile, name: string, max: number): Promise<Buffer | undefined> {
  if (name === file.name) return file.size <= max ? file.head(max) : undefined;
  return file.sibling(name, max);
}

async function readText(file: ScanFile, name: string, max: number): Promise<string | undefined> {
  return (await readFolderFile(file, name, max))?.toString('utf8');
}

export async function classifyFolder(file: ScanFile): Promise<FolderFacts> {
  const siblings = [...new Set(await file.siblings())].sort();
  const weights = siblings.filter((n) => fileKindOf(n)?.folderMember === true);
  const dataFiles = siblings.filter((n) => fileKindOf(n)?.kind === 'dataset');
  const facts: FolderFacts = { dir: dirOf(file.path), siblings, kind: 'none', weights, dataFiles };

  if (siblings.includes('config.json')) {
    const text = await readText(file, 'config.json', CONFIG_MAX);
    const parsed = text === undefined ? { ok: false as const, error: 'config.json unreadable or over 1 MiB' } : parseHfConfig(text);
    if (parsed.ok && configQualifies(parsed.value, weights.length > 0)) {
      Object.assign(facts, { kind: 'model', via: 'config.json', config: parsed.value });
    } else if (!parsed.ok && weights.length > 0) {
      Object.assign(facts, { kind: 'model', via: 'config.json', configError: `config.json: ${parsed.error}` });
    }
  }
  if (facts.kind === 'none' && siblings.includes('model_index.json')) {
    const text = await readText(file, 'model_index.json', CONFIG_MAX);
    const parsed = text === undefined ? undefined : parsePipelineIndex(text);
    if (parsed?.ok) Object.assign(facts, { kind: 'model', via: 'model_index.json', pipeline: parsed.value });
  }
  if (facts.kind === 'none' && siblings.includes('adapter_config.json')) {
    const text = await readText(file, 'adapter_config.json', CONFIG_MAX);
    const parsed = text === undefined ? undefined : parseAdapterConfig(text);
    if (parsed?.ok) Object.assign(facts, { kind: 'model', via: 'adapter_config.json', adapter: parsed.value });
  }

  facts.readmeName = siblings.find((n) => /^readme\.md$/i.test(n));
  if (facts.readmeName !== undefined) {
    const text = await readText(file, facts.readmeName, README_MAX);
    const card = text === undefined ? undefined : parseCard(text);
    if (card?.ok) facts.card = card.card;
    else if (card) facts.cardError = `${facts.readmeName}: ${card.error}`;
  }
  if (facts.kind !== 'none') return facts;

  if (facts.card) {
    if (facts.card.kind === 'dataset') return { ...facts, kind: 'dataset', via: 'README.md' };
    if (facts.card.kind === 'model' || (facts.card.kind === 'generic' && weights.length > 0)) {
      return { ...facts, kind: 'model', via: 'README.md' };
    }
  } else if (facts.cardError) {
    if (weights.length > 0) return { ...facts, kind: 'model', via: 'README.md' };
    if (dataFiles.length > 0) return { ...facts, kind: 'dataset', via: 'README.md' };
  }
  return facts;
}
