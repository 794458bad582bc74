// The scan worker's entry in the bundled CLI (dist/cli/scan-worker-boot.cjs, CommonJS so that a worker does not
// set up the ES module loader): runs dist/cli/scan-worker.cjs with its V8 code cache (cached-load.ts). The
// worker tells the main thread in its 'ready' message whether its cache was used, and writes it when asked
// (src/detect/scan-worker.ts).
import { fileURLToPath } from 'node:url';
import { loadCached } from './cached-load.js';

loadCached(fileURLToPath(new URL('./scan-worker.cjs', import.meta.url)));
