// A bounded protobuf wire-format walker over a random-access source. Large containers (ONNX graphs,
// TF graphs) are walked field by field so big payloads (raw tensor data) are skipped, never read;
// small sub-messages are read whole and decoded with a generated protobuf library.
import { SeqReader, TruncatedError } from './magic-reader.js';

export interface WireField {
  field: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32 */
  wire: number;
  /** varint / fixed values */
  value: number;
  /** for wire type 2: payload start and length */
  start: number;
  length: number;
}

export interface WalkBudget {
  /** remaining number of fields the walk may visit */
  fields: number;
}

/** Iterate the fields of a message occupying [r.pos, end). After each yield the reader is moved to
 *  the end of the field, whether or not the consumer read it. */
export async function* walkFields(r: SeqReader, end: number, budget: WalkBudget): AsyncGenerator<WireField> {
  if (end > r.size) throw new TruncatedError('message', r.pos);
  while (r.pos < end) {
    if (--budget.fields < 0) throw new Error('protobuf walk budget exhausted (too many fields)');
    const key = await r.varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    const f: WireField = { field, wire, value: 0, start: 0, length: 0 };
    if (wire === 0) f.value = await r.varint();
    else if (wire === 1) f.value = Number((await r.bytes(8)).readBigUInt64LE(0) & 0xffffffffffffn);
    else if (wire === 5) f.value = (await r.bytes(4)).readUInt32LE(0);
    else if (wire === 2) {
      f.length = await r.varint();
      f.start = r.pos;
      if (f.start + f.length > end) throw new TruncatedError(`field ${field} of ${f.length} bytes`, f.start);
    } else throw new Error(`unsupported protobuf wire type ${wire} at byte ${r.pos}`);
    if (field === 0) throw new Error(`invalid protobuf field number 0 at byte ${r.pos}`);
    yield f;
    if (wire === 2) r.seek(f.start + f.length);
  }
  if (r.pos !== end) throw new TruncatedError('message end', r.pos);
}

/** Read a length-delimited payload when it is at most `max` bytes. */
export async function payload(r: SeqReader, f: WireField, max: number): Promise<Buffer | undefined> {
  if (f.wire !== 2 || f.length > max) return undefined;
  r.seek(f.start);
  return Buffer.from(await r.bytes(f.length));
}

export async function stringField(r: SeqReader, f: WireField, max = 4096): Promise<string | undefined> {
  const b = await payload(r, f, max);
  return b?.toString('utf8');
}

/** Packed or unpacked repeated varints (e.g. tensor dims). */
export async function varints(r: SeqReader, f: WireField): Promise<number[]> {
  if (f.wire === 0) return [f.value];
  if (f.wire !== 2) return [];
  r.seek(f.start);
  const out: number[] = [];
  while (r.pos < f.start + f.length) out.push(await r.varint());
  return out;
}
