// ONNX ModelProto reader. The model and graph are walked field by field (onnx-wire) so initializer
// payloads (raw_data, float_data...) are skipped, never read; small sub-messages (opset imports,
// inputs/outputs, external-data entries) are decoded with the generated onnx-proto classes.
import type onnxProtoNs from 'onnx-proto';
import { SeqReader, errorText, type ByteSource } from './magic-reader.js';
import { payload, stringField, varints, walkFields, type WalkBudget, type WireField } from './onnx-wire.js';

// the generated classes are loaded on the first ONNX file (most scans have none); readOnnx() awaits them
type Onnx = (typeof onnxProtoNs)['onnx'];
let onnx: Onnx;
let loading: Promise<void> | undefined;
function loadOnnx(): Promise<void> {
  loading ??= import('onnx-proto').then((m) => {
    const mod = (m as unknown as { default?: typeof onnxProtoNs }).default ?? (m as unknown as typeof onnxProtoNs);
    onnx = mod.onnx;
  });
  return loading;
}

export const ONNX_LIMITS = {
  /** fields visited across the whole walk */
  maxFields: 5_000_000,
  /** largest sub-message decoded whole */
  maxMessage: 1 << 20,
  /** inputs/outputs/external refs kept */
  maxListed: 1000,
};

export interface OnnxInfo {
  irVersion?: number;
  opsets: { domain: string; version: number }[];
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  graphName?: string;
  inputs: string[];
  outputs: string[];
  nodeCount: number;
  opTypes: string[];
  initializerCount: number;
  /** the whole graph was walked: counts below are complete */
  graphRead: boolean;
  /** total elements over initializers (dims product), when every initializer declared its dims */
  parameters: number;
  dtypes: string[];
  externalData: { tensor: string; location: string }[];
  metadata: Record<string, string>;
  warnings: string[];
}

function dtypeName(id: number): string {
  const name = (onnx.TensorProto.DataType as unknown as Record<number, string | undefined>)[id];
  return name ?? `type${id}`;
}

function describeValueInfo(buf: Buffer): string {
  const v = onnx.ValueInfoProto.decode(buf);
  const t = v.type?.tensorType;
  if (!t) return v.name || '?';
  const dims = (t.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : String(d.dimValue ?? '?')));
  return `${v.name}: ${dtypeName(t.elemType ?? 0)}[${dims.join(',')}]`;
}

async function readTensor(r: SeqReader, f: WireField, budget: WalkBudget, info: OnnxInfo, dtypes: Set<string>): Promise<void> {
  let name = '';
  let elems = 1;
  let dataType = 0;
  let external = false;
  let location: string | undefined;
  for await (const t of walkFields(r, f.start + f.length, budget)) {
    if (t.field === 1) for (const d of await varints(r, t)) elems *= d;
    else if (t.field === 2 && t.wire === 0) dataType = t.value;
    else if (t.field === 8) name = (await stringField(r, t)) ?? '';
    else if (t.field === 14 && t.wire === 0) external = t.value === 1;
    else if (t.field === 13) {
      const b = await payload(r, t, ONNX_LIMITS.maxMessage);
      if (b) {
        const e = onnx.StringStringEntryProto.decode(b);
        if (e.key === 'location') location = e.value;
      }
    }
  }
  info.initializerCount++;
  info.parameters += elems;
  if (dataType) dtypes.add(dtypeName(dataType));
  if ((external || location !== undefined) && info.externalData.length < ONNX_LIMITS.maxListed) {
    info.externalData.push({ tensor: name, location: location ?? '' });
  }
}

async function readNode(r: SeqReader, f: WireField, budget: WalkBudget, ops: Set<string>): Promise<void> {
  let op = '';
  let domain = '';
  for await (const n of walkFields(r, f.start + f.length, budget)) {
    if (n.field === 4) op = (await stringField(r, n, 256)) ?? '';
    else if (n.field === 7) domain = (await stringField(r, n, 256)) ?? '';
  }
  if (op && ops.size < 500) ops.add(domain && domain !== 'ai.onnx' ? `${domain}.${op}` : op);
}

async function readGraph(r: SeqReader, g: WireField, budget: WalkBudget, info: OnnxInfo): Promise<void> {
  const ops = new Set<string>();
  const dtypes = new Set<string>();
  for await (const f of walkFields(r, g.start + g.length, budget)) {
    if (f.field === 1) {
      info.nodeCount++;
      await readNode(r, f, budget, ops);
    } else if (f.field === 2) info.graphName = await stringField(r, f);
    else if (f.field === 5) await readTensor(r, f, budget, info, dtypes);
    else if (f.field === 11 || f.field === 12) {
      const list = f.field === 11 ? info.inputs : info.outputs;
      const b = await payload(r, f, ONNX_LIMITS.maxMessage);
      if (b && list.length < ONNX_LIMITS.maxListed) list.push(describeValueInfo(b));
    }
  }
  info.opTypes = [...ops].sort();
  info.dtypes = [...dtypes].sort();
}

/** Read an ONNX model's metadata. Never throws for bad input: problems are returned in `warnings`. */
export async function readOnnx(file: ByteSource): Promise<OnnxInfo> {
  await loadOnnx();
  const info: OnnxInfo = { opsets: [], inputs: [], outputs: [], nodeCount: 0, opTypes: [], initializerCount: 0, graphRead: false, parameters: 0, dtypes: [], externalData: [], metadata: {}, warnings: [] };
  const r = new SeqReader(file, 0, 256 << 10);
  const budget: WalkBudget = { fields: ONNX_LIMITS.maxFields };
  let sawGraph = false;
  try {
    for await (const f of walkFields(r, file.size, budget)) {
      if (f.field === 1 && f.wire === 0) info.irVersion = f.value;
      else if (f.field === 2) info.producerName = await stringField(r, f);
      else if (f.field === 3) info.producerVersion = await stringField(r, f);
      else if (f.field === 4) info.domain = await stringField(r, f);
      else if (f.field === 5 && f.wire === 0) info.modelVersion = f.value;
      else if (f.field === 8) {
        const b = await payload(r, f, ONNX_LIMITS.maxMessage);
        if (b) {
          const o = onnx.OperatorSetIdProto.decode(b);
          info.opsets.push({ domain: o.domain || 'ai.onnx', version: Number(o.version ?? 0) });
        }
      } else if (f.field === 14) {
        const b = await payload(r, f, ONNX_LIMITS.maxMessage);
        if (b) {
          const e = onnx.StringStringEntryProto.decode(b);
          if (e.key) info.metadata[e.key] = e.value ?? '';
        }
      } else if (f.field === 7 && f.wire === 2) {
        sawGraph = true;
        await readGraph(r, f, budget, info);
        info.graphRead = true;
      }
    }
  } catch (e) {
    info.warnings.push(`malformed ONNX protobuf: ${errorText(e)}`);
  }
  if (info.irVersion === undefined) info.warnings.push('not an ONNX model: ir_version (field 1) missing');
  else if (!sawGraph) info.warnings.push('ONNX model has no graph');
  info.opsets.sort((a, b) => a.domain.localeCompare(b.domain) || a.version - b.version);
  return info;
}
