// Detector: Git LFS pointer files standing in for model or dataset files. The LFS oid is the
// content's SHA-256 and the declared size its size; the content itself is not present.
import type { Asset } from '../../src/inventory/types.js';
import type { Detector } from '../../src/detect/types.js';
import { LFS_MAX_POINTER, isLfsPointer, parseLfsPointer } from '../../src/parsers/lfs.js';
import { fileKindOf, fileKinds } from './rules.js';

export const LFS_POINTER_ID = 'huggingface/lfs-pointer';

export const lfsPointerDetector: Detector = {
  id: LFS_POINTER_ID,
  group: 'model',
  description: 'Git LFS pointer files in place of model or dataset files (oid as SHA-256, declared size)',
  scansDependencies: true,
  // the name test first: reading the size costs a stat call, and most files are rejected by name
  wants: (file) => fileKindOf(file.name) !== undefined && file.size > 0 && file.size <= LFS_MAX_POINTER,
  get extensions(): string[] {
    return [...fileKinds().keys()];
  },
  async detect(file) {
    const kind = fileKindOf(file.name);
    const head = await file.head(LFS_MAX_POINTER + 1);
    if (!kind || !isLfsPointer(head)) return {};
    const parsed = parseLfsPointer(head);
    const base = {
      key: `file:${file.path}`,
      name: file.name,
      format: kind.format,
      present: false,
      locations: [{ path: file.path }],
      detectors: [LFS_POINTER_ID],
    };
    const props: Record<string, string> = {
      'aibom:lfs:pointer': 'true',
      'aibom:content': 'pointer, content not present',
      [kind.kind === 'model' ? 'aibom:model:format' : 'aibom:dataset:format']: kind.format,
    };
    const asset: Asset = parsed.ok
      ? { ...base, kind: kind.kind, hashes: { sha256: parsed.pointer.sha256 }, size: parsed.pointer.size, properties: props }
      : { ...base, kind: kind.kind, properties: props, warnings: [`malformed Git LFS pointer: ${parsed.error}`] };
    return { assets: [asset] };
  },
};
