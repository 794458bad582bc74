// Keras model metadata: legacy .h5 (root attributes model_config / keras_version / backend) and
// the Keras 3 .keras zip (config.json + metadata.json). The config is parsed as JSON, never
// deserialised into objects.
import { sniff } from './magic.js';
import { readHdf5RootAttrs, HDF5_LIMITS } from './hdf5.js';
import type { ByteSource } from './magic-reader.js';

export interface KerasH5Info {
  modelConfig?: string;
  kerasVersion?: string;
  backend?: string;
  /** model_config.class_name (Sequential, Functional, Model...) */
  className?: string;
  /** how modelConfig was found: the HDF5 attribute walk or the bounded byte scan fallback */
  via?: 'attributes' | 'scan';
  /** the file is HDF5 but carries no Keras model_config */
  isKeras: boolean;
  warnings: string[];
}

export interface KerasConfigFacts {
  className?: string;
  module?: string;
  layerCount?: number;
  layerClasses: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Facts from a Keras model config JSON text (model_config attribute or config.json). */
export function kerasConfigFacts(json: string): KerasConfigFacts | undefined {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(v)) return undefined;
  const facts: KerasConfigFacts = { layerClasses: [] };
  if (typeof v.class_name === 'string') facts.className = v.class_name;
  if (typeof v.module === 'string') facts.module = v.module;
  const cfg = v.config;
  const layers = isRecord(cfg) ? cfg.layers : Array.isArray(cfg) ? cfg : undefined;
  if (Array.isArray(layers)) {
    facts.layerCount = layers.length;
    const classes = new Set<string>();
    for (const l of layers) if (isRecord(l) && typeof l.class_name === 'string') classes.add(l.class_name);
    facts.layerClasses = [...classes].sort();
  }
  return facts;
}

/** Find a balanced JSON object starting at `start` (string-aware), up to `max` bytes. */
function balancedJson(text: string, start: number, max: number): string | undefined {
  let depth = 0;
  let inStr = false;
  for (let i = start; i < text.length && i - start < max; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

async function scanForConfig(file: ByteSource): Promise<string | undefined> {
  const buf = await file.range(0, Math.min(file.size, HDF5_LIMITS.scanBytes));
  const text = buf.toString('latin1');
  for (let at = text.indexOf('{"class_name"'); at >= 0; at = text.indexOf('{"class_name"', at + 1)) {
    const json = balancedJson(text, at, HDF5_LIMITS.maxConfig);
    if (json && kerasConfigFacts(json)) return Buffer.from(json, 'latin1').toString('utf8');
  }
  return undefined;
}

/** Read Keras metadata from an HDF5 file. Never throws for bad input. */
export async function readKerasH5(file: ByteSource): Promise<KerasH5Info> {
  const head = await file.range(0, 4096);
  const s = sniff(head, file.size);
  if (s.kind !== 'hdf5') return { isKeras: false, warnings: ['not an HDF5 file (signature missing)'] };
  const attrs = await readHdf5RootAttrs(file, Number(s.detail ?? 0));
  const info: KerasH5Info = { isKeras: false, warnings: [...attrs.warnings] };
  const a = attrs.attributes;
  if (a.model_config !== undefined) {
    info.modelConfig = a.model_config;
    info.via = 'attributes';
  }
  if (a.keras_version !== undefined) info.kerasVersion = a.keras_version;
  if (a.backend !== undefined) info.backend = a.backend;
  if (info.modelConfig === undefined && (attrs.denseAttributes || attrs.warnings.length > 0 || attrs.names.includes('model_config'))) {
    const found = await scanForConfig(file);
    if (found) {
      info.modelConfig = found;
      info.via = 'scan';
    }
  }
  if (info.modelConfig !== undefined) {
    info.className = kerasConfigFacts(info.modelConfig)?.className;
    if (!info.className) info.warnings.push('Keras model_config is not a JSON object with class_name');
  }
  info.isKeras = info.modelConfig !== undefined || info.kerasVersion !== undefined;
  return info;
}
