// Detector: csv/tsv/jsonl datasets. Columns from the header line (first record for JSON Lines), the
// row count when the whole file is small enough to read, else an estimate. Small files outside data
// folders are skipped (listing-rule.yaml) so web-app fixtures do not flood the inventory.
import type { Detector, ScanFile } from '../../src/detect/types.js';
import { looksBinary } from '../../src/detect/memory-file.js';
import { isLfsPointer } from '../../src/parsers/lfs.js';
import { csvDelimiter, parseDelimited, parseJsonLines, type TabularResult } from '../../src/parsers/tabular.js';
import { classifyFolder } from '../huggingface/folder-classify.js';
import { columnProps, datasetFile } from './dataset-file-asset.js';
import { listedByPathOrSize } from './listing-rule.js';

export const TABULAR_ID = 'dataset/tabular';
/** files up to this size are read whole and their rows counted */
export const TABULAR_COUNT_MAX = 8 << 20;
/** larger files: this many bytes are sampled for columns and a row estimate */
export const TABULAR_SAMPLE = 256 << 10;

const FORMATS: Record<string, string> = { '.csv': 'csv', '.tsv': 'tsv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

async function nextToDatasetMetadata(file: ScanFile): Promise<boolean> {
  const f = await classifyFolder(file);
  return f.kind === 'dataset' || f.siblings.includes('dataset_info.json') || f.siblings.includes('dataset_infos.json');
}

export const tabularDetector: Detector = {
  id: TABULAR_ID,
  group: 'dataset',
  description: 'csv, tsv and JSON Lines datasets: columns and (approximate) rows; small stray files skipped',
  scansDependencies: true,
  wants: (file) => FORMATS[file.ext] !== undefined,
  extensions: Object.keys(FORMATS),
  async detect(file) {
    const format = FORMATS[file.ext] ?? 'csv';
    if (!listedByPathOrSize(file) && !(await nextToDatasetMetadata(file))) return {};
    const complete = file.size <= TABULAR_COUNT_MAX;
    const buf = await file.head(complete ? file.size : TABULAR_SAMPLE);
    if (isLfsPointer(buf)) return {}; // the LFS pointer detector lists it
    if (file.size === 0) return { assets: [datasetFile(file, format, TABULAR_ID, {}, ['empty file'])] };
    if (looksBinary(buf)) return { assets: [datasetFile(file, format, TABULAR_ID, {}, [`binary content in a ${format} file`])] };
    const text = buf.toString('utf8');
    let parsed: TabularResult;
    if (format === 'jsonl') parsed = parseJsonLines(text, file.size, complete);
    else parsed = parseDelimited(text, format === 'tsv' ? '\t' : csvDelimiter(text), file.size, complete);
    if (!parsed.ok) return { assets: [datasetFile(file, format, TABULAR_ID, {}, [parsed.error])] };
    const t = parsed.facts;
    const props = {
      ...columnProps(t.columns.map((name) => ({ name }))),
      [t.complete ? 'aibom:dataset:rows' : 'aibom:dataset:rows-estimate']: String(t.rows),
    };
    return { assets: [datasetFile(file, format, TABULAR_ID, props)] };
  },
};
