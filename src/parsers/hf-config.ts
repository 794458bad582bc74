// Hugging Face model folder JSON files: config.json (architectures, model_type, auto_map,
// _name_or_path), tokenizer_config.json and generation_config.json. Bytes in, facts out.
import { isRecord, parseJson, str, strList } from './hf-card-values.js';

export interface HfConfig {
  modelType?: string;
  architectures: string[];
  /** auto_map class references (custom code the folder ships: `trust_remote_code` territory) */
  autoMap: string[];
  nameOrPath?: string;
  transformersVersion?: string;
  torchDtype?: string;
  /** top-level keys, for the trigger rules */
  keys: string[];
  /** architectures entry is a list of non-strings, etc. */
  raw: Record<string, unknown>;
}

export type JsonFileResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseHfConfig(text: string): JsonFileResult<HfConfig> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `invalid JSON: ${parsed.error}` };
  const d = parsed.value;
  if (!isRecord(d)) return { ok: false, error: 'config.json is not a JSON object' };
  const autoMap: string[] = [];
  if (isRecord(d.auto_map)) {
    for (const [k, v] of Object.entries(d.auto_map).slice(0, 64)) {
      for (const ref of strList(v)) autoMap.push(`${k}=${ref}`);
    }
  }
  return {
    ok: true,
    value: {
      modelType: typeof d.model_type === 'string' ? str(d.model_type) : undefined,
      architectures: Array.isArray(d.architectures) ? strList(d.architectures.filter((a) => typeof a === 'string')) : [],
      autoMap,
      nameOrPath: typeof d._name_or_path === 'string' ? str(d._name_or_path) : undefined,
      transformersVersion: typeof d.transformers_version === 'string' ? str(d.transformers_version) : undefined,
      torchDtype: typeof d.torch_dtype === 'string' ? str(d.torch_dtype) : undefined,
      keys: Object.keys(d).slice(0, 2048),
      raw: d,
    },
  };
}

export interface HfTokenizerConfig {
  tokenizerClass?: string;
  hasChatTemplate: boolean;
  modelMaxLength?: number;
}

export function parseTokenizerConfig(text: string): JsonFileResult<HfTokenizerConfig> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `invalid JSON: ${parsed.error}` };
  const d = parsed.value;
  if (!isRecord(d)) return { ok: false, error: 'tokenizer_config.json is not a JSON object' };
  const max = d.model_max_length;
  return {
    ok: true,
    value: {
      tokenizerClass: str(d.tokenizer_class),
      hasChatTemplate: d.chat_template !== undefined && d.chat_template !== null,
      // transformers writes 1e30 for "no limit"; keep only real limits
      modelMaxLength: typeof max === 'number' && Number.isSafeInteger(max) && max > 0 ? max : undefined,
    },
  };
}

export interface HfGenerationConfig {
  keys: string[];
}

export function parseGenerationConfig(text: string): JsonFileResult<HfGenerationConfig> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `invalid JSON: ${parsed.error}` };
  if (!isRecord(parsed.value)) return { ok: false, error: 'generation_config.json is not a JSON object' };
  return { ok: true, value: { keys: Object.keys(parsed.value).sort().slice(0, 256) } };
}

/** PEFT adapters (adapter_config.json): LoRA & co. on top of a base model */
export interface HfAdapterConfig {
  peftType: string;
  baseModel?: string;
  taskType?: string;
}

export function parseAdapterConfig(text: string): JsonFileResult<HfAdapterConfig> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `invalid JSON: ${parsed.error}` };
  const d = parsed.value;
  const peftType = isRecord(d) ? str(d.peft_type) : undefined;
  if (!isRecord(d) || peftType === undefined) return { ok: false, error: 'adapter_config.json has no peft_type' };
  return { ok: true, value: { peftType, baseModel: str(d.base_model_name_or_path), taskType: str(d.task_type) } };
}

/** diffusers pipelines (model_index.json): the pipeline class and its components */
export interface HfPipelineIndex {
  className: string;
  diffusersVersion?: string;
  /** `name=library.Class` for each component */
  components: string[];
}

export function parsePipelineIndex(text: string): JsonFileResult<HfPipelineIndex> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `invalid JSON: ${parsed.error}` };
  const d = parsed.value;
  const className = isRecord(d) ? str(d._class_name) : undefined;
  if (!isRecord(d) || className === undefined) return { ok: false, error: 'model_index.json has no _class_name' };
  const components: string[] = [];
  for (const [k, v] of Object.entries(d).slice(0, 256)) {
    if (k.startsWith('_') || !Array.isArray(v) || v.length !== 2) continue;
    const [lib, cls] = [str(v[0]), str(v[1])];
    if (lib && cls) components.push(`${k}=${lib}.${cls}`);
  }
  return { ok: true, value: { className, diffusersVersion: str(d._diffusers_version), components: components.sort() } };
}
