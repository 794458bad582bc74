// A scan worker: loads the built-in detectors, receives batches of walked files, selects, reads and
// detects them exactly as the main thread would, and sends back each file's result. Hashes are asked
// of the main thread's pool, so a file is still hashed once per scan.
import { parentPort } from 'node:worker_threads';
import { allDetectors } from './registry.js';
import { makeSelector } from './select.js';
import { holdsContent, settleFolder } from './precheck.js';
import { emptyResult, inspectFile, type FileResult } from './inspect.js';
import { fsFile, type DirCache, type FileHasher } from '../walk/fs-file.js';
import type { DetectContext, Detector, FileRef } from './types.js';
import type { FromWorker, ToWorker, WorkerInit, WorkFolder } from './worker-protocol.js';
import { warmUp } from './warm-up.js';
import type {} from '../boot/cached-load.js'; // globalThis.__aibomCodeCache

const port = parentPort;
if (!port) throw new Error('scan-worker must run in a worker thread');
// lets the tests check that a worker that dies costs nothing but time (the runner rescans its files)
if (process.env.AIBOM_SCAN_WORKER_FAIL === '1') throw new Error('scan worker failure (AIBOM_SCAN_WORKER_FAIL)');
const all = allDetectors();
// the detectors and options arrive in an 'init' message (the worker may start before the scan is set up)
let selectFor: ReturnType<typeof makeSelector> = makeSelector(all);
const controller = new AbortController();
let ctx: DetectContext = { signal: controller.signal, options: { allDependencies: false } };
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

async function handle(abs: string, ref: FileRef, wanting: readonly Detector[], listing: readonly string[] | undefined): Promise<FileResult> {
  const out = emptyResult();
  try {
    await inspectFile(fsFile(ref, abs, hasher, dirs, listing), wanting, ctx, out);
  } catch (e) {
    out.warnings.push({ path: ref.path, message: `cannot scan file: ${(e as Error).message}` });
  }
  return out;
}

/** files of this worker's batches that are in detection (read, pre-checked, kept by some detector), and the
 *  bytes of those the pre-check holds in memory: within these limits a batch is acknowledged once read */
let inDetection = 0;
let bytesInDetection = 0;
const MAX_IN_DETECTION = 4096;
const MAX_BYTES_IN_DETECTION = 32 << 20;

async function runBatch(id: number, folders: WorkFolder[]): Promise<void> {
  const results: { seq: number; result: FileResult }[] = [];
  let quiet = 0;
  // selection and the content pre-check first, synchronously: most files end there
  // bytes: the size of a file whose content the pre-check holds (no stat), else 0
  const rest: { seq: number; abs: string; ref: FileRef; wanting: readonly Detector[]; listing: readonly string[] | undefined; bytes: number }[] = [];
  for (const { folder, seqs } of folders) {
    const settled = settleFolder(folder, selectFor);
    quiet += settled.quiet;
    for (const u of settled.unsettled) {
      const bytes = holdsContent(u.ref) ? u.ref.size : 0;
      rest.push({ seq: seqs[u.i], abs: folder.absDir + folder.names[u.i], ref: u.ref, wanting: u.wanting, listing: folder.listing, bytes });
      bytesInDetection += bytes;
    }
  }
  // the batch is read and pre-checked: when few files are still in detection here, the main thread may send
  // the next batch now (files waiting for a tree-sitter grammar to load do not hold up the reading)
  inDetection += rest.length;
  if (inDetection <= MAX_IN_DETECTION && bytesInDetection <= MAX_BYTES_IN_DETECTION) send({ type: 'settled', id });
  let next = 0;
  const lane = async () => {
    while (next < rest.length) {
      const r = rest[next++];
      const result = await handle(r.abs, r.ref, r.wanting, r.listing);
      inDetection--;
      bytesInDetection -= r.bytes;
      if (result.assets.length + result.findings.length + result.warnings.length === 0) quiet += result.inspected;
      else results.push({ seq: r.seq, result });
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  send({ type: 'done', id, results, quiet });
}

function init(w: WorkerInit): void {
  const detectors = w.ids.map((id) => all.find((d) => d.id === id)).filter((d): d is Detector => d !== undefined);
  selectFor = makeSelector(detectors);
  ctx = { signal: controller.signal, options: w.options };
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'init') init(m.init);
  else if (m.type === 'batch') void runBatch(m.id, m.folders);
  else if (m.type === 'hash') {
    const w = hashWaits.get(m.id);
    hashWaits.delete(m.id);
    if (m.digest !== undefined) w?.resolve(m.digest);
    else w?.reject(new Error(m.error ?? 'hash failed'));
  } else if (m.type === 'abort') controller.abort();
  else if (m.type === 'write-cache') {
    globalThis.__aibomCodeCache?.writeCache();
    send({ type: 'cache-written' });
  }
});

// load the rule data and build the keyword automaton now, while the main thread is still starting; batches
// are sent only once the worker says it is ready (until then the main thread scans them itself)
warmUp(all);
send({ type: 'ready', cache: globalThis.__aibomCodeCache?.cache });
