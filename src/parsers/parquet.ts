// Parquet footers: `PAR1 ... <FileMetaData (thrift)> <u32 length> PAR1`. Only the footer is read,
// after its length was checked against the file size; hyparquet decodes the thrift metadata.
import { parquetMetadata, parquetSchema } from 'hyparquet';

/** footers larger than this are not read (real footers of huge tables stay well under it) */
export const PARQUET_MAX_FOOTER = 16 << 20;
export const PARQUET_MAGIC = 'PAR1';

export interface ParquetColumn {
  name: string;
  type: string;
}

export interface ParquetFacts {
  rows: number;
  rowGroups: number;
  columns: ParquetColumn[];
  createdBy?: string;
  version: number;
}

export type Trailer = { ok: true; footerLength: number } | { ok: false; error: string };

/** Check the last 8 bytes of a file of `size` bytes; the footer is then [size-8-len, size). */
export function parquetTrailer(last8: Buffer, size: number): Trailer {
  if (size < 12 || last8.length < 8) return { ok: false, error: 'parquet file too short (truncated)' };
  const magic = last8.subarray(4, 8).toString('latin1');
  if (magic === 'PARE') return { ok: false, error: 'parquet footer is encrypted; schema not read' };
  if (magic !== PARQUET_MAGIC) return { ok: false, error: 'parquet trailer magic PAR1 missing (truncated or not parquet)' };
  const footerLength = last8.readUInt32LE(0);
  if (footerLength > size - 12) {
    return { ok: false, error: `parquet footer length ${footerLength} exceeds the file size ${size}` };
  }
  if (footerLength > PARQUET_MAX_FOOTER) {
    return { ok: false, error: `parquet footer of ${footerLength} bytes is over the ${PARQUET_MAX_FOOTER}-byte cap; not read` };
  }
  return { ok: true, footerLength };
}

export type ParquetResult = { ok: true; facts: ParquetFacts } | { ok: false; error: string };

/** Decode `footer || u32 length || PAR1` (exactly the tail of the file). */
export function parseParquetFooter(tail: Buffer): ParquetResult {
  try {
    const bytes = new Uint8Array(tail.buffer, tail.byteOffset, tail.byteLength);
    const meta = parquetMetadata(bytes, { geoparquet: false });
    const tree = parquetSchema(meta);
    const columns = tree.children.map((c) => ({ name: c.element.name, type: typeName(c.element, c.children.length) }));
    const rows = Number(meta.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0) return { ok: false, error: `parquet num_rows ${String(meta.num_rows)} is invalid` };
    return {
      ok: true,
      facts: { rows, rowGroups: meta.row_groups.length, columns, createdBy: meta.created_by, version: meta.version },
    };
  } catch (err) {
    return { ok: false, error: `parquet footer unreadable: ${err instanceof Error ? err.message : String(err)}` };
  }
}

interface ElementLike {
  type?: string;
  converted_type?: string;
  logical_type?: { type: string };
}

function typeName(el: ElementLike, children: number): string {
  if (el.logical_type?.type) return el.logical_type.type;
  if (el.converted_type) return el.converted_type;
  if (el.type) return el.type;
  return children > 0 ? 'STRUCT' : 'UNKNOWN';
}
