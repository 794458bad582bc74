// Messages between the runner (main thread) and its scan workers (scan-worker.ts).
import type { DetectContext } from './types.js';
import type { FileResult } from './inspect.js';
import type { WalkedFolder } from '../walk/walker.js';

/** files of one walked folder for a worker: the folder as walked, restricted to the files sent, with the walk
 *  order number (seq) of each file */
export interface WorkFolder {
  folder: WalkedFolder;
  seqs: number[];
}

export interface WorkerInit {
  /** detector ids, in the registry order the main thread uses */
  ids: string[];
  options: DetectContext['options'];
}

export type ToWorker =
  /** the scan's detectors and options: sent once, before any batch (a worker may start before the scan is known) */
  | { type: 'init'; init: WorkerInit }
  | { type: 'batch'; id: number; folders: WorkFolder[] }
  | { type: 'hash'; id: number; digest?: string; error?: string }
  | { type: 'abort' }
  /** write this worker's V8 code cache now (the pool asks before it ends a worker whose cache was stale) */
  | { type: 'write-cache' };

export type FromWorker =
  /** the worker has loaded its detectors and rule data: it takes batches from now on */
  | { type: 'ready'; cache?: 'used' | 'rejected' | 'missing' }
  /** answer to 'write-cache' */
  | { type: 'cache-written' }
  /** the batch is read and pre-checked; its few remaining files are in detection (a 'done' follows): the worker
   *  can take another batch */
  | { type: 'settled'; id: number }
  /** results: files with something to report; quiet: how many files detectors looked at reported nothing */
  | { type: 'done'; id: number; results: { seq: number; result: FileResult }[]; quiet: number }
  | { type: 'hash'; id: number; abs: string };
