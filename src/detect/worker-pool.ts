// The main thread's side of the scan workers: starts them, hands out batches of walked files to the
// least busy one, answers their hash requests from the scan's HashPool, and reports a worker that dies
// (its unfinished batches are rejected, so the runner can scan those files itself).
import { Worker } from 'node:worker_threads';
import type { FileResult } from './inspect.js';
import type { FileHasher } from '../walk/fs-file.js';
import type { FromWorker, ToWorker, WorkerInit, WorkItem } from './worker-protocol.js';

export interface BatchResult {
  results: { seq: number; result: FileResult }[];
  quiet: number;
}

interface Slot {
  worker: Worker;
  alive: boolean;
  pending: Map<number, { resolve(r: BatchResult): void; reject(e: Error): void }>;
}

export class ScanWorkers {
  readonly #slots: Slot[] = [];
  #nextBatch = 1;

  constructor(size: number, init: WorkerInit, hashes: FileHasher) {
    const url = new URL('./scan-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, { workerData: init });
      const slot: Slot = { worker, alive: true, pending: new Map() };
      const fail = (e: Error) => {
        slot.alive = false;
        for (const p of slot.pending.values()) p.reject(e);
        slot.pending.clear();
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'done') {
          const p = slot.pending.get(m.id);
          slot.pending.delete(m.id);
          p?.resolve({ results: m.results, quiet: m.quiet });
        } else if (m.type === 'hash') {
          hashes.sha256(m.abs).then(
            (digest) => this.#post(slot, { type: 'hash', id: m.id, digest }),
            (e: Error) => this.#post(slot, { type: 'hash', id: m.id, error: e.message }),
          );
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`scan worker exited (code ${code})`)));
      this.#slots.push(slot);
    }
  }

  /** batches handed out and not yet answered */
  get outstanding(): number {
    return this.#slots.reduce((n, s) => n + s.pending.size, 0);
  }

  run(items: WorkItem[]): Promise<BatchResult> {
    const live = this.#slots.filter((s) => s.alive);
    if (live.length === 0) return Promise.reject(new Error('no scan worker is running'));
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#nextBatch++;
    return new Promise<BatchResult>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      this.#post(slot, { type: 'batch', id, items });
    });
  }

  abort(): void {
    for (const s of this.#slots) if (s.alive) this.#post(s, { type: 'abort' });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#slots.map((s) => {
        s.alive = false;
        return s.worker.terminate();
      }),
    );
  }

  #post(slot: Slot, m: ToWorker): void {
    if (slot.alive) slot.worker.postMessage(m);
  }
}
