// Arrow IPC (file format `ARROW1`, also Feather v2), Arrow IPC streams (HF `datasets` cache files)
// and Feather v1 (`FEA1`). The Schema message at the start of the stream gives the column names
// and types; it is read from the file's first bytes only.
import { FbTable, FlatbufferError } from './arrow-flatbuffer.js';

export const ARROW_SCHEMA_MAX = 1 << 20;

export type ArrowFormat = 'arrow-file' | 'arrow-stream' | 'feather-v1';

export interface ArrowFacts {
  format: ArrowFormat;
  columns: { name: string; type: string }[];
  columnCount: number;
  /** schema not read (feather v1 keeps it at the end) */
  schemaRead: boolean;
}

export type ArrowResult = { ok: true; facts: ArrowFacts } | { ok: false; error: string };

// org.apache.arrow.flatbuf.Type union tags
const TYPES = ['NONE', 'Null', 'Int', 'FloatingPoint', 'Binary', 'Utf8', 'Bool', 'Decimal', 'Date', 'Time', 'Timestamp',
  'Interval', 'List', 'Struct', 'Union', 'FixedSizeBinary', 'FixedSizeList', 'Map', 'Duration', 'LargeBinary',
  'LargeUtf8', 'LargeList', 'RunEndEncoded', 'BinaryView', 'Utf8View', 'ListView', 'LargeListView'];
const HEADER_SCHEMA = 1;
const MAX_COLUMNS = 1024;

export function arrowFormatOf(head: Buffer): ArrowFormat | undefined {
  if (head.subarray(0, 6).toString('latin1') === 'ARROW1') return 'arrow-file';
  if (head.subarray(0, 4).toString('latin1') === 'FEA1') return 'feather-v1';
  if (head.length >= 8 && head.readUInt32LE(0) === 0xffffffff) return 'arrow-stream';
  return undefined;
}

/** `head` holds the first bytes of the file (up to ARROW_SCHEMA_MAX). */
export function parseArrowHead(head: Buffer): ArrowResult {
  const format = arrowFormatOf(head);
  if (format === undefined) return { ok: false, error: 'no Arrow IPC or Feather magic' };
  if (format === 'feather-v1') return { ok: true, facts: { format, columns: [], columnCount: 0, schemaRead: false } };
  let at = format === 'arrow-file' ? 8 : 0;
  if (head.length < at + 8) return { ok: false, error: 'Arrow file truncated before its schema' };
  if (head.readUInt32LE(at) === 0xffffffff) at += 4; // continuation marker (legacy streams have none)
  const metaLen = head.readInt32LE(at);
  at += 4;
  if (metaLen <= 0 || at + metaLen > head.length) {
    return { ok: false, error: `Arrow schema message length ${metaLen} exceeds the bytes read (truncated or over ${ARROW_SCHEMA_MAX} bytes)` };
  }
  try {
    const meta = head.subarray(at, at + metaLen);
    const message = FbTable.root(meta);
    if (message.uint8(1) !== HEADER_SCHEMA) return { ok: false, error: 'first Arrow message is not a Schema' };
    const schema = message.table(2);
    if (!schema) return { ok: false, error: 'Arrow schema message has no header' };
    const { items, length } = schema.tables(1, MAX_COLUMNS);
    const columns = items.map((f) => ({ name: f.string(0) ?? '', type: TYPES[f.uint8(2)] ?? 'unknown' }));
    return { ok: true, facts: { format, columns, columnCount: length, schemaRead: true } };
  } catch (err) {
    if (err instanceof FlatbufferError || err instanceof RangeError) {
      return { ok: false, error: `Arrow schema unreadable: ${err.message}` };
    }
    throw err;
  }
}
