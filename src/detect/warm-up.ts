// Loads what the detectors load on their first file (rule data, selection indexes, the keyword automaton of the
// content pre-check) ahead of time: a scan worker does it while the main thread is still starting.
import type { Detector, FileRef } from './types.js';
import { makeSelector } from './select.js';

export function warmUp(detectors: readonly Detector[]): void {
  makeSelector(detectors);
  const empty = Buffer.alloc(0);
  for (const d of detectors) {
    const ext = d.extensions?.[0];
    if (!d.rejects || ext === undefined) continue;
    const ref: FileRef = { path: `warm-up${ext}`, name: `warm-up${ext}`, ext, size: 0 };
    try {
      d.rejects(ref, empty, []);
    } catch {
      /* a detector that fails here fails again on a real file, where it is reported */
    }
  }
}
