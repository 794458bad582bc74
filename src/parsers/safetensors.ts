// safetensors header reader: u64 little-endian header length, then a JSON object of tensor
// entries {dtype, shape, data_offsets} and an optional "__metadata__" map of strings.
import { errorText, type ByteSource } from './magic-reader.js';

/** safetensors itself refuses headers above 100 MB */
export const SAFETENSORS_MAX_HEADER = 100 * 1024 * 1024;

export interface SafetensorsInfo {
  headerLength?: number;
  /** the header JSON was read and parsed */
  parsed: boolean;
  tensorCount: number;
  dtypes: string[];
  parameters?: number;
  metadata: Record<string, string>;
  warnings: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function readSafetensors(file: ByteSource): Promise<SafetensorsInfo> {
  const info: SafetensorsInfo = { parsed: false, tensorCount: 0, dtypes: [], metadata: {}, warnings: [] };
  if (file.size < 8) {
    info.warnings.push(`truncated safetensors file: ${file.size} bytes, the 8-byte header length is missing`);
    return info;
  }
  const n = (await file.range(0, 8)).readBigUInt64LE(0);
  if (n > BigInt(SAFETENSORS_MAX_HEADER)) {
    info.warnings.push(`safetensors header length ${n} exceeds the ${SAFETENSORS_MAX_HEADER}-byte limit; header not read`);
    return info;
  }
  const len = Number(n);
  info.headerLength = len;
  if (8 + len > file.size) {
    info.warnings.push(`safetensors header length ${len} runs past the end of the ${file.size}-byte file (truncated)`);
    return info;
  }
  let header: unknown;
  try {
    header = JSON.parse((await file.range(8, 8 + len)).toString('utf8'));
  } catch (e) {
    info.warnings.push(`safetensors header is not valid JSON: ${errorText(e)}`);
    return info;
  }
  if (!isRecord(header)) {
    info.warnings.push('safetensors header is not a JSON object');
    return info;
  }
  info.parsed = true;
  const dataSize = file.size - 8 - len;
  const dtypes = new Set<string>();
  let params = 0;
  let maxEnd = 0;
  let bad = 0;
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (isRecord(entry)) for (const [k, v] of Object.entries(entry)) if (typeof v === 'string') info.metadata[k] = v;
      continue;
    }
    info.tensorCount++;
    if (!isRecord(entry) || typeof entry.dtype !== 'string' || !Array.isArray(entry.shape)) {
      bad++;
      continue;
    }
    dtypes.add(entry.dtype);
    let elems = 1;
    for (const d of entry.shape) elems *= typeof d === 'number' && Number.isInteger(d) && d >= 0 ? d : NaN;
    if (Number.isNaN(elems)) bad++;
    else params += elems;
    const off = entry.data_offsets;
    if (Array.isArray(off) && typeof off[1] === 'number') maxEnd = Math.max(maxEnd, off[1]);
  }
  if (bad > 0) info.warnings.push(`${bad} safetensors tensor entries lack a valid dtype or shape`);
  else info.parameters = params;
  if (maxEnd > dataSize) info.warnings.push(`safetensors tensor data ends at byte ${maxEnd} of the data section but only ${dataSize} bytes are present (truncated)`);
  info.dtypes = [...dtypes].sort();
  return info;
}
