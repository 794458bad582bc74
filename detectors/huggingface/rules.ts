// Loads the Hugging Face rule data (file kinds, config.json trigger, license ids) from the YAML
// files next to this module, once. The data and its must/must-not cases are tested together.
import { readDataYaml } from '../../src/util/data-file.js';
import { isRecord } from '../../src/parsers/hf-card-values.js';
import { extOf } from '../../src/detect/memory-file.js';

export interface FileKind {
  kind: 'model' | 'dataset';
  format: string;
  folderMember: boolean;
}

export interface ConfigRules {
  architecturePattern: RegExp;
  strongKeys: string[];
  modelTypeCompanions: string[];
}

const cache = new Map<string, unknown>();

export function loadRuleYaml(folder: string, file: string): Record<string, unknown> {
  const key = `${folder}/${file}`;
  let data = cache.get(key);
  if (data === undefined) {
    data = readDataYaml(`detectors/${folder}/${file}`);
    cache.set(key, data);
  }
  if (!isRecord(data)) throw new Error(`aibom: rule file detectors/${key} is not a mapping`);
  return data;
}

let kinds: Map<string, FileKind> | undefined;

export function fileKinds(): Map<string, FileKind> {
  if (kinds) return kinds;
  const data = loadRuleYaml('huggingface', 'file-kinds.yaml');
  const out = new Map<string, FileKind>();
  for (const kind of ['models', 'datasets'] as const) {
    const table = data[kind];
    if (!isRecord(table)) continue;
    for (const [ext, v] of Object.entries(table)) {
      if (!isRecord(v) || typeof v.format !== 'string') continue;
      out.set(ext, { kind: kind === 'models' ? 'model' : 'dataset', format: v.format, folderMember: v.folderMember === true });
    }
  }
  return (kinds = out);
}

/** the kind and format of a model or dataset file by its name's extension */
export function fileKindOf(name: string): FileKind | undefined {
  return fileKinds().get(extOf(name));
}

let config: ConfigRules | undefined;

export function configRules(): ConfigRules {
  if (config) return config;
  const d = loadRuleYaml('huggingface', 'config-rules.yaml');
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return (config = {
    architecturePattern: new RegExp(String(d.architecturePattern)),
    strongKeys: strings(d.strongKeys),
    modelTypeCompanions: strings(d.modelTypeCompanions),
  });
}

let spdx: Map<string, string> | undefined;

/** HF license id (any case) -> SPDX id, when one applies */
export function hfLicenseSpdx(id: string): string | undefined {
  if (!spdx) {
    const table = loadRuleYaml('huggingface', 'licenses.yaml').spdx;
    spdx = new Map(isRecord(table) ? Object.entries(table).map(([k, v]) => [k.toLowerCase(), String(v)]) : []);
  }
  return spdx.get(id.toLowerCase());
}
