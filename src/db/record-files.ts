// Reads OSV records from a directory tree or a zip of .json / .yaml / .yml files. Each file
// yields a record or an error string naming the file; nothing is thrown for a bad record.
import { readFileSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import fg from 'fast-glob';
import YAML from 'yaml';
import { parseOsvRecord, type OsvRecord } from './osv-record.js';
import { ZipFile } from './zip-reader.js';

export const MAX_RECORD_BYTES = 16 << 20;

const RECORD_EXT = /\.(json|ya?ml)$/i;

export interface RecordResult {
  file: string;
  record?: OsvRecord;
  error?: string;
}

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

/** every .json / .yaml / .yml record file below root, in a stable order; links are not followed */
function listDir(root: string): string[] {
  return fg
    .sync('**/*.{json,JSON,yaml,YAML,yml,YML}', { cwd: root, absolute: true, onlyFiles: true, followSymbolicLinks: false, dot: false })
    .sort((a, b) => a.localeCompare(b));
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
