// Messages between the runner (main thread) and its scan workers (scan-worker.ts).
import type { FileRef } from './types.js';
import type { DetectContext } from './types.js';
import type { FileResult } from './inspect.js';

/** one walked file for a worker: the FileRef without its lazy size (the worker stats on demand) */
export interface WorkItem {
  seq: number;
  abs: string;
  ref: Omit<FileRef, 'size'>;
  /** the folder's entry names; sent with the first item of each folder in a batch, later items reuse it */
  listing?: readonly string[];
}

export interface WorkerInit {
  /** detector ids, in the registry order the main thread uses */
  ids: string[];
  options: DetectContext['options'];
}

export type ToWorker =
  | { type: 'batch'; id: number; items: WorkItem[] }
  | { type: 'hash'; id: number; digest?: string; error?: string }
  | { type: 'abort' };

export type FromWorker =
  /** results: files with something to report; quiet: how many files detectors looked at reported nothing */
  | { type: 'done'; id: number; results: { seq: number; result: FileResult }[]; quiet: number }
  | { type: 'hash'; id: number; abs: string };
