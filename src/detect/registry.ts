// Every detector aibom ships, by id and group. `--detectors` selects by id or group.
import type { Detector } from './types.js';
import { UsageError } from '../util/errors.js';
import { modelDetectors } from '../../detectors/models/index.js';
import { datasetDetectors } from '../../detectors/datasets/index.js';
import { huggingFaceDetectors } from '../../detectors/huggingface/index.js';
import { agentDetectors } from '../../detectors/agents/index.js';
import { shadowAiDetectors } from '../../detectors/shadow-ai/index.js';
import { sdkDetectors } from '../../detectors/sdk/index.js';
import { serializationDetectors } from '../../detectors/serialization/index.js';

export function allDetectors(): Detector[] {
  return [...modelDetectors, ...serializationDetectors, ...huggingFaceDetectors, ...datasetDetectors, ...sdkDetectors, ...shadowAiDetectors, ...agentDetectors];
}

/** `names` are detector ids, id prefixes ("model/") or group names; empty means all */
export function selectDetectors(all: readonly Detector[], names: readonly string[] = []): Detector[] {
  if (names.length === 0) return [...all];
  const matches = (d: Detector, n: string) => d.id === n || d.group === n || d.id.startsWith(n.endsWith('/') ? n : `${n}/`);
  const unknown = names.filter((n) => !all.some((d) => matches(d, n)));
  if (unknown.length > 0) {
    throw new UsageError(`unknown detector or group: ${unknown.join(', ')}. Run "aibom detectors" to list them.`);
  }
  return all.filter((d) => names.some((n) => matches(d, n)));
}
