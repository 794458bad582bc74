// SHA-256 of files, streamed in worker threads so every core hashes. Each file is hashed at most once
// per scan: the cache keeps the promise, so concurrent callers share one computation. Small files are hashed
// on the calling thread: a worker round trip (and starting the workers) costs more than hashing 256 KiB.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';

/** files up to this size are hashed inline */
const INLINE_MAX = 256 * 1024;
const INLINE_BUF = Buffer.allocUnsafe(INLINE_MAX);

/** the digest of a small file read on this thread, or undefined when the file is larger than INLINE_MAX */
function hashSmall(path: string): { digest: string; bytes: number } | undefined {
  const fd = openSync(path, 'r');
  try {
    if (fstatSync(fd).size > INLINE_MAX) return undefined;
    let n = 0;
    for (let got = 1; got > 0 && n < INLINE_MAX; n += got) got = readSync(fd, INLINE_BUF, n, INLINE_MAX - n, n);
    // grew while being read: the streaming workers take it
    if (n === INLINE_MAX && readSync(fd, Buffer.alloc(1), 0, 1, n) > 0) return undefined;
    return { digest: createHash('sha256').update(INLINE_BUF.subarray(0, n)).digest('hex'), bytes: n };
  } finally {
    closeSync(fd);
  }
}

// The worker is plain JavaScript passed as source, so it runs the same from src/ (tests) and dist/.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(4 << 20);
parentPort.on('message', ({ id, path }) => {
  let fd;
  try {
    fd = openSync(path, 'r');
    const h = createHash('sha256');
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      h.update(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
    }
    parentPort.postMessage({ id, digest: h.digest('hex'), bytes: total });
  } catch (e) {
    parentPort.postMessage({ id, error: (e && e.code) ? e.code + ': ' + e.message : String(e) });
  } finally {
    if (fd !== undefined) try { closeSync(fd); } catch {}
  }
});
`;

interface Slot {
  worker: Worker;
  busy: boolean;
  /** the job it is working on */
  job?: number;
}

interface Pending {
  resolve(v: { digest: string; bytes: number }): void;
  reject(e: Error): void;
}

export class HashPool {
  readonly #size: number;
  readonly #workers: Slot[] = [];
  readonly #queue: { id: number; path: string }[] = [];
  readonly #pending = new Map<number, Pending>();
  readonly #cache = new Map<string, Promise<string>>();
  #nextId = 1;
  bytesHashed = 0;
  onBytes?: (n: number) => void;

  constructor(size = Math.max(1, Math.min(availableParallelism(), 8))) {
    this.#size = size;
  }

  /** hex SHA-256 of the file at an absolute path, computed once */
  sha256(path: string): Promise<string> {
    let p = this.#cache.get(path);
    if (!p) {
      p = this.#submit(path).then(({ digest, bytes }) => {
        this.bytesHashed += bytes;
        this.onBytes?.(bytes);
        return digest;
      });
      this.#cache.set(path, p);
    }
    return p;
  }

  #submit(path: string): Promise<{ digest: string; bytes: number }> {
    try {
      const small = hashSmall(path);
      if (small) return Promise.resolve(small);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return Promise.reject(new Error(err?.code ? `${err.code}: ${err.message}` : String(e)));
    }
    const id = this.#nextId++;
    const result = new Promise<{ digest: string; bytes: number }>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.#queue.push({ id, path });
    this.#pump();
    return result;
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      let slot = this.#workers.find((w) => !w.busy);
      if (!slot && this.#workers.length < this.#size) slot = this.#spawn();
      if (!slot) return;
      const job = this.#queue.shift()!;
      slot.busy = true;
      slot.job = job.id;
      slot.worker.postMessage(job);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot: Slot = { worker, busy: false };
    worker.on('message', (m: { id: number; digest?: string; bytes?: number; error?: string }) => {
      slot.busy = false;
      const p = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (p) {
        if (m.error !== undefined || m.digest === undefined) p.reject(new Error(m.error ?? 'hashing failed'));
        else p.resolve({ digest: m.digest, bytes: m.bytes ?? 0 });
      }
      this.#pump();
    });
    // a worker that dies fails only the file it was hashing; the others go to a new worker
    worker.on('error', (e) => {
      const i = this.#workers.indexOf(slot);
      if (i >= 0) this.#workers.splice(i, 1);
      if (slot.job !== undefined) {
        this.#pending.get(slot.job)?.reject(e);
        this.#pending.delete(slot.job);
      }
      this.#pump();
    });
    this.#workers.push(slot);
    return slot;
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
    this.#workers.length = 0;
  }
}
