// Scan workers started by bin/aibom.js before the CLI bundle loads: a worker needs ~0.15 s to load its
// detectors, and starting it first lets that overlap the main thread's own start-up. Until the worker pool
// (src/detect/worker-pool.ts) adopts them, their messages, errors and exit are kept here in order and then
// replayed. They are unref'd: a command that never adopts them (scan --help, a failed argument check) exits
// as if they did not exist. Bundled into dist/cli/cached-load.cjs with the code-cache loader.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { nativeReaderFile } from '../walk/native-read.js';
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

/** how many scan workers a scan uses: AIBOM_SCAN_WORKERS, else defaultWorkerCount() for this machine */
export function scanWorkerCount(): number {
  const v = process.env.AIBOM_SCAN_WORKERS;
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  return Number.isInteger(n) && n >= 0 ? n : defaultWorkerCount(availableParallelism(), nativeReaderBuilt());
}

/** One worker per core beyond the main thread's, at most 3. The native reader's thread (src/native), which
 *  lists and reads folders ahead of the walk, takes a core's share of its own: with it, one worker fewer. (On two
 *  cores a scan of the 100k-file benchmark tree took 1.53 s on one thread with the reader and 1.62 s with a worker
 *  besides: the second thread's start-up and code optimisation cost more than it saved.) */
export function defaultWorkerCount(cores: number, readsAhead: boolean): number {
  return Math.max(0, Math.min(cores - (readsAhead ? 2 : 1), 3));
}

/** the native reader is built and not switched off (src/walk/native-read.ts loads it; this only looks) */
function nativeReaderBuilt(): boolean {
  if (process.env.AIBOM_NATIVE === '0') return false;
  try {
    return existsSync(nativeReaderFile());
  } catch {
    return false;
  }
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
