// Detector: Arrow IPC files and streams (.arrow, HF `datasets` cache files) and Feather v1/v2.
import type { Detector } from '../../src/detect/types.js';
import { ARROW_SCHEMA_MAX, parseArrowHead } from '../../src/parsers/arrow.js';
import { isLfsPointer } from '../../src/parsers/lfs.js';
import { columnProps, datasetFile } from './dataset-file-asset.js';

export const ARROW_ID = 'dataset/arrow';
const EXTS = new Set(['.arrow', '.arrows', '.feather', '.ipc']);

export const arrowDetector: Detector = {
  id: ARROW_ID,
  group: 'dataset',
  description: 'Apache Arrow IPC / Feather datasets: layout and schema from the first message',
  scansDependencies: true,
  wants: (file) => EXTS.has(file.ext),
  extensions: [...EXTS],
  async detect(file) {
    const format = file.ext === '.feather' ? 'feather' : 'arrow';
    const head = await file.head(Math.min(file.size, ARROW_SCHEMA_MAX));
    if (isLfsPointer(head)) return {}; // the LFS pointer detector lists it
    const parsed = parseArrowHead(head);
    if (!parsed.ok) return { assets: [datasetFile(file, format, ARROW_ID, {}, [parsed.error])] };
    const a = parsed.facts;
    const props = { 'aibom:dataset:arrow-layout': a.format, ...(a.schemaRead ? columnProps(a.columns, a.columnCount) : {}) };
    return { assets: [datasetFile(file, format, ARROW_ID, props)] };
  },
};
