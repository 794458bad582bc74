// Hugging Face `datasets` metadata: dataset_info.json (one config, written by save_to_disk and the
// cache) and the legacy dataset_infos.json (a map of config name -> info).
import { count, isRecord, parseJson, str, strList } from './hf-card-values.js';
import type { JsonFileResult } from './hf-config.js';

export interface DatasetInfo {
  builderName?: string;
  configName?: string;
  description?: string;
  homepage?: string;
  license: string[];
  version?: string;
  /** feature name -> dtype (or _type when no dtype) */
  features: { name: string; type: string }[];
  splits: { name: string; examples?: number; bytes?: number }[];
  downloadSize?: number;
  datasetSize?: number;
}

export function parseDatasetInfo(text: string, plural = false): JsonFileResult<DatasetInfo[]> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `invalid JSON: ${parsed.error}` };
  const d = parsed.value;
  if (!isRecord(d)) return { ok: false, error: 'dataset info is not a JSON object' };
  const infos = plural ? Object.values(d).slice(0, 256).filter(isRecord) : [d];
  if (infos.length === 0) return { ok: false, error: 'dataset_infos.json holds no config' };
  return { ok: true, value: infos.map(infoFrom) };
}

function infoFrom(d: Record<string, unknown>): DatasetInfo {
  const features: DatasetInfo['features'] = [];
  if (isRecord(d.features)) {
    for (const [name, f] of Object.entries(d.features).slice(0, 1024)) {
      const type = isRecord(f) ? (str(f.dtype) ?? str(f._type) ?? 'unknown') : Array.isArray(f) ? 'Sequence' : 'unknown';
      features.push({ name, type });
    }
  }
  const splits: DatasetInfo['splits'] = [];
  if (isRecord(d.splits)) {
    for (const [name, s] of Object.entries(d.splits).slice(0, 256)) {
      if (isRecord(s)) splits.push({ name: str(s.name) ?? name, examples: count(s.num_examples), bytes: count(s.num_bytes) });
    }
  }
  const version = isRecord(d.version) ? str(d.version.version_str) : str(d.version);
  return {
    builderName: str(d.builder_name),
    configName: str(d.config_name),
    description: str(d.description),
    homepage: str(d.homepage),
    license: strList(d.license).filter((l) => l.length <= 100),
    version,
    features,
    splits,
    downloadSize: count(d.download_size),
    datasetSize: count(d.dataset_size),
  };
}
