// What bin/aibom.js needs before the CLI bundle loads (bundled as dist/cli/boot.cjs): the code-cache loader and
// the early scan workers.
export { loadCached, shouldWriteCache, type CachedBundle } from './cached-load.js';
export { startEarlyWorkers } from './early-workers.js';
