// Builds the DatasetAsset of a folder described by a Hugging Face dataset card (README.md YAML).
import type { DatasetAsset } from '../../src/inventory/types.js';
import type { FolderFacts } from '../huggingface/folder-classify.js';
import { cardLicenses, licenseLabels } from '../huggingface/card-licenses.js';
import { folderName, hubDisplayId, hubIdFromPath, hubUrl, joinPath } from '../huggingface/paths.js';

export function datasetFolderName(dir: string): string {
  const id = hubIdFromPath(dir);
  if (id?.repoType === 'dataset') return hubDisplayId(id);
  return folderName(dir) ?? 'dataset';
}

export function buildDatasetCard(f: FolderFacts, detector: string): DatasetAsset {
  const card = f.card;
  const id = hubIdFromPath(f.dir);
  const hub = id?.repoType === 'dataset' ? id : undefined;
  const licenses = cardLicenses(card, 'dataset card');
  const props: Record<string, string | string[]> = { 'aibom:dataset:format': 'huggingface' };
  const put = (k: string, v: string[] | string | undefined): void => {
    if (v !== undefined && v.length > 0) props[k] = v;
  };
  put('aibom:dataset:license', licenseLabels(licenses));
  put('aibom:dataset:task-categories', card?.taskCategories);
  put('aibom:dataset:size-categories', card?.sizeCategories);
  put('aibom:dataset:configs', card?.configs);
  put('aibom:dataset:languages', card?.languages);
  put('aibom:dataset:pretty-name', card?.prettyName);
  put('aibom:huggingface:tags', card?.tags);
  put('aibom:huggingface:revision', hub?.revision);
  const warnings = f.cardError ? [f.cardError] : [];
  return {
    key: `folder:${f.dir}`,
    kind: 'dataset',
    name: datasetFolderName(f.dir),
    format: 'huggingface',
    present: true,
    locations: f.readmeName ? [{ path: joinPath(f.dir, f.readmeName) }] : [],
    properties: props,
    detectors: [detector],
    ...(hub ? { contentsUrl: hubUrl(hub), version: hub.revision } : {}),
    ...(licenses.length > 0 ? { licenses } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
