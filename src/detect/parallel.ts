// When and how the runner shares a walk with scan workers. Workers run only from compiled JavaScript
// (dist/; under vitest the TypeScript sources run serially), only with the built-in detectors (a worker
// loads them by id), and only once the walk has passed a threshold, so small scans never pay the
// workers' start-up. AIBOM_SCAN_WORKERS=0 forces the serial path; AIBOM_SCAN_PARALLEL_AFTER=N changes
// the threshold (files walked before workers start; 0 starts them at once); AIBOM_SCAN_DEBUG=1 prints the split.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setImmediate } from 'node:timers/promises';
import { allDetectors } from './registry.js';
import { ScanWorkers } from './worker-pool.js';
import { lazySizeRef } from '../walk/walker.js';
import type { Detector, FileRef } from './types.js';
import type { FileResult } from './inspect.js';
import type { RunOptions } from './runner.js';
import type { WorkItem } from './worker-protocol.js';

export interface ParallelPlan {
  workers: number;
  after: number;
  ids: string[];
}

const BATCH = 256;
const DEFAULT_AFTER = 1000;

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function parallelPlan(detectors: readonly Detector[], env = envInt): ParallelPlan | undefined {
  // compiled JavaScript with its worker file next to it (not under vitest, not in the Action's bundle)
  if (!import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(new URL('./scan-worker.js', import.meta.url)))) return undefined;
  // the main thread walks and scans too (whatever the workers are not ready to take), so one core is its own
  const workers = env('AIBOM_SCAN_WORKERS') ?? Math.min(availableParallelism() - 1, 3);
  if (workers < 1) return undefined;
  const builtIn = new Set(allDetectors());
  if (detectors.length === 0 || !detectors.every((d) => builtIn.has(d))) return undefined;
  return { workers, after: env('AIBOM_SCAN_PARALLEL_AFTER') ?? DEFAULT_AFTER, ids: detectors.map((d) => d.id) };
}

/** scans one file on the main thread; returns a promise only when the file needs awaiting */
type Fallback = (seq: number, abs: string, ref: FileRef, listing?: readonly string[]) => Promise<void> | undefined;

export class ParallelDispatch {
  readonly #pool: ScanWorkers;
  readonly #opts: RunOptions;
  readonly #fallback: Fallback;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #limit: number;
  #batch: WorkItem[] = [];
  #results?: Map<number, FileResult>;
  #digests?: Map<string, () => Promise<string>>;
  #lastListing?: readonly string[];
  /** files handed to workers / scanned here after the workers started (AIBOM_SCAN_DEBUG reports them);
   *  quiet: files the workers' detectors looked at that reported nothing */
  readonly counts = { workers: 0, local: 0, quiet: 0 };

  constructor(plan: ParallelPlan, opts: RunOptions, fallback: Fallback) {
    this.#pool = new ScanWorkers(plan.workers, { ids: plan.ids, options: opts.ctx.options }, opts.hashes);
    this.#opts = opts;
    this.#fallback = fallback;
    this.#limit = plan.workers * 2;
    opts.ctx.signal.addEventListener('abort', () => this.#pool.abort(), { once: true });
  }

  /** queues a file; returns a promise only when a full batch was handed out (await it before walking on) */
  add(
    seq: number,
    abs: string,
    ref: FileRef,
    listing: readonly string[] | undefined,
    results: Map<number, FileResult>,
    digests: Map<string, () => Promise<string>>,
  ): Promise<void> | undefined {
    this.#results = results;
    this.#digests = digests;
    const item: WorkItem = { seq, abs, ref: { path: ref.path, name: ref.name, ext: ref.ext, dependency: ref.dependency } };
    if (listing !== this.#lastListing || this.#batch.length === 0) item.listing = listing;
    this.#lastListing = listing;
    this.#batch.push(item);
    return this.#batch.length >= BATCH ? this.#flush() : undefined;
  }

  async drain(): Promise<void> {
    await this.#flush();
    await Promise.all(this.#inFlight);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  async #flush(): Promise<void> {
    if (this.#batch.length === 0) return;
    const items = this.#batch;
    this.#batch = [];
    // the walk and the small-file reads are synchronous: let the workers' answers in before deciding
    await setImmediate();
    if (this.#pool.outstanding >= this.#limit) {
      // the workers are busy (or still starting): this thread scans the batch itself
      await this.#local(items);
      return;
    }
    this.counts.workers += items.length;
    const p = this.#pool.run(items).then(
      (done) => {
        const bySeq = new Map(items.map((i) => [i.seq, i]));
        const hashes = this.#opts.hashes;
        const record = (seq: number, result: FileResult) => {
          this.#results?.set(seq, result);
          const item = bySeq.get(seq);
          if (item && (result.assets.length > 0 || result.findings.length > 0)) this.#digests?.set(item.ref.path, () => hashes.sha256(item.abs));
        };
        for (const { seq, result } of done.results) record(seq, result);
        this.counts.quiet += done.quiet;
      },
      // the worker died: this thread scans the batch itself
      () => this.#local(items),
    );
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p));
  }

  async #local(items: WorkItem[]): Promise<void> {
    this.counts.local += items.length;
    let listing: readonly string[] | undefined;
    for (const i of items) {
      listing = i.listing ?? listing;
      const ref = lazySizeRef(i.ref.path, i.ref.name, i.abs);
      if (i.ref.dependency) ref.dependency = i.ref.dependency;
      const wait = this.#fallback(i.seq, i.abs, ref, listing);
      if (wait) await wait;
    }
  }
}
