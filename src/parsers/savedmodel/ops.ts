// TensorFlow SavedModel (saved_model.pb): the op names of every graph node and function node,
// decoded with protobufjs from a minimal subset of tensorflow/core/protobuf/saved_model.proto,
// meta_graph.proto, graph.proto, function.proto and node_def.proto (field numbers as upstream).
// Unknown fields (tensors, attrs, signatures) are skipped by the decoder.
import type protobufNs from 'protobufjs';

const PROTO = `
syntax = "proto3";
package aibom.tf;
message SavedModel { int64 saved_model_schema_version = 1; repeated MetaGraphDef meta_graphs = 2; }
message MetaGraphDef { GraphDef graph_def = 2; }
message GraphDef { repeated NodeDef node = 1; FunctionDefLibrary library = 2; }
message FunctionDefLibrary { repeated FunctionDef function = 1; }
message FunctionDef { repeated NodeDef node_def = 3; }
message NodeDef { string name = 1; string op = 2; }
`;

// protobufjs is loaded (and the schema parsed) on the first SavedModel: most scans have none
let savedModelType: Promise<protobufNs.Type> | undefined;
function savedModelTypeOnce(): Promise<protobufNs.Type> {
  savedModelType ??= import('protobufjs').then((m) => {
    const protobuf = (m as unknown as { default?: typeof protobufNs }).default ?? (m as unknown as typeof protobufNs);
    return protobuf.parse(PROTO, { keepCase: true }).root.lookupType('aibom.tf.SavedModel');
  });
  return savedModelType;
}

export interface SavedModelOps {
  /** op name -> node count */
  ops: Map<string, number>;
  error?: string;
}

interface NodeLike { op?: string }
interface GraphLike { node?: NodeLike[]; library?: { function?: { node_def?: NodeLike[] }[] } }

/** Decode op names; `maxBytes` bounds what is decoded (the caller reads at most that much). */
export async function savedModelOps(buf: Buffer): Promise<SavedModelOps> {
  const SavedModel = await savedModelTypeOnce();
  const ops = new Map<string, number>();
  const count = (n: NodeLike): void => {
    if (typeof n.op === 'string' && n.op.length > 0) ops.set(n.op, (ops.get(n.op) ?? 0) + 1);
  };
  try {
    const msg = SavedModel.toObject(SavedModel.decode(buf), { defaults: false }) as { meta_graphs?: { graph_def?: GraphLike }[] };
    for (const mg of msg.meta_graphs ?? []) {
      const g = mg.graph_def;
      for (const n of g?.node ?? []) count(n);
      for (const f of g?.library?.function ?? []) for (const n of f.node_def ?? []) count(n);
    }
    return { ops };
  } catch (err) {
    return { ops, error: (err as Error).message.slice(0, 200) };
  }
}
