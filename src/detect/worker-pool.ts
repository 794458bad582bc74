// The main thread's side of the scan workers: starts them (possibly before the scan is set up, see prestart()),
// hands batches of walked files to the least busy one, answers their hash requests from the scan's HashPool,
// and reports a worker that dies (its unfinished batches are rejected, so the runner scans those files itself).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { scanWorkerCount, takeEarlyWorkers, type EarlyWorker } from '../boot/early-workers.js';
import type { FileResult } from './inspect.js';
import type { FileHasher } from '../walk/fs-file.js';
import type { FromWorker, ToWorker, WorkerInit, WorkFolder } from './worker-protocol.js';

export interface BatchResult {
  results: { seq: number; result: FileResult }[];
  quiet: number;
}

interface Slot {
  worker: Worker;
  alive: boolean;
  /** the worker has loaded its detectors (batches go only to ready workers) */
  ready: boolean;
  /** the worker's V8 code cache was missing or stale: the pool asks it to write one before ending it */
  writeCache: boolean;
  /** the worker's code cache as it started, and when it became ready (AIBOM_SCAN_DEBUG) */
  cache?: string;
  readyAt?: number;
  cacheWritten?: () => void;
  pending: Map<number, { resolve(r: BatchResult): void; reject(e: Error): void }>;
  /** pending batches the worker has read and pre-checked ('settled'): they no longer count as work in hand */
  settled: Set<number>;
}

// the bundled CLI (scripts/build-cli.mjs) names its worker entry, which runs the worker bundle with its code cache
declare const __AIBOM_WORKER_FILE__: string | undefined;
const WORKER_URL = new URL(typeof __AIBOM_WORKER_FILE__ === 'string' ? __AIBOM_WORKER_FILE__ : './scan-worker.js', import.meta.url);

/** true when this module runs as compiled JavaScript with its worker file beside it (dist/src, or the bundled
 *  CLI in dist/cli; not under vitest's TypeScript, not in the Action's single-file bundle) */
export function workersAvailable(): boolean {
  return /\.c?js$/.test(import.meta.url) && existsSync(fileURLToPath(WORKER_URL));
}

/** a non-negative integer environment variable, undefined when unset or not one */
export function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}


export class ScanWorkers {
  readonly #slots: Slot[] = [];
  #nextBatch = 1;
  #hashes?: FileHasher;
  readonly #readyWaiters: (() => void)[] = [];
  /** called when a worker becomes ready to take batches */
  onReady?: () => void;
  /** called when a worker has read a batch and can take another */
  onSettled?: () => void;
  #started = false;

  /** `early`: workers bin/aibom.js started before the CLI loaded, adopted with what they sent meanwhile */
  constructor(size: number, early: EarlyWorker[] = []) {
    for (let i = 0; i < size; i++) {
      const adopted = early[i];
      const worker = adopted?.worker ?? new Worker(WORKER_URL);
      const slot: Slot = { worker, alive: true, ready: false, writeCache: false, pending: new Map(), settled: new Set() };
      const fail = (e: Error) => {
        slot.alive = false;
        for (const p of slot.pending.values()) p.reject(e);
        slot.pending.clear();
        slot.settled.clear();
        this.#wakeReadyWaiters();
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          slot.ready = true;
          slot.cache = m.cache ?? 'none';
          slot.readyAt = performance.now();
          slot.writeCache = m.cache !== undefined && (m.cache !== 'used' || process.env.AIBOM_WRITE_CODE_CACHE === '1');
          this.#wakeReadyWaiters();
          this.onReady?.();
        } else if (m.type === 'cache-written') {
          slot.cacheWritten?.();
        } else if (m.type === 'settled') {
          if (slot.pending.has(m.id)) slot.settled.add(m.id);
          this.onSettled?.();
        } else if (m.type === 'done') {
          const p = slot.pending.get(m.id);
          slot.pending.delete(m.id);
          slot.settled.delete(m.id);
          p?.resolve({ results: m.results, quiet: m.quiet });
        } else if (m.type === 'hash') {
          const hashes = this.#hashes;
          if (!hashes) return this.#post(slot, { type: 'hash', id: m.id, error: 'no scan is running' });
          hashes.sha256(m.abs).then(
            (digest) => this.#post(slot, { type: 'hash', id: m.id, digest }),
            (e: Error) => this.#post(slot, { type: 'hash', id: m.id, error: e.message }),
          );
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`scan worker exited (code ${code})`)));
      this.#slots.push(slot);
      // what an early worker sent before this pool existed, in order
      for (const ev of adopted?.adopt() ?? []) {
        if (ev.kind === 'message') worker.emit('message', ev.value);
        else if (ev.kind === 'error') worker.emit('error', ev.value);
        else worker.emit('exit', ev.value);
      }
    }
  }

  get size(): number {
    return this.#slots.length;
  }

  /** each ready worker's code cache state when it started: used, rejected, missing or none (AIBOM_SCAN_DEBUG) */
  get caches(): string[] {
    return this.#slots.filter((s) => s.cache !== undefined).map((s) => s.cache as string);
  }

  /** when each ready worker became ready, in ms since the process started (AIBOM_SCAN_DEBUG) */
  get readyTimes(): number[] {
    return this.#slots.filter((s) => s.readyAt !== undefined).map((s) => Math.round(s.readyAt as number));
  }

  /** tells the workers what to run (once, before the first batch) and where hashes come from */
  start(init: WorkerInit, hashes: FileHasher): void {
    if (this.#started) throw new Error('scan workers already started');
    this.#started = true;
    this.#hashes = hashes;
    for (const s of this.#slots) this.#post(s, { type: 'init', init });
  }

  /** batches handed out and not yet read by their worker (a batch whose last files are still in detection
   *  does not count) */
  get outstanding(): number {
    return this.#slots.reduce((n, s) => n + s.pending.size - s.settled.size, 0);
  }

  get alive(): number {
    return this.#slots.filter((s) => s.alive).length;
  }

  /** resolves once a worker is ready or none is alive any more */
  whenReady(): Promise<void> {
    if (this.ready > 0 || this.alive === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.#readyWaiters.push(resolve));
  }

  #wakeReadyWaiters(): void {
    if (this.ready === 0 && this.alive > 0) return;
    for (const w of this.#readyWaiters.splice(0)) w();
  }

  /** live workers that have loaded their detectors */
  get ready(): number {
    return this.#slots.filter((s) => s.alive && s.ready).length;
  }

  run(folders: WorkFolder[]): Promise<BatchResult> {
    const live = this.#slots.filter((s) => s.alive && s.ready);
    if (live.length === 0) return Promise.reject(new Error('no scan worker is ready'));
    const load = (s: Slot) => s.pending.size - s.settled.size;
    const slot = live.reduce((a, b) => (load(b) < load(a) ? b : a));
    const id = this.#nextBatch++;
    return new Promise<BatchResult>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      this.#post(slot, { type: 'batch', id, folders });
    });
  }

  /** whether the workers keep the process alive (Worker.ref / unref) */
  unref(): void {
    for (const s of this.#slots) s.worker.unref();
  }

  ref(): void {
    for (const s of this.#slots) s.worker.ref();
  }

  abort(): void {
    for (const s of this.#slots) if (s.alive) this.#post(s, { type: 'abort' });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#slots.map(async (s) => {
        // a worker whose code cache was missing or stale writes a new one first (bounded: never holds up an exit)
        if (s.alive && s.writeCache) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 2000);
            s.cacheWritten = () => {
              clearTimeout(timer);
              resolve();
            };
            s.worker.postMessage({ type: 'write-cache' } satisfies ToWorker);
          });
        }
        s.alive = false;
        return s.worker.terminate();
      }),
    );
  }

  #post(slot: Slot, m: ToWorker): void {
    if (slot.alive) slot.worker.postMessage(m);
  }
}

let prestarted: ScanWorkers | undefined;

/** Starts the scan workers ahead of the scan (the CLI calls this before loading the scan pipeline, so the
 *  workers load their detectors while the main thread loads its modules). The next large scan takes them;
 *  closePrestarted() ends them when no scan did. A no-op where workers are not available or not wanted. */
export function prestart(): void {
  if (prestarted || !workersAvailable()) return;
  const n = scanWorkerCount();
  const early = takeEarlyWorkers();
  if (n < 1) {
    for (const e of early ?? []) void e.worker.terminate();
    return;
  }
  for (const e of early?.slice(n) ?? []) void e.worker.terminate();
  prestarted = new ScanWorkers(n, early ?? []);
  // a prestarted pool must not keep the process alive when no scan takes it
  prestarted.unref();
}

/** true when the CLI started scan workers that no scan has taken yet */
export function hasPrestarted(): boolean {
  return prestarted !== undefined;
}

/** the prestarted pool, once (undefined when none was started or it was taken); it keeps the process alive again */
export function takePrestarted(): ScanWorkers | undefined {
  const p = prestarted;
  prestarted = undefined;
  p?.ref();
  return p;
}

export async function closePrestarted(): Promise<void> {
  await takePrestarted()?.close();
}
