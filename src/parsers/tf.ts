// TensorFlow SavedModel (saved_model.pb, protobuf tensorflow.SavedModel): schema version (1) and
// meta graphs (2), each with meta_info_def (1: tags 4, tensorflow_version 5, tensorflow_git_version
// 6), graph_def (2: node 1 with op 2) and signature_def (5: map entries, key 1). Walked with the
// bounded wire walker; function libraries and constants are skipped.
import { SeqReader, errorText, type ByteSource } from './magic-reader.js';
import { stringField, walkFields, type WalkBudget } from './onnx-wire.js';

export interface SavedModelInfo {
  schemaVersion?: number;
  metaGraphs: number;
  tags: string[];
  tensorflowVersion?: string;
  tensorflowGitVersion?: string;
  signatures: string[];
  nodeCount: number;
  opTypes: string[];
  warnings: string[];
}

export async function readSavedModel(file: ByteSource): Promise<SavedModelInfo> {
  const info: SavedModelInfo = { metaGraphs: 0, tags: [], signatures: [], nodeCount: 0, opTypes: [], warnings: [] };
  const r = new SeqReader(file, 0, 256 << 10);
  const budget: WalkBudget = { fields: 5_000_000 };
  const tags = new Set<string>();
  const sigs = new Set<string>();
  const ops = new Set<string>();
  try {
    for await (const f of walkFields(r, file.size, budget)) {
      if (f.field === 1 && f.wire === 0) info.schemaVersion = f.value;
      else if (f.field === 2 && f.wire === 2) {
        info.metaGraphs++;
        for await (const m of walkFields(r, f.start + f.length, budget)) {
          if (m.field === 1 && m.wire === 2) {
            for await (const i of walkFields(r, m.start + m.length, budget)) {
              if (i.field === 4) tags.add((await stringField(r, i, 256)) ?? '');
              else if (i.field === 5) info.tensorflowVersion ??= await stringField(r, i, 256);
              else if (i.field === 6) info.tensorflowGitVersion ??= await stringField(r, i, 256);
            }
          } else if (m.field === 2 && m.wire === 2) {
            for await (const g of walkFields(r, m.start + m.length, budget)) {
              if (g.field !== 1 || g.wire !== 2) continue;
              info.nodeCount++;
              for await (const n of walkFields(r, g.start + g.length, budget)) {
                if (n.field === 2 && ops.size < 500) ops.add((await stringField(r, n, 256)) ?? '');
              }
            }
          } else if (m.field === 5 && m.wire === 2) {
            for await (const e of walkFields(r, m.start + m.length, budget)) {
              if (e.field === 1) sigs.add((await stringField(r, e, 1024)) ?? '');
            }
          }
        }
      }
    }
  } catch (e) {
    info.warnings.push(`malformed SavedModel protobuf: ${errorText(e)}`);
  }
  if (info.metaGraphs === 0) info.warnings.push('SavedModel has no meta graph');
  info.tags = [...tags].filter(Boolean).sort();
  info.signatures = [...sigs].filter(Boolean).sort();
  info.opTypes = [...ops].filter(Boolean).sort();
  return info;
}
