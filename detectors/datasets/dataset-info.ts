// Detector: Hugging Face `datasets` metadata (dataset_info.json, dataset_infos.json) describing the
// folder it sits in: one DatasetAsset `folder:<dir>`, merged with the folder's dataset card if any.
import type { Detector } from '../../src/detect/types.js';
import type { DatasetAsset } from '../../src/inventory/types.js';
import { parseDatasetInfo } from '../../src/parsers/dataset-info.js';
import { hfLicenseSpdx } from '../huggingface/rules.js';
import { dirOf, hubIdFromPath, hubUrl } from '../huggingface/paths.js';
import { columnProps } from './dataset-file-asset.js';
import { datasetFolderName } from './dataset-card-asset.js';

export const DATASET_INFO_ID = 'dataset/dataset-info';
const INFO_MAX = 16 << 20;

export const datasetInfoDetector: Detector = {
  id: DATASET_INFO_ID,
  group: 'dataset',
  description: 'Hugging Face dataset_info.json / dataset_infos.json: features, splits, rows, license',
  scansDependencies: true,
  wants: (file) => (file.name === 'dataset_info.json' || file.name === 'dataset_infos.json') && file.size <= INFO_MAX,
  names: ['dataset_info.json', 'dataset_infos.json'],
  async detect(file) {
    const dir = dirOf(file.path);
    const base: DatasetAsset = {
      key: `folder:${dir}`,
      kind: 'dataset',
      name: datasetFolderName(dir),
      format: 'huggingface',
      present: true,
      locations: [{ path: file.path }],
      detectors: [DATASET_INFO_ID],
    };
    const text = await file.text(INFO_MAX);
    const parsed = text === undefined ? undefined : parseDatasetInfo(text, file.name === 'dataset_infos.json');
    if (!parsed?.ok) return { assets: [{ ...base, warnings: [`${file.name}: ${parsed ? parsed.error : 'unreadable or binary'}`] }] };
    const infos = parsed.value;
    const first = infos[0];
    const props: Record<string, string | string[]> = { 'aibom:dataset:format': 'huggingface' };
    const configs = infos.map((i) => i.configName).filter((c): c is string => c !== undefined);
    if (configs.length > 0) props['aibom:dataset:configs'] = configs;
    if (first.builderName) props['aibom:dataset:builder'] = first.builderName;
    const splits = infos.flatMap((i) => i.splits);
    if (splits.length > 0) props['aibom:dataset:splits'] = splits.map((s) => `${s.name}=${s.examples ?? '?'}`);
    if (splits.length > 0 && splits.every((s) => s.examples !== undefined)) {
      props['aibom:dataset:rows'] = String(splits.reduce((n, s) => n + (s.examples ?? 0), 0));
    }
    if (first.version) props['aibom:dataset:version'] = first.version;
    if (first.datasetSize !== undefined) props['aibom:dataset:bytes'] = String(first.datasetSize);
    Object.assign(props, first.features.length > 0 ? columnProps(first.features) : {});
    const licenses = [...new Set(infos.flatMap((i) => i.license))].map((l) => {
      const spdx = hfLicenseSpdx(l);
      return spdx ? { spdx, source: file.name } : { name: l, source: file.name };
    });
    if (licenses.length > 0) props['aibom:dataset:license'] = licenses.map((l) => l.spdx ?? l.name ?? '');
    const hub = hubIdFromPath(dir);
    const homepage = infos.map((i) => i.homepage).find((h) => h !== undefined && /^https?:\/\//.test(h));
    const asset: DatasetAsset = {
      ...base,
      properties: props,
      ...(first.description ? { description: first.description.slice(0, 500) } : {}),
      ...(licenses.length > 0 ? { licenses } : {}),
      ...(hub?.repoType === 'dataset' ? { contentsUrl: hubUrl(hub) } : {}),
      ...(homepage ? { externalReferences: [{ type: 'website', url: homepage }] } : {}),
    };
    return { assets: [asset] };
  },
};
