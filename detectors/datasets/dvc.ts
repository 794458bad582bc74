// Detector: DVC `.dvc` files. Each out (a data file, a model or a directory tracked by DVC) is an
// asset at its path; DVC's md5 is kept as a property (the content usually lives in a DVC remote).
import type { Detector } from '../../src/detect/types.js';
import type { Asset } from '../../src/inventory/types.js';
import { parseDvc, type DvcOut } from '../../src/parsers/dvc.js';
import { fileKindOf } from '../huggingface/rules.js';
import { dirOf, joinPath } from '../huggingface/paths.js';

export const DVC_ID = 'dataset/dvc';
const DVC_MAX = 1 << 20;

function outAsset(dvcPath: string, out: DvcOut, siblings: string[]): Asset | undefined {
  const clean = out.path.replace(/\/+$/, '');
  if (clean.startsWith('/') || clean.split('/').includes('..') || clean.length === 0) return undefined;
  const path = joinPath(dirOf(dvcPath), clean);
  const present = !clean.includes('/') && siblings.includes(clean);
  const kind = out.directory ? undefined : fileKindOf(clean);
  const props: Record<string, string> = { 'aibom:dvc:file': dvcPath };
  if (out.md5) props['aibom:dvc:md5'] = out.md5;
  if (out.nfiles !== undefined) props['aibom:dvc:nfiles'] = String(out.nfiles);
  if (out.remote) props['aibom:dvc:remote'] = out.remote;
  if (!present) props['aibom:content'] = 'tracked by DVC, content not present';
  const base = {
    key: `${out.directory ? 'folder' : 'file'}:${path}`,
    name: clean.slice(clean.lastIndexOf('/') + 1),
    present,
    locations: [{ path: dvcPath }],
    detectors: [DVC_ID],
    ...(out.size !== undefined ? { size: out.size } : {}),
  };
  if (kind?.kind === 'model') return { ...base, kind: 'model', format: kind.format, properties: { ...props, 'aibom:model:format': kind.format } };
  const format = kind?.format ?? (out.directory ? 'directory' : 'unknown');
  return { ...base, kind: 'dataset', format, properties: { ...props, 'aibom:dataset:format': format } };
}

export const dvcDetector: Detector = {
  id: DVC_ID,
  group: 'dataset',
  description: 'DVC .dvc files: each tracked out (path, md5, size) as a dataset or model',
  scansDependencies: true,
  wants: (file) => file.ext === '.dvc' && file.size <= DVC_MAX,
  extensions: ['.dvc'],
  async detect(file) {
    const text = await file.text(DVC_MAX);
    const parsed = text === undefined ? undefined : parseDvc(text);
    if (!parsed?.ok) return { warnings: [{ path: file.path, message: `${DVC_ID}: ${parsed ? parsed.error : 'unreadable or binary'}` }] };
    const siblings = await file.siblings();
    const assets = parsed.outs.map((o) => outAsset(file.path, o, siblings)).filter((a): a is Asset => a !== undefined);
    const skipped = parsed.outs.length - assets.length;
    return {
      assets,
      ...(skipped > 0 ? { warnings: [{ path: file.path, message: `${DVC_ID}: ${skipped} out path(s) leave the folder; ignored` }] } : {}),
    };
  },
};
