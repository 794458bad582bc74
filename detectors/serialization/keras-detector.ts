// Detector: Keras models whose config runs code on load (Lambda layers, foreign modules), in
// Keras 3 .keras zips (config.json) and legacy HDF5 .h5 files (model_config; Keras ignores safe_mode there).
import type { Detector, DetectResult, ScanFile } from '../../src/detect/types.js';
import type { Finding } from '../../src/inventory/types.js';
import { listZip, readZipEntry, looksLikeZip, zipSource } from '../../src/parsers/zip.js';
import { readKerasH5 } from '../../src/parsers/keras.js';
import { kerasConfigRisks } from './keras-config.js';
import { makeFinding, verdictAsset } from './rules.js';
import type { SerializationVerdict } from '../../src/parsers/pickle/index.js';

export const KERAS_DETECTOR_ID = 'serialization/keras';
const MAX_CONFIG = 32 << 20;

async function configFromKerasZip(file: ScanFile): Promise<{ json?: string; warning?: string }> {
  const src = zipSource(file);
  const { entries } = await listZip(src, { maxEntries: 10_000 });
  const e = entries.find((x) => x.name === 'config.json');
  if (!e) return { warning: 'no config.json in the .keras archive' };
  const chunks: Buffer[] = [];
  for await (const c of readZipEntry(src, e, { maxBytes: MAX_CONFIG })) chunks.push(c);
  return { json: Buffer.concat(chunks).toString('utf8') };
}

export function kerasFindings(file: ScanFile, json: string, where: string): { findings: Finding[]; verdict: SerializationVerdict } {
  const r = kerasConfigRisks(json);
  const findings: Finding[] = [];
  if (r.lambdas.length > 0) findings.push(makeFinding(KERAS_DETECTOR_ID, file, 'AIBOM-KERAS-LAMBDA', `${file.path}: ${where} has Lambda layer(s): ${r.lambdas.join(', ')}`));
  if (r.foreignModules.length > 0) findings.push(makeFinding(KERAS_DETECTOR_ID, file, 'AIBOM-KERAS-FOREIGN-MODULE', `${file.path}: ${where} imports module(s) ${r.foreignModules.join(', ')}`));
  if (r.parseError !== undefined) findings.push(makeFinding(KERAS_DETECTOR_ID, file, 'AIBOM-PICKLE-SCAN-ERROR', `${file.path}: ${where} is not valid JSON: ${r.parseError}`));
  const verdict: SerializationVerdict = findings.some((f) => f.ruleId !== 'AIBOM-PICKLE-SCAN-ERROR') ? 'dangerous' : r.parseError !== undefined ? 'scan-error' : 'safe';
  return { findings, verdict };
}

export const kerasDetector: Detector = {
  id: KERAS_DETECTOR_ID,
  group: 'serialization',
  description: 'Keras .keras / .h5 configs with Lambda layers or modules outside keras/tensorflow',
  scansDependencies: true,
  wants: (f) => f.ext === '.keras' || f.ext === '.h5' || f.ext === '.hdf5',
  extensions: ['.keras', '.h5', '.hdf5'],
  async detect(file: ScanFile): Promise<DetectResult> {
    const head = await file.head(8);
    if (looksLikeZip(head)) {
      const { json, warning } = await configFromKerasZip(file).catch((err: Error) => ({ json: undefined, warning: err.message }));
      if (json === undefined) return warning && file.ext === '.keras' ? { warnings: [{ path: file.path, message: warning }] } : {};
      const { findings, verdict } = kerasFindings(file, json, 'config.json');
      return { findings, assets: [verdictAsset(KERAS_DETECTOR_ID, file, 'keras', verdict)] };
    }
    const h5 = await readKerasH5(file);
    if (h5.modelConfig === undefined) return {};
    const { findings, verdict } = kerasFindings(file, h5.modelConfig, 'model_config');
    return { findings, assets: [verdictAsset(KERAS_DETECTOR_ID, file, 'keras', verdict)] };
  },
};
