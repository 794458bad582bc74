// GGUF (llama.cpp) header reader: key/value metadata and tensor infos, read sequentially through a
// bounded window. Tensor data is never read. Counts and lengths are checked against the bytes that
// remain before anything is allocated; hostile values end the parse with a warning.
import { SeqReader, TruncatedError, errorText, safeNumber, type ByteSource } from './magic-reader.js';

export const GGUF_LIMITS = {
  /** bytes of metadata + tensor infos read before giving up */
  maxHeaderBytes: 128 << 20,
  /** string values longer than this are summarised, not kept (chat templates are kept up to this) */
  maxStringBytes: 1 << 20,
  /** arrays up to this many scalar elements are kept; longer ones become a summary */
  maxKeptArray: 64,
  maxTensors: 1 << 20,
};

export interface GgufArraySummary {
  type: 'array';
  itemType: number;
  length: number;
}

export interface GgufTensorInfo {
  name: string;
  dims: number[];
  type: number;
}

export interface GgufInfo {
  version: number;
  kv: Record<string, unknown>;
  kvCount: number;
  tensorCount: number;
  /** tensor infos actually read (empty when the counts were implausible) */
  tensors: GgufTensorInfo[];
  /** sum over tensors of the product of their dimensions, when all tensor infos were read */
  parameters?: number;
  /** ggml tensor type id -> number of elements of that type */
  elementsByType: Record<number, number>;
  architecture?: string;
  name?: string;
  license?: string;
  fileType?: number;
  contextLength?: number;
  alignment: number;
  /** tokenizer.chat_template */
  chatTemplate?: string;
  /** named templates tokenizer.chat_template.<name> */
  chatTemplates: Record<string, string>;
  warnings: string[];
}

const T = { U8: 0, I8: 1, U16: 2, I16: 3, U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9, U64: 10, I64: 11, F64: 12 } as const;
const SCALAR_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

class Ctx {
  constructor(
    public r: SeqReader,
    public version: number,
    public warnings: string[],
  ) {}
  async len(): Promise<number> {
    if (this.version === 1) return this.r.u32();
    const v = safeNumber(await this.r.u64());
    if (v === undefined) throw new TruncatedError('length beyond 2^53', this.r.pos);
    return v;
  }
  /** a string; returns undefined (and skips it) when longer than keepMax */
  async str(keepMax: number): Promise<string | { skipped: number }> {
    const n = await this.len();
    if (n > this.r.remaining()) throw new TruncatedError(`string of ${n} bytes`, this.r.pos);
    if (n > keepMax) {
      this.r.skip(n);
      return { skipped: n };
    }
    return (await this.r.bytes(n)).toString('utf8');
  }
}

async function scalar(c: Ctx, type: number): Promise<unknown> {
  const r = c.r;
  switch (type) {
    case T.U8: return r.u8();
    case T.I8: return (await r.bytes(1)).readInt8(0);
    case T.U16: return r.u16();
    case T.I16: return (await r.bytes(2)).readInt16LE(0);
    case T.U32: return r.u32();
    case T.I32: return r.i32();
    case T.F32: return r.f32();
    case T.BOOL: return (await r.u8()) !== 0;
    case T.U64: { const v = await r.u64(); return safeNumber(v) ?? v.toString(); }
    case T.I64: { const v = await r.i64(); return safeNumber(v) ?? v.toString(); }
    case T.F64: return r.f64();
    case T.STRING: {
      const s = await c.str(GGUF_LIMITS.maxStringBytes);
      return typeof s === 'string' ? s : { type: 'string', length: s.skipped, kept: false };
    }
    default: throw new Error(`unknown GGUF value type ${type}`);
  }
}

async function value(c: Ctx, type: number): Promise<unknown> {
  if (type !== T.ARRAY) return scalar(c, type);
  const itemType = await c.r.u32();
  const length = await c.len();
  if (itemType === T.ARRAY) throw new Error('nested GGUF arrays are not supported');
  const min = itemType === T.STRING ? (c.version === 1 ? 4 : 8) : SCALAR_SIZE[itemType];
  if (min === undefined) throw new Error(`unknown GGUF array item type ${itemType}`);
  if (length * min > c.r.remaining()) throw new TruncatedError(`array of ${length} items`, c.r.pos);
  if (itemType !== T.STRING && length > GGUF_LIMITS.maxKeptArray) {
    c.r.skip(length * min);
    return { type: 'array', itemType, length } satisfies GgufArraySummary;
  }
  const keep = length <= GGUF_LIMITS.maxKeptArray;
  const out: unknown[] = [];
  if (itemType === T.STRING && !keep) await c.r.skipLengthPrefixed(length, c.version === 1 ? 4 : 8, 'array string');
  else for (let i = 0; i < length; i++) out.push(await scalar(c, itemType));
  return keep ? out : ({ type: 'array', itemType, length } satisfies GgufArraySummary);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Read a GGUF header. Never throws for bad input: problems are returned in `warnings`. */
export async function readGguf(file: ByteSource): Promise<GgufInfo> {
  const info: GgufInfo = { version: 0, kv: {}, kvCount: 0, tensorCount: 0, tensors: [], elementsByType: {}, alignment: 32, chatTemplates: {}, warnings: [] };
  const r = new SeqReader(file, 0, 1 << 20);
  try {
    if (file.size < 8 || (await r.bytes(4)).toString('latin1') !== 'GGUF') {
      info.warnings.push('not a GGUF file (magic "GGUF" missing)');
      return info;
    }
    const version = await r.u32();
    info.version = version;
    if (version === 0 || version > 0xffff) {
      info.warnings.push(`unsupported GGUF version ${version} (big-endian or corrupt file)`);
      return info;
    }
    if (version > 3) info.warnings.push(`GGUF version ${version} is newer than this reader (v3); reading as v3`);
    const c = new Ctx(r, version, info.warnings);
    const tensorCount = await c.len();
    const kvCount = await c.len();
    info.tensorCount = tensorCount;
    info.kvCount = kvCount;
    // smallest kv: key length + empty key + type + 1-byte value; smallest tensor info: name len + n_dims + type + offset
    const lenSize = version === 1 ? 4 : 8;
    if (kvCount * (lenSize + 4 + 1) > r.remaining()) {
      info.warnings.push(`GGUF kv count ${kvCount} is far beyond what a ${file.size}-byte file can hold; metadata not read`);
      return info;
    }
    for (let i = 0; i < kvCount; i++) {
      if (r.pos > GGUF_LIMITS.maxHeaderBytes) {
        info.warnings.push(`GGUF metadata exceeds ${GGUF_LIMITS.maxHeaderBytes} bytes; stopped after ${i} of ${kvCount} keys`);
        return finish(info);
      }
      const key = await c.str(64 << 10);
      const type = await r.u32();
      const v = await value(c, type);
      if (typeof key === 'string') info.kv[key] = v;
    }
    const tensorMin = lenSize + 4 + 4 + 8;
    if (tensorCount * tensorMin > r.remaining()) {
      info.warnings.push(`GGUF tensor count ${tensorCount} is far beyond what a ${file.size}-byte file can hold; tensor infos not read`);
      return finish(info);
    }
    if (tensorCount > GGUF_LIMITS.maxTensors) {
      info.warnings.push(`GGUF tensor count ${tensorCount} exceeds the reader cap ${GGUF_LIMITS.maxTensors}; tensor infos not read`);
      return finish(info);
    }
    let params = 0;
    for (let i = 0; i < tensorCount; i++) {
      if (r.pos > GGUF_LIMITS.maxHeaderBytes) {
        info.warnings.push(`GGUF tensor infos exceed ${GGUF_LIMITS.maxHeaderBytes} bytes; stopped after ${i} of ${tensorCount}`);
        return finish(info);
      }
      const name = await c.str(4096);
      const nDims = await r.u32();
      if (nDims > 8) throw new Error(`tensor ${i} declares ${nDims} dimensions`);
      const dims: number[] = [];
      let elems = 1;
      for (let d = 0; d < nDims; d++) {
        const dim = version === 1 ? await r.u32() : safeNumber(await r.u64());
        if (dim === undefined) throw new Error(`tensor ${i} has a dimension beyond 2^53`);
        dims.push(dim);
        elems *= dim;
      }
      const type = await r.u32();
      r.skip(8, 'tensor offset');
      info.tensors.push({ name: typeof name === 'string' ? name : '<long name>', dims, type });
      params += elems;
      info.elementsByType[type] = (info.elementsByType[type] ?? 0) + elems;
    }
    info.parameters = params;
  } catch (e) {
    info.warnings.push(`malformed GGUF: ${errorText(e)}`);
  }
  return finish(info);
}

function finish(info: GgufInfo): GgufInfo {
  const kv = info.kv;
  info.architecture = str(kv['general.architecture']);
  info.name = str(kv['general.name']);
  info.license = str(kv['general.license']);
  info.fileType = num(kv['general.file_type']);
  info.alignment = num(kv['general.alignment']) ?? 32;
  if (info.architecture) info.contextLength = num(kv[`${info.architecture}.context_length`]);
  info.chatTemplate = str(kv['tokenizer.chat_template']);
  for (const [k, v] of Object.entries(kv)) {
    if (k.startsWith('tokenizer.chat_template.') && typeof v === 'string') info.chatTemplates[k.slice('tokenizer.chat_template.'.length)] = v;
  }
  return info;
}
