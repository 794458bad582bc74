// Scan workers started by bin/aibom.js before the CLI bundle loads: a worker needs ~0.15 s to load its
// detectors, and starting it first lets that overlap the main thread's own start-up. Until the worker pool
// (src/detect/worker-pool.ts) adopts them, their messages, errors and exit are kept here in order and then
// replayed. They are unref'd: a command that never adopts them (scan --help, a failed argument check) exits
// as if they did not exist. Bundled into dist/cli/cached-load.cjs with the code-cache loader.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export type EarlyEvent = { kind: 'message'; value: unknown } | { kind: 'error'; value: Error } | { kind: 'exit'; value: number };

export interface EarlyWorker {
  worker: Worker;
  /** stops buffering and hands over what was buffered, in order */
  adopt(): EarlyEvent[];
}

declare global {
  // set by bin/aibom.js, taken (once) by the worker pool
  var __aibomEarlyWorkers: EarlyWorker[] | undefined;
}

/** how many scan workers a scan uses: AIBOM_SCAN_WORKERS, else one per core beyond the main thread's (max 3) */
export function scanWorkerCount(): number {
  const v = process.env.AIBOM_SCAN_WORKERS;
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  return Number.isInteger(n) && n >= 0 ? n : Math.min(availableParallelism() - 1, 3);
}

export function startEarlyWorkers(file: string | URL, count = scanWorkerCount()): EarlyWorker[] {
  const out: EarlyWorker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(file);
    worker.unref();
    const events: EarlyEvent[] = [];
    const onMessage = (value: unknown) => events.push({ kind: 'message', value });
    const onError = (value: Error) => events.push({ kind: 'error', value });
    const onExit = (value: number) => events.push({ kind: 'exit', value });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    out.push({
      worker,
      adopt() {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        return events.splice(0);
      },
    });
  }
  globalThis.__aibomEarlyWorkers = out;
  return out;
}

/** the workers bin/aibom.js started, once (undefined when it started none or they were taken) */
export function takeEarlyWorkers(): EarlyWorker[] | undefined {
  const w = globalThis.__aibomEarlyWorkers;
  globalThis.__aibomEarlyWorkers = undefined;
  return w;
}
