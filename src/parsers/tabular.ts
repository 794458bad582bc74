// Delimited text (csv/tsv) and JSON Lines: columns from the header line or the first record, and a
// row count when the caller hands over the whole file (quote-aware for csv), else an estimate.
import { isRecord } from './hf-card-values.js';

export const TABULAR_MAX_COLUMNS = 1024;

export interface TabularFacts {
  columns: string[];
  /** data rows (header excluded for csv/tsv) when `complete`, else an estimate from the sample */
  rows: number;
  complete: boolean;
}

export type TabularResult = { ok: true; facts: TabularFacts } | { ok: false; error: string };

/** Split one CSV line into fields (RFC 4180 quotes, doubled quotes inside). */
export function splitDelimited(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.length === 0) quoted = true;
    else if (c === delimiter) out.push(field), (field = '');
    else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '').replace(/^\uFEFF/, '');
}

/** Count record ends, ignoring newlines inside quotes; a last line without newline counts. */
function countRecords(text: string, quoteAware: boolean): number {
  let n = 0;
  let quoted = false;
  let lineHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoteAware && c === 34) quoted = !quoted;
    if (c === 10 && !quoted) {
      if (lineHasContent) n++;
      lineHasContent = false;
    } else if (c !== 13 && c !== 32 && c !== 9) lineHasContent = true;
  }
  return lineHasContent ? n + 1 : n;
}

/** Estimate records in a file of `size` bytes from a sample of its first bytes. */
function estimate(sample: string, sampleBytes: number, size: number, quoteAware: boolean): number {
  const cut = sample.lastIndexOf('\n');
  const whole = cut < 0 ? sample : sample.slice(0, cut + 1);
  const records = countRecords(whole, quoteAware);
  if (records === 0) return 0;
  const bytesPerRecord = Buffer.byteLength(whole, 'utf8') / records;
  return Math.round(size / Math.max(1, Math.min(bytesPerRecord, sampleBytes)));
}

/** `text` is the whole file when `complete`, else the first bytes of a file of `size` bytes. */
export function parseDelimited(text: string, delimiter: ',' | '\t' | ';', size: number, complete: boolean): TabularResult {
  const header = firstLine(text);
  if (header.trim().length === 0) return { ok: false, error: 'empty header line' };
  const columns = splitDelimited(header, delimiter).slice(0, TABULAR_MAX_COLUMNS);
  const all = complete ? countRecords(text, true) : estimate(text, Buffer.byteLength(text, 'utf8'), size, true);
  return { ok: true, facts: { columns, rows: Math.max(0, all - 1), complete } };
}

/** Guess the csv delimiter from the header line: comma unless semicolons clearly dominate. */
export function csvDelimiter(text: string): ',' | ';' {
  const h = firstLine(text);
  const commas = h.split(',').length;
  const semis = h.split(';').length;
  return semis > commas ? ';' : ',';
}

export function parseJsonLines(text: string, size: number, complete: boolean): TabularResult {
  const line = firstLine(text).trim();
  if (line.length === 0) return { ok: false, error: 'empty first line' };
  let first: unknown;
  try {
    first = JSON.parse(line) as unknown;
  } catch {
    return { ok: false, error: 'first line is not valid JSON (truncated or not JSON Lines)' };
  }
  const columns = isRecord(first) ? Object.keys(first).slice(0, TABULAR_MAX_COLUMNS) : [];
  const rows = complete ? countRecords(text, false) : estimate(text, Buffer.byteLength(text, 'utf8'), size, false);
  return { ok: true, facts: { columns, rows, complete } };
}
