// The serialization detectors (issue 3): code-execution payloads in model files, found statically.
import type { Detector } from '../../src/detect/types.js';
import { pickleDetector } from './pickle-detector.js';
import { kerasDetector } from './keras-detector.js';
import { templateDetector } from './template-detector.js';
import { savedModelDetector } from './savedmodel-detector.js';
import { onnxExternalDetector } from './onnx-external.js';
import { remoteCodeDetector } from './remote-code.js';

export const serializationDetectors: Detector[] = [pickleDetector, kerasDetector, templateDetector, savedModelDetector, onnxExternalDetector, remoteCodeDetector];

export { scanSerialized, type ContainerScan } from './pickle-scan.js';
export { VERDICT_PROPERTY } from './rules.js';
