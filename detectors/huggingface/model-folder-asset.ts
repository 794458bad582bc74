// Builds the one ModelAsset of a Hugging Face model folder (`folder:<dir>`) and the partials that
// nest its weight files and shards under it.
import type { Asset, ModelAsset, ModelCardFacts } from '../../src/inventory/types.js';
import type { HfTokenizerConfig } from '../../src/parsers/hf-config.js';
import type { FolderFacts } from './folder-classify.js';
import { cardLicenses, licenseLabels } from './card-licenses.js';
import { fileKindOf } from './rules.js';
import { folderName, hubDisplayId, hubIdFromPath, hubIdFromString, hubPurl, hubUrl, joinPath, type HubId } from './paths.js';
import { shardProperties, type ShardSet } from './shard-set.js';

export interface FolderExtras {
  tokenizer?: HfTokenizerConfig;
  generationConfig: boolean;
  shardSets: ShardSet[];
  warnings: string[];
  detector: string;
}

/** The hub id: from the cache layout, else `_name_or_path` when it names this very folder. */
export function modelHubId(f: FolderFacts): HubId | undefined {
  const cached = hubIdFromPath(f.dir);
  if (cached?.repoType === 'model') return cached;
  const nop = f.config?.nameOrPath;
  const id = nop ? hubIdFromString(nop, 'model') : undefined;
  return id && id.name === folderName(f.dir) ? id : undefined;
}

function put(props: Record<string, string | string[]>, key: string, v: string | string[] | undefined): void {
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return;
  props[key] = v;
}

export function buildModelFolder(f: FolderFacts, x: FolderExtras): Asset[] {
  const key = `folder:${f.dir}`;
  const id = modelHubId(f);
  const card = f.card;
  const cfg = f.config;
  const facts: ModelCardFacts = {};
  if (card?.pipelineTag) facts.task = card.pipelineTag;
  if (cfg?.modelType) facts.architectureFamily = cfg.modelType;
  const architecture = cfg?.architectures[0] ?? f.pipeline?.className;
  if (architecture) facts.modelArchitecture = architecture;
  if (card?.datasets.length) facts.datasets = card.datasets;
  const baseModel = card?.baseModel.length ? card.baseModel : f.adapter?.baseModel ? [f.adapter.baseModel] : [];
  if (baseModel.length) facts.baseModel = baseModel;
  if (card?.languages.length) facts.languages = card.languages;
  const licenses = cardLicenses(card);

  const props: Record<string, string | string[]> = { 'aibom:model:format': 'huggingface' };
  put(props, 'aibom:model:architecture', architecture);
  put(props, 'aibom:model:type', cfg?.modelType);
  put(props, 'aibom:model:task', card?.pipelineTag);
  put(props, 'aibom:model:license', licenseLabels(licenses));
  put(props, 'aibom:model:base-model', baseModel);
  put(props, 'aibom:model:datasets', card?.datasets);
  put(props, 'aibom:huggingface:name-or-path', cfg?.nameOrPath);
  put(props, 'aibom:huggingface:revision', id?.revision);
  put(props, 'aibom:huggingface:auto-map', cfg?.autoMap);
  put(props, 'aibom:huggingface:library', card?.libraryName);
  put(props, 'aibom:huggingface:tags', card?.tags);
  put(props, 'aibom:huggingface:transformers-version', cfg?.transformersVersion);
  put(props, 'aibom:huggingface:torch-dtype', cfg?.torchDtype);
  put(props, 'aibom:huggingface:tokenizer-class', x.tokenizer?.tokenizerClass);
  put(props, 'aibom:huggingface:diffusers-version', f.pipeline?.diffusersVersion);
  put(props, 'aibom:huggingface:pipeline-components', f.pipeline?.components);
  put(props, 'aibom:huggingface:peft-type', f.adapter?.peftType);
  put(props, 'aibom:huggingface:peft-task-type', f.adapter?.taskType);
  if (x.tokenizer?.hasChatTemplate) props['aibom:huggingface:chat-template'] = 'true';
  if (x.generationConfig) props['aibom:huggingface:generation-config'] = 'true';
  put(props, 'aibom:huggingface:files', [...f.siblings].sort());
  Object.assign(props, shardProperties(x.shardSets));

  const warnings = [...x.warnings, ...(f.configError ? [f.configError] : []), ...(f.cardError ? [f.cardError] : [])];
  warnings.push(...x.shardSets.flatMap((s) => s.warnings));
  const locations = [f.via === 'README.md' ? undefined : f.via, f.readmeName]
    .filter((n): n is string => n !== undefined)
    .map((n) => ({ path: joinPath(f.dir, n) }));

  const model: ModelAsset = {
    key,
    kind: 'model',
    name: id ? hubDisplayId(id) : (card?.modelIndexName ?? folderName(f.dir) ?? cfg?.nameOrPath ?? 'huggingface-model'),
    format: 'huggingface',
    present: true,
    locations,
    properties: props,
    detectors: [x.detector],
    ...(id?.revision ? { version: id.revision } : {}),
    ...(id ? { purl: hubPurl(id), externalReferences: [{ type: 'website', url: hubUrl(id) }] } : {}),
    ...(Object.keys(facts).length > 0 ? { card: facts } : {}),
    ...(licenses.length > 0 ? { licenses } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
  const members = new Set([...f.weights, ...x.shardSets.flatMap((s) => s.present)]);
  return [model, ...[...members].sort().map((name) => memberPartial(f.dir, name, key, x.detector))];
}

/** a partial that nests `<dir>/<name>` (emitted in full by a model-format detector) under `parent` */
export function memberPartial(dir: string, name: string, parent: string, detector: string): ModelAsset {
  const path = joinPath(dir, name);
  return {
    key: `file:${path}`,
    kind: 'model',
    name,
    format: fileKindOf(name)?.format ?? 'unknown',
    present: true,
    partial: true,
    parent,
    locations: [{ path }],
    detectors: [detector],
  };
}
