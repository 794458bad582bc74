// CoreML .mlmodel (protobuf CoreML.Specification.Model): specificationVersion (1), description (2)
// with inputs (1), outputs (10) and metadata (100: shortDescription 1, versionString 2, author 3,
// license 4, userDefined 100), and the model type, which is the field number of the oneof member
// present (neuralNetwork 500, mlProgram 502, pipeline 202 ...). Walked with the bounded wire walker.
import { SeqReader, errorText, type ByteSource } from './magic-reader.js';
import { stringField, walkFields, type WalkBudget } from './onnx-wire.js';

export interface CoremlInfo {
  specificationVersion?: number;
  /** field number of the model type oneof; detectors map it to a name */
  modelTypeField?: number;
  inputs: string[];
  outputs: string[];
  shortDescription?: string;
  version?: string;
  author?: string;
  license?: string;
  userDefined: Record<string, string>;
  warnings: string[];
}

export async function readCoreml(file: ByteSource): Promise<CoremlInfo> {
  const info: CoremlInfo = { inputs: [], outputs: [], userDefined: {}, warnings: [] };
  const r = new SeqReader(file, 0, 64 << 10);
  const budget: WalkBudget = { fields: 1_000_000 };
  try {
    for await (const f of walkFields(r, file.size, budget)) {
      if (f.field === 1 && f.wire === 0) info.specificationVersion = f.value;
      else if (f.field === 2 && f.wire === 2) {
        for await (const d of walkFields(r, f.start + f.length, budget)) {
          if ((d.field === 1 || d.field === 10) && d.wire === 2) {
            for await (const fd of walkFields(r, d.start + d.length, budget)) {
              if (fd.field === 1) {
                const name = (await stringField(r, fd, 1024)) ?? '';
                (d.field === 1 ? info.inputs : info.outputs).push(name);
              }
            }
          } else if (d.field === 100 && d.wire === 2) {
            for await (const m of walkFields(r, d.start + d.length, budget)) {
              if (m.field === 1) info.shortDescription = await stringField(r, m);
              else if (m.field === 2) info.version = await stringField(r, m, 256);
              else if (m.field === 3) info.author = await stringField(r, m, 1024);
              else if (m.field === 4) info.license = await stringField(r, m, 1024);
              else if (m.field === 100 && m.wire === 2) {
                let k = '';
                let v = '';
                for await (const e of walkFields(r, m.start + m.length, budget)) {
                  if (e.field === 1) k = (await stringField(r, e, 256)) ?? '';
                  else if (e.field === 2) v = (await stringField(r, e, 4096)) ?? '';
                }
                if (k) info.userDefined[k] = v;
              }
            }
          }
        }
      } else if (f.field >= 200 && f.wire === 2 && info.modelTypeField === undefined) info.modelTypeField = f.field;
    }
  } catch (e) {
    info.warnings.push(`malformed CoreML protobuf: ${errorText(e)}`);
  }
  if (info.specificationVersion === undefined) info.warnings.push('not a CoreML model: specificationVersion (field 1) missing');
  return info;
}
