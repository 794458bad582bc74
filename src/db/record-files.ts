// Reads OSV records from a directory tree or a zip of .json / .yaml / .yml files. Each file
// yields a record or an error string naming the file; nothing is thrown for a bad record.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import YAML from 'yaml';
import { parseOsvRecord, type OsvRecord } from './osv-record.js';
import { ZipFile } from './zip-reader.js';

export const MAX_RECORD_BYTES = 16 << 20;

export interface RecordResult {
  file: string;
  record?: OsvRecord;
  error?: string;
}

const RECORD_EXT = /\.(json|ya?ml)$/i;

export function parseRecordText(file: string, text: string): RecordResult {
  let raw: unknown;
  try {
    // failsafe schema: every scalar stays a string, so "1.10" never becomes the number 1.1
    raw = /\.json$/i.test(file) ? JSON.parse(text) : YAML.parse(text, { schema: 'failsafe' });
  } catch (err) {
    return { file, error: `cannot parse: ${(err as Error).message.split('\n')[0]}` };
  }
  const rec = parseOsvRecord(raw);
  return typeof rec === 'string' ? { file, error: rec } : { file, record: rec };
}

function listDir(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile() && RECORD_EXT.test(ent.name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

export function* readDirRecords(root: string): Generator<RecordResult> {
  for (const p of listDir(root)) {
    const file = relative(root, p).split(sep).join('/');
    if (statSync(p).size > MAX_RECORD_BYTES) {
      yield { file, error: 'record file too large' };
      continue;
    }
    yield parseRecordText(file, readFileSync(p, 'utf8'));
  }
}

export function* readZipRecords(path: string): Generator<RecordResult> {
  const zip = new ZipFile(path);
  try {
    for (const e of zip.entries()) {
      if (e.name.endsWith('/') || !RECORD_EXT.test(e.name)) continue;
      let text: string;
      try {
        text = zip.read(e, MAX_RECORD_BYTES).toString('utf8');
      } catch (err) {
        yield { file: e.name, error: (err as Error).message };
        continue;
      }
      yield parseRecordText(e.name, text);
    }
  } finally {
    zip.close();
  }
}

export function readRecords(path: string): Generator<RecordResult> {
  return statSync(path).isDirectory() ? readDirRecords(path) : readZipRecords(path);
}

/** every seed file below a folder, for hashing */
export function recordFiles(root: string): string[] {
  return listDir(root);
}
