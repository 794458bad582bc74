// Loads what the detectors' content pre-checks load on their first file (rule data, the keyword automaton) ahead
// of time: a scan worker does it while the main thread is still starting (its selector, built at start-up,
// has already loaded the selection hints).
import type { Detector, FileRef } from './types.js';

export function warmUp(detectors: readonly Detector[]): void {
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
