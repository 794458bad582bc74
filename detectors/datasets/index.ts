// The dataset detectors: parquet, arrow/feather, csv/tsv/jsonl, dataset_info.json, DVC, and the
// folder linker. Dataset cards (README.md) are read by the Hugging Face folder detector.
import type { Detector } from '../../src/detect/types.js';
import { arrowDetector } from './arrow.js';
import { datasetInfoDetector } from './dataset-info.js';
import { dvcDetector } from './dvc.js';
import { folderLinkDetector } from './folder-link.js';
import { parquetDetector } from './parquet.js';
import { tabularDetector } from './tabular.js';

export const datasetDetectors: Detector[] = [
  parquetDetector,
  arrowDetector,
  tabularDetector,
  datasetInfoDetector,
  dvcDetector,
  folderLinkDetector,
];

export { arrowDetector, datasetInfoDetector, dvcDetector, folderLinkDetector, parquetDetector, tabularDetector };
