// The shadow-AI detector set: provider endpoints in code and config, hard-coded AI keys,
// remote model references. Registered by the detector registry as one group.
import type { Detector } from '../../src/detect/types.js';
import { aiKeyDetector } from '../secrets/key-detector.js';
import { modelRefDetector } from '../model-refs/ref-detector.js';
import { shadowAiConfigDetector, shadowAiEndpointDetector } from './endpoint-detector.js';

export const shadowAiDetectors: Detector[] = [shadowAiEndpointDetector, shadowAiConfigDetector, aiKeyDetector, modelRefDetector];

export { shadowAiEndpointDetector, shadowAiConfigDetector, aiKeyDetector, modelRefDetector };
