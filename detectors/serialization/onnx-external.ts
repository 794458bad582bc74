// ONNX external data: a tensor's `location` is a path the loader opens relative to the model.
// Absolute paths, paths that leave the model folder after normalisation, and symlinks are flagged.
import { posix } from 'node:path';
import type { Detector, DetectResult, ScanFile } from '../../src/detect/types.js';
import { readOnnx } from '../../src/parsers/onnx.js';
import { makeFinding, verdictAsset } from './rules.js';

export const ONNX_DETECTOR_ID = 'serialization/onnx-external-data';

export interface ExternalRef {
  tensor: string;
  location: string;
}

export interface Escape extends ExternalRef {
  reason: 'absolute' | 'escapes-folder' | 'symlink';
}

/** Pure check of external-data locations; `symlinks` lists locations known to be symlinks. */
export function externalDataEscapes(refs: readonly ExternalRef[], symlinks: ReadonlySet<string> = new Set()): Escape[] {
  const out: Escape[] = [];
  for (const r of refs) {
    const loc = r.location.replace(/\\/g, '/');
    if (loc.startsWith('/') || /^[A-Za-z]:/.test(loc) || loc.startsWith('//')) out.push({ ...r, reason: 'absolute' });
    else {
      const norm = posix.normalize(loc);
      if (norm === '..' || norm.startsWith('../')) out.push({ ...r, reason: 'escapes-folder' });
      else if (symlinks.has(r.location) || symlinks.has(norm)) out.push({ ...r, reason: 'symlink' });
    }
  }
  return out;
}

export const onnxExternalDetector: Detector = {
  id: ONNX_DETECTOR_ID,
  group: 'serialization',
  description: 'ONNX external-data locations that are absolute or leave the model folder',
  scansDependencies: true,
  wants: (f) => f.ext === '.onnx',
  extensions: ['.onnx'],
  async detect(file: ScanFile): Promise<DetectResult> {
    const info = await readOnnx(file);
    if (info.externalData.length === 0) return {};
    const symlinks = new Set<string>();
    if (file.isSymlinkNearby) {
      for (const loc of new Set(info.externalData.map((r) => r.location).slice(0, 1000))) {
        if (await file.isSymlinkNearby(loc)) symlinks.add(loc);
      }
    }
    const escapes = externalDataEscapes(info.externalData, symlinks);
    const findings = escapes.map((e) =>
      makeFinding(ONNX_DETECTOR_ID, file, 'AIBOM-ONNX-EXTERNAL-DATA-ESCAPE', `${file.path}: tensor ${e.tensor} reads external data from "${e.location}" (${e.reason})`, {
        properties: { 'aibom:onnx:location': e.location },
      }),
    );
    return { findings, assets: [verdictAsset(ONNX_DETECTOR_ID, file, 'onnx', escapes.length > 0 ? 'dangerous' : 'safe')] };
  },
};
