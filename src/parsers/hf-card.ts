// Hugging Face README.md cards: the YAML front matter between leading `---` lines. Model cards
// carry license, base_model, datasets, pipeline_tag, language; dataset cards carry task_categories,
// configs, dataset_info. The YAML is parsed as data only (aliases capped, no custom tags).
import { parse } from 'yaml';
import { isRecord, str, strList } from './hf-card-values.js';

export type CardKind = 'model' | 'dataset' | 'generic';

export interface HfCard {
  kind: CardKind;
  license: string[];
  licenseName?: string;
  licenseLink?: string;
  baseModel: string[];
  datasets: string[];
  pipelineTag?: string;
  languages: string[];
  tags: string[];
  libraryName?: string;
  /** model-index[0].name */
  modelIndexName?: string;
  prettyName?: string;
  taskCategories: string[];
  sizeCategories: string[];
  /** dataset card `configs[].config_name` */
  configs: string[];
}

export type CardResult = { ok: true; card: HfCard } | { ok: false; error: string } | undefined;

const MODEL_KEYS = ['pipeline_tag', 'base_model', 'library_name', 'model-index', 'model_name'];
const DATASET_KEYS = ['task_categories', 'configs', 'dataset_info', 'size_categories', 'task_ids', 'source_datasets', 'annotations_creators'];

/** The front matter text, or undefined when the README has none. */
export function frontMatter(text: string): string | undefined {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(body);
  if (m) return m[1];
  // an empty front matter block
  return /^---[ \t]*\r?\n---[ \t]*(?:\r?\n|$)/.test(body) ? '' : undefined;
}

/** Parse a README's card; undefined when there is no front matter. */
export function parseCard(text: string): CardResult {
  const yamlText = frontMatter(text);
  if (yamlText === undefined) return undefined;
  let data: unknown;
  try {
    data = parse(yamlText, { maxAliasCount: 50, uniqueKeys: false, prettyErrors: false });
  } catch (err) {
    return { ok: false, error: `invalid model card YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  if (data === null || data === undefined) data = {};
  if (!isRecord(data)) return { ok: false, error: 'model card YAML is not a mapping' };
  return { ok: true, card: cardFrom(data) };
}

function cardFrom(d: Record<string, unknown>): HfCard {
  const hasAny = (keys: string[]): boolean => keys.some((k) => d[k] !== undefined && d[k] !== null);
  const kind: CardKind = hasAny(DATASET_KEYS) ? 'dataset' : hasAny(MODEL_KEYS) ? 'model' : 'generic';
  const modelIndex = Array.isArray(d['model-index']) ? d['model-index'][0] : undefined;
  const configs = Array.isArray(d.configs) ? d.configs.slice(0, 256) : [];
  return {
    kind,
    license: strList(d.license),
    licenseName: str(d.license_name),
    licenseLink: str(d.license_link),
    baseModel: strList(d.base_model),
    datasets: strList(d.datasets),
    pipelineTag: str(d.pipeline_tag),
    languages: strList(d.language),
    tags: strList(d.tags),
    libraryName: str(d.library_name),
    modelIndexName: isRecord(modelIndex) ? str(modelIndex.name) : undefined,
    prettyName: str(d.pretty_name),
    taskCategories: strList(d.task_categories),
    sizeCategories: strList(d.size_categories),
    configs: strList(configs.map((c) => (isRecord(c) ? c.config_name : undefined))),
  };
}
