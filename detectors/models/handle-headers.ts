// Format handlers for single-header model files: safetensors, GGUF, ONNX, NumPy, TFLite, CoreML,
// SavedModel. Each turns a parser result into ModelFacts (format, aibom:model:* properties, card).
import type { ScanFile } from '../../src/detect/types.js';
import { readSafetensors } from '../../src/parsers/safetensors.js';
import { readGguf } from '../../src/parsers/gguf.js';
import { readOnnx } from '../../src/parsers/onnx.js';
import { parseNpyHeader, NPY_HEAD_BYTES } from '../../src/parsers/numpy.js';
import { readTflite } from '../../src/parsers/tflite.js';
import { readCoreml } from '../../src/parsers/coreml.js';
import { readSavedModel } from '../../src/parsers/tf.js';
import { emptyFacts, prop, type ModelFacts } from './asset.js';
import { modelTables } from './rules.js';
import { licenseRef } from './license.js';

export async function safetensorsFacts(file: ScanFile): Promise<ModelFacts> {
  const st = await readSafetensors(file);
  const f = emptyFacts('safetensors');
  f.warnings.push(...st.warnings);
  if (!st.parsed) return f;
  prop(f, 'tensors', st.tensorCount);
  prop(f, 'parameters', st.parameters);
  prop(f, 'dtypes', st.dtypes);
  const meta = Object.entries(st.metadata).sort(([a], [b]) => a.localeCompare(b)).slice(0, 32);
  for (const [k, v] of meta) prop(f, `metadata:${k}`, v);
  return f;
}

export async function ggufFacts(file: ScanFile): Promise<ModelFacts> {
  const g = await readGguf(file);
  const t = modelTables();
  const f = emptyFacts('gguf');
  f.warnings.push(...g.warnings);
  prop(f, 'format-version', g.version || undefined);
  prop(f, 'architecture', g.architecture);
  prop(f, 'name', g.name);
  prop(f, 'context-length', g.contextLength);
  prop(f, 'kv-count', g.kvCount);
  prop(f, 'tensors', g.tensorCount);
  prop(f, 'parameters', g.parameters);
  const dtypes = Object.keys(g.elementsByType).map((k) => t.ggufTensorTypes[Number(k)] ?? `type${k}`);
  prop(f, 'dtypes', [...new Set(dtypes)].sort());
  if (g.fileType !== undefined) prop(f, 'quantization', t.ggufFileTypes[g.fileType] ?? `file_type ${g.fileType}`);
  else {
    // no general.file_type: name the tensor type holding the most elements
    const top = Object.entries(g.elementsByType).sort((a, b) => b[1] - a[1])[0];
    if (top) prop(f, 'quantization', t.ggufTensorTypes[Number(top[0])] ?? `type${top[0]}`);
  }
  prop(f, 'chat-template', g.chatTemplate !== undefined || Object.keys(g.chatTemplates).length > 0 ? 'present' : undefined);
  if (g.architecture) f.card = { architectureFamily: g.architecture, modelArchitecture: g.architecture };
  if (g.license) f.licenses = [licenseRef(g.license, 'GGUF general.license')];
  return f;
}

export async function onnxFacts(file: ScanFile): Promise<ModelFacts> {
  const o = await readOnnx(file);
  const f = emptyFacts('onnx');
  f.warnings.push(...o.warnings);
  prop(f, 'format-version', o.irVersion);
  prop(f, 'opset', o.opsets.map((s) => `${s.domain}:${s.version}`));
  prop(f, 'producer', o.producerName ? [o.producerName, o.producerVersion].filter(Boolean).join(' ') : undefined);
  prop(f, 'graph-name', o.graphName);
  prop(f, 'inputs', o.inputs.slice(0, 64));
  prop(f, 'outputs', o.outputs.slice(0, 64));
  if (o.graphRead) {
    prop(f, 'nodes', o.nodeCount);
    prop(f, 'tensors', o.initializerCount);
    prop(f, 'parameters', o.parameters);
  }
  prop(f, 'dtypes', o.dtypes);
  prop(f, 'external-data', [...new Set(o.externalData.map((e) => e.location))].sort());
  if (o.modelVersion !== undefined) f.version = String(o.modelVersion);
  return f;
}

export async function numpyFacts(file: ScanFile): Promise<ModelFacts> {
  const n = parseNpyHeader(await file.head(NPY_HEAD_BYTES), file.size);
  const f = emptyFacts('numpy');
  f.warnings.push(...n.warnings);
  prop(f, 'format-version', n.version);
  prop(f, 'dtypes', n.dtype ? [n.dtype] : undefined);
  prop(f, 'shape', n.shape ? `(${n.shape.join(',')})` : undefined);
  prop(f, 'parameters', n.elements);
  if (n.objectDtype) prop(f, 'object-dtype', true);
  return f;
}

export async function tfliteFacts(file: ScanFile): Promise<ModelFacts> {
  const t = await readTflite(file);
  const f = emptyFacts('tflite');
  f.warnings.push(...t.warnings);
  prop(f, 'format-version', t.version);
  prop(f, 'description', t.description);
  prop(f, 'subgraphs', t.subgraphs);
  prop(f, 'operator-codes', t.operatorCodes);
  prop(f, 'nodes', t.operators);
  return f;
}

export async function coremlFacts(file: ScanFile): Promise<ModelFacts> {
  const c = await readCoreml(file);
  const f = emptyFacts('coreml');
  f.warnings.push(...c.warnings);
  prop(f, 'format-version', c.specificationVersion);
  const type = c.modelTypeField === undefined ? undefined : (modelTables().coremlTypes[c.modelTypeField] ?? `type${c.modelTypeField}`);
  prop(f, 'architecture', type);
  prop(f, 'inputs', c.inputs.slice(0, 64));
  prop(f, 'outputs', c.outputs.slice(0, 64));
  prop(f, 'author', c.author);
  prop(f, 'description', c.shortDescription);
  const pkg = /^(.*\.mlpackage)\//i.exec(file.path);
  prop(f, 'container', pkg?.[1]);
  if (c.version) f.version = c.version;
  if (type) f.card = { modelArchitecture: type };
  if (c.license) f.licenses = [licenseRef(c.license, 'CoreML metadata license')];
  return f;
}

export async function savedModelFacts(file: ScanFile): Promise<ModelFacts> {
  const s = await readSavedModel(file);
  const f = emptyFacts('tf-savedmodel');
  f.warnings.push(...s.warnings);
  prop(f, 'format-version', s.schemaVersion);
  prop(f, 'tags', s.tags);
  prop(f, 'framework-version', s.tensorflowVersion ? `tensorflow ${s.tensorflowVersion}` : undefined);
  prop(f, 'signatures', s.signatures.slice(0, 64));
  prop(f, 'nodes', s.nodeCount);
  const sibs = await file.siblings();
  prop(f, 'variables', sibs.includes('variables') ? 'present' : 'absent');
  return f;
}
