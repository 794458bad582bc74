// Detector: TensorFlow SavedModel graphs that use file or system ops (ReadFile, WriteFile, PyFunc...).
import type { Detector, DetectResult, ScanFile } from '../../src/detect/types.js';
import { savedModelOps } from '../../src/parsers/savedmodel/ops.js';
import { loadRules, makeFinding, verdictAsset } from './rules.js';

export const SAVEDMODEL_DETECTOR_ID = 'serialization/tf-savedmodel';
/** saved_model.pb files larger than this are not decoded (constants usually live in variables/) */
export const MAX_SAVEDMODEL_BYTES = 128 << 20;

export function riskyOps(ops: Map<string, number>, list: readonly string[] = loadRules().tfFileOps): string[] {
  return [...ops.keys()].filter((op) => list.includes(op)).sort();
}

export const savedModelDetector: Detector = {
  id: SAVEDMODEL_DETECTOR_ID,
  group: 'serialization',
  description: 'TensorFlow SavedModel graphs with file-system or Python ops (ReadFile, WriteFile, PyFunc...)',
  scansDependencies: true,
  wants: (f) => f.name === 'saved_model.pb',
  names: ['saved_model.pb'],
  async detect(file: ScanFile): Promise<DetectResult> {
    if (file.size > MAX_SAVEDMODEL_BYTES) {
      return {
        findings: [makeFinding(SAVEDMODEL_DETECTOR_ID, file, 'AIBOM-PICKLE-SCAN-ERROR', `${file.path}: saved_model.pb larger than ${MAX_SAVEDMODEL_BYTES} bytes was not decoded`)],
        assets: [verdictAsset(SAVEDMODEL_DETECTOR_ID, file, 'tf-savedmodel', 'scan-error')],
      };
    }
    const r = await savedModelOps(await file.range(0, file.size));
    const risky = riskyOps(r.ops);
    const findings = risky.map((op) => makeFinding(SAVEDMODEL_DETECTOR_ID, file, 'AIBOM-TF-FILE-OP', `${file.path}: graph uses ${op} (${r.ops.get(op)} node(s))`, { properties: { 'aibom:tf:op': op } }));
    if (r.error !== undefined) findings.push(makeFinding(SAVEDMODEL_DETECTOR_ID, file, 'AIBOM-PICKLE-SCAN-ERROR', `${file.path}: saved_model.pb could not be decoded: ${r.error}`));
    const verdict = risky.length > 0 ? 'dangerous' : r.error !== undefined ? 'scan-error' : 'safe';
    return { findings, assets: [verdictAsset(SAVEDMODEL_DETECTOR_ID, file, 'tf-savedmodel', verdict)] };
  },
};
