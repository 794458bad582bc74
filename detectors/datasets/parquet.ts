// Detector: Apache Parquet files. Schema and row count come from the footer, read with two bounded
// range reads (trailer, then the footer whose length was checked against the file size).
import type { Detector, ScanFile } from '../../src/detect/types.js';
import type { DatasetAsset } from '../../src/inventory/types.js';
import { PARQUET_MAGIC, parquetTrailer, parseParquetFooter } from '../../src/parsers/parquet.js';
import { isLfsPointer } from '../../src/parsers/lfs.js';
import { columnProps, datasetFile } from './dataset-file-asset.js';

export const PARQUET_ID = 'dataset/parquet';

async function inspect(file: ScanFile): Promise<DatasetAsset | undefined> {
  const fail = (msg: string): DatasetAsset => datasetFile(file, 'parquet', PARQUET_ID, {}, [msg]);
  if (file.size < 12) return fail('parquet file too short (truncated)');
  const magic = (await file.head(4)).toString('latin1');
  if (magic === 'vers' && isLfsPointer(await file.head(64))) return undefined; // listed by the LFS pointer detector
  if (magic !== PARQUET_MAGIC) return fail('parquet header magic PAR1 missing (not parquet or damaged)');
  const trailer = parquetTrailer(await file.range(file.size - 8, file.size), file.size);
  if (!trailer.ok) return fail(trailer.error);
  const parsed = parseParquetFooter(await file.range(file.size - 8 - trailer.footerLength, file.size));
  if (!parsed.ok) return fail(parsed.error);
  const p = parsed.facts;
  return datasetFile(file, 'parquet', PARQUET_ID, {
    'aibom:dataset:rows': String(p.rows),
    'aibom:dataset:row-groups': String(p.rowGroups),
    ...columnProps(p.columns),
    ...(p.createdBy ? { 'aibom:dataset:created-by': p.createdBy } : {}),
  });
}

export const parquetDetector: Detector = {
  id: PARQUET_ID,
  group: 'dataset',
  description: 'Apache Parquet datasets: schema, row count and row groups from the footer',
  scansDependencies: true,
  wants: (file) => file.ext === '.parquet' || file.ext === '.pq',
  extensions: ['.parquet', '.pq'],
  async detect(file) {
    const asset = await inspect(file);
    return asset ? { assets: [asset] } : {};
  },
};
