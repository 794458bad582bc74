// The SDK detectors: declared AI packages (manifests, lockfiles) and AI SDK imports in source code.
import type { Detector } from '../../src/detect/types.js';
import { importDetector } from './import-detector.js';
import { manifestDetector } from './manifest-detector.js';

export { importDetector, IMPORT_DETECTOR_ID } from './import-detector.js';
export { manifestDetector } from './manifest-detector.js';
export { UNDECLARED_RULE } from './undeclared.js';

export const sdkDetectors: Detector[] = [manifestDetector, importDetector];
