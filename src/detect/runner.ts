// Runs the selected detectors over one walk. Each file is offered to the detectors that may want it
// (select.ts); only wanted files are opened. A detector that throws on a file costs that file a
// warning, never the scan. Large walks are shared with worker threads (parallel.ts) when running
// from compiled JavaScript; each file's result is kept in walk order, so both paths give the same output.
import type { Asset, Finding, ScanWarning } from '../inventory/types.js';
import { fsFile, releasePrefetched, type DirCache } from '../walk/fs-file.js';
import { folderRef, walkFolders, type WalkedFolder, type WalkOptions } from '../walk/walker.js';
import { expandArchive } from '../walk/archive.js';
import { ARCHIVE_ENDINGS, archiveKindByName, type ArchiveLimits } from '../walk/archive-policy.js';
import type { HashPool } from '../enrich/hash-pool.js';
import type { DetectContext, Detector, FileRef } from './types.js';
import { makeSelector, readAheadHints, type ReadAheadHints } from './select.js';
import { contentKeywords } from './content-keywords.js';
import { holdsContent, precheck, settleFolder } from './precheck.js';
import { emptyResult, inspectFile, type FileResult } from './inspect.js';
import { digestByPath, parallelPlan, ParallelDispatch } from './parallel.js';
import { closePrestarted, hasPrestarted } from './worker-pool.js';
import { nativeReaderStatus, pickContent, type ReadAhead } from '../walk/native-read.js';
import { engineStats } from '../parsers/source/engines.js';
import type {} from '../boot/cached-load.js'; // globalThis.__aibomCodeCache

export interface RunOptions {
  walk: Omit<WalkOptions, 'onWarning'>;
  detectors: readonly Detector[];
  ctx: DetectContext;
  hashes: HashPool;
  archiveLimits: ArchiveLimits;
  /** extra single files to scan (e.g. user-level agent configs with --include-home), with their display paths */
  extraFiles?: { abs: string; ref: FileRef }[];
  onProgress?(files: number): void;
}

export interface RunResult {
  assets: Asset[];
  findings: Finding[];
  warnings: ScanWarning[];
  /** SHA-256 of every file a detector looked at, by display path, computed on demand and once */
  digestOf: Map<string, () => Promise<string>>;
  filesWalked: number;
  filesInspected: number;
  archivesOpened: number;
}

/** files in detection at once on this thread: those that may open files or streams (models, archives...), and
 *  small files whose content the pre-check holds (only memory: bounded by count and bytes; high limits keep the
 *  walk going while the first source files wait for their tree-sitter grammar to compile) */
const CONCURRENCY = 8;
const HELD_FILES = 4096;
const HELD_BYTES = 32 << 20;

/** What the walk reads ahead for these detectors: what they may want (in installed-dependency folders, what the
 *  few that scan them may want), and the keyword automaton, so that the reader finds each file's keyword bits as
 *  it reads it. Two kinds of name endings join the suffixes, so that the reader classes such files as special
 *  (judged by name), never by their extension alone or as "no detector wants it": archives, which the walk opens
 *  whatever the detectors say, and the endings bulk declarations leave out (Detector.bulk.except). */
export function readAheadFor(detectors: readonly Detector[]): ReadAhead {
  const special = [...ARCHIVE_ENDINGS, ...detectors.flatMap((d) => (d.bulk?.except ?? []).map((x) => x.toLowerCase()))];
  const withSpecial = (h: ReadAheadHints): ReadAheadHints => ({ ...h, suffixes: [...new Set([...h.suffixes, ...special])] });
  return {
    files: withSpecial(readAheadHints(detectors)),
    dependencies: withSpecial(readAheadHints(detectors.filter((d) => d.scansDependencies))),
    keywords: contentKeywords()?.automaton(),
  };
}

export async function runDetectors(opts: RunOptions): Promise<RunResult> {
  const out: RunResult = { assets: [], findings: [], warnings: [], digestOf: new Map(), filesWalked: 0, filesInspected: 0, archivesOpened: 0 };
  const warn = (w: ScanWarning) => out.warnings.push(w);
  const dirs: DirCache = new Map();
  const selectFor = makeSelector(opts.detectors);
  /** per walked file, in walk order: what its detectors reported */
  const results = new Map<number, FileResult>();

  const handle = async (abs: string, ref: FileRef, wanting: readonly Detector[], isArchive: boolean, res: FileResult, listing?: readonly string[]): Promise<void> => {
    const file = fsFile(ref, abs, opts.hashes, dirs, listing);
    if (wanting.length > 0) await inspectFile(file, wanting, opts.ctx, res);
    // a file that gave something has its digest recorded here (others are hashed by path when asked)
    if (res.assets.length > 0 || res.findings.length > 0) out.digestOf.set(file.path, digestByPath(opts.hashes, abs));
    if (isArchive) {
      out.archivesOpened++;
      out.digestOf.set(file.path, digestByPath(opts.hashes, abs));
      await expandArchive(file, 1, opts.archiveLimits, {
        wants: (m) => selectFor(m).length > 0,
        member: async (m, note) => {
          // the member's bytes are in memory now: hash them now and keep only the digest, not the buffer
          const digest = await m.sha256();
          out.digestOf.set(m.path, async () => digest);
          return inspectFile(m, selectFor(m), opts.ctx, res, note);
        },
        finding: (f) => res.findings.push({ ...f, detector: f.detector ?? 'walk/archive' }),
        warning: (w) => res.warnings.push(w),
      });
    }
  };

  // files the detectors looked at that reported nothing (their results are not kept)
  let quietInspected = 0;
  /** selection and the content pre-check, synchronously: true when the file needs nothing more */
  const settled = (ref: FileRef, abs: string, listing: readonly string[] | undefined, sel: { wanting: readonly Detector[] }): boolean => {
    const wanting = selectFor(ref);
    if (archiveKindByName(ref) !== undefined) {
      sel.wanting = wanting;
      return false;
    }
    if (wanting.length === 0) {
      releasePrefetched(ref);
      return true;
    }
    sel.wanting = precheck(ref, abs, wanting, listing);
    if (sel.wanting.length > 0) return false;
    quietInspected++;
    return true;
  };
  // files in detection, in two lanes (see CONCURRENCY); most files are settled before any promise exists
  interface Lane {
    inFlight: Set<Promise<void>>;
    waiters: (() => void)[];
    bytes: number;
    full(): boolean;
  }
  const plain: Lane = { inFlight: new Set(), waiters: [], bytes: 0, full: () => plain.inFlight.size >= CONCURRENCY };
  const held: Lane = { inFlight: new Set(), waiters: [], bytes: 0, full: () => held.inFlight.size >= HELD_FILES || held.bytes >= HELD_BYTES };
  const schedule = async (seq: number, abs: string, ref: FileRef, listing?: readonly string[], selected?: readonly Detector[], inMemory = false) => {
    const wanting = selected ?? selectFor(ref);
    const isArchive = archiveKindByName(ref) !== undefined;
    if (wanting.length === 0 && !isArchive) return releasePrefetched(ref);
    const res = emptyResult();
    results.set(seq, res);
    const p = handle(abs, ref, wanting, isArchive, res, listing).then(
      () => {
        if (res.assets.length === 0 && res.warnings.length === 0 && res.findings.length === 0) {
          quietInspected += res.inspected;
          results.delete(seq);
        }
      },
      (e: Error) => {
        res.warnings.push({ path: ref.path, message: `cannot scan file: ${e.message}` });
      },
    );
    const lane = inMemory ? held : plain;
    // the pre-check set the size of a file whose content it holds (no stat); other files count by number only
    const bytes = inMemory ? ref.size : 0;
    lane.bytes += bytes;
    lane.inFlight.add(p);
    void p.finally(() => {
      lane.inFlight.delete(p);
      lane.bytes -= bytes;
      lane.waiters.shift()?.();
    });
    while (lane.full()) await new Promise<void>((r) => lane.waiters.push(r));
  };

  const sel: { wanting: readonly Detector[] } = { wanting: [] };
  /** one file on this thread: settled synchronously when possible, else scheduled (returns the wait) */
  const local = (n: number, abs: string, ref: FileRef, listing?: readonly string[]): Promise<void> | undefined => {
    if (settled(ref, abs, listing, sel)) return undefined;
    return schedule(n, abs, ref, listing, sel.wanting, holdsContent(ref));
  };

  /** a folder's files on this thread (seqs: their walk order numbers, or the first one when they follow each other):
   *  selection and pre-check for all of them (one native read where available), then the files that are left are
   *  scheduled */
  const localFolder = async (folder: WalkedFolder, seqs: readonly number[] | number): Promise<void> => {
    const { unsettled, quiet } = settleFolder(folder, selectFor);
    quietInspected += quiet;
    for (const u of unsettled) await schedule(typeof seqs === 'number' ? seqs + u.i : seqs[u.i], folder.absDir + folder.names[u.i], u.ref, folder.listing, u.wanting, holdsContent(u.ref));
  };

  const started = performance.now();
  const plan = parallelPlan(opts.detectors);
  // the bulk path trusts the reader's classes only when they come from these detectors' own hints (readAheadFor())
  const ownReadAhead = opts.walk.readAhead === undefined;
  let parallel: ParallelDispatch | undefined;
  let seq = 0;
  try {
    for await (const folder of walkFolders({
      ...opts.walk,
      // the native reader reads ahead only what these detectors may want (installed dependencies: the few that scan them)
      // and finds each file's keyword bits for the pre-check while it reads
      readAhead: opts.walk.readAhead ?? readAheadFor(opts.detectors),
      onWarning: warn,
      onFile: () => {
        out.filesWalked++;
        if ((out.filesWalked & 255) === 0) opts.onProgress?.(out.filesWalked);
      },
    })) {
      if (!ownReadAhead && folder.content) {
        delete folder.content.classes;
        delete folder.content.exts;
      }
      const n0 = seq;
      const count = folder.names.length;
      seq += count;
      // workers the CLI started ahead are used from the first folder (batches go to them once they are ready)
      if (plan && !parallel && (n0 >= plan.after || hasPrestarted())) parallel = new ParallelDispatch(plan, opts, localFolder);
      if (!parallel) {
        await localFolder(folder, n0);
        continue;
      }
      // archives stay on this thread (their members are walked in memory by expandArchive); the rest is shared
      const archives: number[] = [];
      for (let i = 0; i < count; i++) if (archiveKindByName({ name: folder.names[i] }) !== undefined) archives.push(i);
      for (const i of archives) {
        const s = local(n0 + i, folder.absDir + folder.names[i], folderRef(folder, i), folder.listing);
        if (s) await s;
      }
      let shared = folder;
      let seqs = Array.from({ length: count }, (_, i) => n0 + i);
      if (archives.length > 0) {
        const keep = seqs.map((_, i) => i).filter((i) => !archives.includes(i));
        if (keep.length === 0) continue;
        shared = { ...folder, names: keep.map((i) => folder.names[i]), sizes: folder.sizes && keep.map((i) => folder.sizes?.[i]) };
        if (folder.content) shared.content = pickContent(folder.content, keep);
        seqs = keep.map((i) => n0 + i);
      }
      const wait = parallel.add(shared, seqs, results, out.digestOf);
      if (wait) await wait;
    }
    const walked = performance.now();
    for (const extra of opts.extraFiles ?? []) await schedule(seq++, extra.abs, extra.ref);
    if (parallel) {
      await parallel.drain();
      quietInspected += parallel.counts.quiet;
    }
    await Promise.all([...plain.inFlight, ...held.inFlight]);
    if (process.env.AIBOM_SCAN_DEBUG) {
      const c = parallel?.counts;
      process.stderr.write(`aibom: scan workers: ${c ? `${c.workers} files on workers, ${c.local} on the main thread after they started, ready at ${parallel?.workerReadyTimes.join(', ')} ms` : 'not used'}; detection from ${started.toFixed(0)} to ${performance.now().toFixed(0)} ms (walk done at ${walked.toFixed(0)})\n`);
      const caches = `main ${globalThis.__aibomCodeCache?.cache ?? 'none'}${parallel ? `, workers ${parallel.workerCaches.join(' ') || 'none ready'}` : ''}`;
      const parses = await engineStats();
      process.stderr.write(`aibom: files read by ${nativeReaderStatus()}; code cache: ${caches}; parses on this thread: ${parses.quick} quick, ${parses.optimizing} optimising${parses.quickWorks ? '' : ' (quick compiles turned off)'}\n`);
    }
  } finally {
    await parallel?.close();
    // workers the CLI started ahead of a scan too small to use them
    await closePrestarted();
  }

  out.filesInspected += quietInspected;
  for (const k of [...results.keys()].sort((a, b) => a - b)) {
    const r = results.get(k);
    if (!r) continue;
    out.filesInspected += r.inspected;
    for (const a of r.assets) out.assets.push(a);
    for (const f of r.findings) out.findings.push(f);
    for (const w of r.warnings) out.warnings.push(w);
  }

  for (const d of opts.detectors) {
    if (!d.finish) continue;
    try {
      const r = d.finish({ assets: out.assets, findings: out.findings });
      out.assets.push(...(r.assets ?? []));
      out.findings.push(...(r.findings ?? []).map((f) => ({ ...f, detector: f.detector ?? d.id })));
      out.warnings.push(...(r.warnings ?? []));
    } catch (e) {
      warn({ message: `detector ${d.id} failed while correlating results: ${(e as Error).message}` });
    }
  }
  return out;
}
