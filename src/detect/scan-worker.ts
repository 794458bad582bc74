// A scan worker: loads the built-in detectors, receives batches of walked files, selects, reads and
// detects them exactly as the main thread would, and sends back each file's result. Hashes are asked
// of the main thread's pool, so a file is still hashed once per scan.
import { parentPort, workerData } from 'node:worker_threads';
import { allDetectors } from './registry.js';
import { makeSelector } from './select.js';
import { precheck } from './precheck.js';
import { emptyResult, inspectFile, type FileResult } from './inspect.js';
import { fsFile, type DirCache, type FileHasher } from '../walk/fs-file.js';
import { lazySizeRef } from '../walk/walker.js';
import type { DetectContext, Detector, FileRef } from './types.js';
import type { FromWorker, ToWorker, WorkerInit, WorkItem } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('scan-worker must run in a worker thread');
const init = workerData as WorkerInit;
// lets the tests check that a worker that dies costs nothing but time (the runner rescans its files)
if (process.env.AIBOM_SCAN_WORKER_FAIL === '1') throw new Error('scan worker failure (AIBOM_SCAN_WORKER_FAIL)');
const all = allDetectors();
const detectors = init.ids.map((id) => all.find((d) => d.id === id)).filter((d): d is Detector => d !== undefined);
const selectFor = makeSelector(detectors);
const controller = new AbortController();
const ctx: DetectContext = { signal: controller.signal, options: init.options };
const dirs: DirCache = new Map();
const send = (m: FromWorker) => port.postMessage(m);

let nextHash = 1;
const hashWaits = new Map<number, { resolve(d: string): void; reject(e: Error): void }>();
const hasher: FileHasher = {
  sha256(abs: string): Promise<string> {
    const id = nextHash++;
    return new Promise<string>((resolve, reject) => {
      hashWaits.set(id, { resolve, reject });
      send({ type: 'hash', id, abs });
    });
  },
};

async function handle(item: WorkItem, ref: FileRef, wanting: readonly Detector[], listing: readonly string[] | undefined): Promise<FileResult> {
  const out = emptyResult();
  try {
    await inspectFile(fsFile(ref, item.abs, hasher, dirs, listing), wanting, ctx, out);
  } catch (e) {
    out.warnings.push({ path: ref.path, message: `cannot scan file: ${(e as Error).message}` });
  }
  return out;
}

async function runBatch(id: number, items: WorkItem[]): Promise<void> {
  const results: { seq: number; result: FileResult }[] = [];
  let quiet = 0;
  // selection and the content pre-check first, synchronously: most files end there
  const rest: { item: WorkItem; ref: FileRef; wanting: readonly Detector[]; listing: readonly string[] | undefined }[] = [];
  let listing: readonly string[] | undefined;
  for (const item of items) {
    listing = item.listing ?? listing;
    const ref: FileRef = lazySizeRef(item.ref.path, item.ref.name, item.abs);
    if (item.ref.dependency) ref.dependency = item.ref.dependency;
    const selected = selectFor(ref);
    if (selected.length === 0) continue;
    const wanting = precheck(ref, item.abs, selected, listing);
    if (wanting.length === 0) quiet++;
    else rest.push({ item, ref, wanting, listing });
  }
  let next = 0;
  const lane = async () => {
    while (next < rest.length) {
      const r = rest[next++];
      const result = await handle(r.item, r.ref, r.wanting, r.listing);
      if (result.assets.length + result.findings.length + result.warnings.length === 0) quiet += result.inspected;
      else results.push({ seq: r.item.seq, result });
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  send({ type: 'done', id, results, quiet });
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'batch') void runBatch(m.id, m.items);
  else if (m.type === 'hash') {
    const w = hashWaits.get(m.id);
    hashWaits.delete(m.id);
    if (m.digest !== undefined) w?.resolve(m.digest);
    else w?.reject(new Error(m.error ?? 'hash failed'));
  } else if (m.type === 'abort') controller.abort();
});
