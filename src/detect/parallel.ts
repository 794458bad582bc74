// When and how the runner shares a walk with scan workers. Workers run only from compiled JavaScript
// (dist/; under vitest the TypeScript sources run serially) and only with the built-in detectors (a worker
// loads them by id). Workers the CLI started ahead of the scan (worker-pool.ts prestart()) are used from the
// first folder; otherwise workers start once the walk has passed a threshold, so small library scans never
// pay for them. Either way a worker gets batches only after it reports that its detectors are loaded, so no
// scan ever waits for a worker to start. AIBOM_SCAN_WORKERS=0 forces the serial path;
// AIBOM_SCAN_PARALLEL_AFTER=N changes the threshold (0 starts workers at once); AIBOM_SCAN_WAIT_WORKERS=1
// makes the main thread wait for a ready worker before it scans anything (tests use it to force a split
// whatever the machine's speed); AIBOM_SCAN_DEBUG=1 prints the split.
//
// Scheduling: the walk's folders are grouped into batches of about BATCH files and queued. Each ready worker
// keeps DEPTH batches in hand, taken from the head of the queue as it answers. Whenever the queue holds more than the
// workers can take, the main thread scans a batch itself, from the tail, and it yields to the event loop after
// every batch, so the workers' answers (and their next batches) never wait behind the walk. A worker gets a
// folder's names, not file records: it makes the FileRefs of the files it scans.
import { setImmediate } from 'node:timers/promises';
import { allDetectors } from './registry.js';
import { envInt, ScanWorkers, takePrestarted, workersAvailable } from './worker-pool.js';
import { scanWorkerCount } from '../boot/early-workers.js';
import type { WalkedFolder } from '../walk/walker.js';
import type { FileHasher } from '../walk/fs-file.js';
import type { Detector } from './types.js';
import type { FileResult } from './inspect.js';
import type { RunOptions } from './runner.js';
import type { WorkFolder } from './worker-protocol.js';

/** the digest of a file, computed when asked. Made by this function, not inline: a closure keeps its whole scope
 *  chain alive (here the batch with its folders' names, or the scanned file with its content) until the scan ends */
export function digestByPath(hashes: FileHasher, abs: string): () => Promise<string> {
  return () => hashes.sha256(abs);
}

export interface ParallelPlan {
  workers: number;
  after: number;
  ids: string[];
}

const BATCH = 128;
/** batches each worker holds (one running, the rest waiting), so it never idles between answers; small
 *  batches keep the end of a scan balanced when some files are much slower than others */
const DEPTH = 4;
const DEFAULT_AFTER = 1000;

export function parallelPlan(detectors: readonly Detector[], env = envInt): ParallelPlan | undefined {
  if (!workersAvailable()) return undefined;
  // the main thread walks and scans too (whatever the workers are not ready to take), so one core is its own
  const workers = env('AIBOM_SCAN_WORKERS') ?? scanWorkerCount();
  if (workers < 1) return undefined;
  const builtIn = new Set(allDetectors());
  if (detectors.length === 0 || !detectors.every((d) => builtIn.has(d))) return undefined;
  return { workers, after: env('AIBOM_SCAN_PARALLEL_AFTER') ?? DEFAULT_AFTER, ids: detectors.map((d) => d.id) };
}

/** scans a folder's files (seqs: their walk order numbers) on the main thread */
type Fallback = (folder: WalkedFolder, seqs: readonly number[]) => Promise<void>;

interface Batch {
  folders: WorkFolder[];
  files: number;
}

export class ParallelDispatch {
  readonly #pool: ScanWorkers;
  readonly #opts: RunOptions;
  readonly #fallback: Fallback;
  readonly #inFlight = new Set<Promise<void>>();
  #batch: Batch = { folders: [], files: 0 };
  /** full batches not yet handed out, in walk order */
  readonly #queue: Batch[] = [];
  #results?: Map<number, FileResult>;
  #digests?: Map<string, () => Promise<string>>;
  /** files handed to workers / scanned here after the workers started (AIBOM_SCAN_DEBUG reports them);
   *  quiet: files the workers' detectors looked at that reported nothing */
  readonly counts = { workers: 0, local: 0, quiet: 0 };

  constructor(plan: ParallelPlan, opts: RunOptions, fallback: Fallback) {
    // workers the CLI started ahead of the scan, when there are as many as the plan asks for
    const pre = takePrestarted();
    if (pre && pre.size === plan.workers) this.#pool = pre;
    else {
      void pre?.close();
      this.#pool = new ScanWorkers(plan.workers);
    }
    this.#pool.start({ ids: plan.ids, options: opts.ctx.options }, opts.hashes);
    this.#pool.onReady = () => this.#pump();
    this.#pool.onSettled = () => this.#pump();
    this.#opts = opts;
    this.#fallback = fallback;
    opts.ctx.signal.addEventListener('abort', () => this.#pool.abort(), { once: true });
  }

  /** queues a folder's files (seqs: their walk order numbers); returns a promise when the caller should wait
   *  (a batch to scan here, or a turn of the event loop for the workers' answers) before walking on */
  add(folder: WalkedFolder, seqs: number[], results: Map<number, FileResult>, digests: Map<string, () => Promise<string>>): Promise<void> | undefined {
    this.#results = results;
    this.#digests = digests;
    this.#batch.folders.push({ folder, seqs });
    this.#batch.files += seqs.length;
    if (this.#batch.files < BATCH) return undefined;
    this.#queue.push(this.#batch);
    this.#batch = { folders: [], files: 0 };
    return this.#step();
  }

  /** the walk is over: everything queued is handed out or scanned here, then every answer awaited */
  async drain(): Promise<void> {
    if (this.#batch.files > 0) {
      this.#queue.push(this.#batch);
      this.#batch = { folders: [], files: 0 };
    }
    await this.#waitForWorkers();
    while (this.#queue.length > 0) {
      this.#pump();
      const b = this.#queue.pop();
      if (b) await this.#local(b);
      await setImmediate();
    }
    await Promise.all(this.#inFlight);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  /** the workers' code cache states (AIBOM_SCAN_DEBUG) */
  get workerCaches(): string[] {
    return this.#pool.caches;
  }

  /** when the workers became ready (AIBOM_SCAN_DEBUG) */
  get workerReadyTimes(): number[] {
    return this.#pool.readyTimes;
  }

  #waited = process.env.AIBOM_SCAN_WAIT_WORKERS !== '1';

  /** with AIBOM_SCAN_WAIT_WORKERS=1, once: wait until a worker is ready (or none is alive) before scanning here */
  async #waitForWorkers(): Promise<void> {
    if (this.#waited) return;
    this.#waited = true;
    await this.#pool.whenReady();
  }

  /** hands out what the workers can take, scans one batch here when more is waiting, then yields */
  async #step(): Promise<void> {
    await this.#waitForWorkers();
    this.#pump();
    if (this.#queue.length > 0 && (this.#pool.ready === 0 || this.#queue.length > this.#pool.size)) {
      const b = this.#queue.pop();
      if (b) await this.#local(b);
    }
    // let the workers' answers in (the walk and the small-file reads are synchronous)
    await setImmediate();
    this.#pump();
  }

  #pump(): void {
    while (this.#queue.length > 0 && this.#pool.ready > 0 && this.#pool.outstanding < this.#pool.ready * DEPTH) {
      const b = this.#queue.shift();
      if (b) this.#send(b);
    }
  }

  #send(b: Batch): void {
    this.counts.workers += b.files;
    const p = this.#pool.run(b.folders).then(
      (done) => {
        if (done.results.length > 0) {
          const where = new Map<number, { path: string; abs: string }>();
          for (const { folder, seqs } of b.folders) {
            seqs.forEach((seq, i) => where.set(seq, { path: folder.rel === '' ? folder.names[i] : `${folder.rel}/${folder.names[i]}`, abs: folder.absDir + folder.names[i] }));
          }
          for (const { seq, result } of done.results) {
            this.#results?.set(seq, result);
            const w = where.get(seq);
            if (w && (result.assets.length > 0 || result.findings.length > 0)) this.#digests?.set(w.path, digestByPath(this.#opts.hashes, w.abs));
          }
        }
        this.counts.quiet += done.quiet;
        this.#pump();
      },
      // the worker died: this thread scans the batch itself
      () => {
        this.counts.workers -= b.files;
        return this.#local(b);
      },
    );
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p));
  }

  async #local(b: Batch): Promise<void> {
    this.counts.local += b.files;
    for (const { folder, seqs } of b.folders) await this.#fallback(folder, seqs);
  }
}
