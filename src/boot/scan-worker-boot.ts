// The scan worker's entry in the bundled CLI (dist/cli/scan-worker.js): runs dist/cli/scan-worker.cjs with its
// V8 code cache (cached-load.ts). The worker pool starts this file; the worker tells the main thread in its
// 'ready' message whether its cache was used, and writes it when asked (src/detect/scan-worker.ts).
import { fileURLToPath } from 'node:url';
import { loadCached } from './cached-load.js';

loadCached(fileURLToPath(new URL('./scan-worker.cjs', import.meta.url)));
