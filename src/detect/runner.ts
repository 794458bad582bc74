// Runs the selected detectors over one walk. Each file is offered to every detector's cheap `wants`;
// only wanted files are opened. A detector that throws on a file costs that file a warning, never the scan.
import type { Asset, Finding, ScanWarning } from '../inventory/types.js';
import { fsFile, type DirCache } from '../walk/fs-file.js';
import { walk, type WalkOptions } from '../walk/walker.js';
import { expandArchive } from '../walk/archive.js';
import { archiveKindByName, type ArchiveLimits } from '../walk/archive-policy.js';
import type { HashPool } from '../enrich/hash-pool.js';
import type { DetectContext, Detector, FileRef, ScanFile } from './types.js';

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

const CONCURRENCY = 8;

export async function runDetectors(opts: RunOptions): Promise<RunResult> {
  const out: RunResult = { assets: [], findings: [], warnings: [], digestOf: new Map(), filesWalked: 0, filesInspected: 0, archivesOpened: 0 };
  const warn = (w: ScanWarning) => out.warnings.push(w);
  const dirs: DirCache = new Map();
  const selectFor = (ref: FileRef) =>
    opts.detectors.filter((d) => (d.scansDependencies || !ref.dependency) && safeWants(d, ref));

  const inspect = async (file: ScanFile, wanting: Detector[], note?: string): Promise<void> => {
    out.filesInspected++;
    out.digestOf.set(file.path, () => file.sha256());
    const before = out.assets.length;
    for (const d of wanting) {
      if (opts.ctx.signal.aborted) return;
      try {
        const r = await d.detect(file, opts.ctx);
        for (const a of r.assets ?? []) out.assets.push({ ...a, detectors: [...(a.detectors ?? []), d.id] });
        for (const f of r.findings ?? []) out.findings.push({ ...f, detector: f.detector ?? d.id });
        for (const w of r.warnings ?? []) out.warnings.push(w);
      } catch (e) {
        warn({ path: file.path, message: `detector ${d.id} failed: ${(e as Error).message}` });
      }
    }
    const added = out.assets.slice(before);
    if (note) for (const a of added) (a.warnings ??= []).push(note);
    const owner = file.dependency?.owner;
    if (owner) for (const a of added) if (!a.properties?.['aibom:dependency:owner']) a.properties = { ...a.properties, 'aibom:dependency:owner': owner };
  };

  const handle = async (abs: string, ref: FileRef): Promise<void> => {
    const wanting = selectFor(ref);
    const isArchive = archiveKindByName(ref) !== undefined;
    if (wanting.length === 0 && !isArchive) return;
    const file = fsFile(ref, abs, opts.hashes, dirs);
    if (wanting.length > 0) await inspect(file, wanting);
    if (isArchive) {
      out.archivesOpened++;
      out.digestOf.set(file.path, () => file.sha256());
      await expandArchive(file, 1, opts.archiveLimits, {
        wants: (m) => selectFor(m).length > 0,
        member: (m, note) => inspect(m, selectFor(m), note),
        finding: (f) => out.findings.push({ ...f, detector: f.detector ?? 'walk/archive' }),
        warning: warn,
      });
    }
  };

  const inFlight = new Set<Promise<void>>();
  const schedule = async (abs: string, ref: FileRef) => {
    const p = handle(abs, ref).catch((e: Error) => {
      warn({ path: ref.path, message: `cannot scan file: ${e.message}` });
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
  };

  for await (const { abs, ref } of walk({
    ...opts.walk,
    onWarning: warn,
    onFile: () => {
      out.filesWalked++;
      if ((out.filesWalked & 255) === 0) opts.onProgress?.(out.filesWalked);
    },
  })) {
    await schedule(abs, ref);
  }
  for (const extra of opts.extraFiles ?? []) await schedule(extra.abs, extra.ref);
  await Promise.all(inFlight);

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

function safeWants(d: Detector, ref: FileRef): boolean {
  try {
    return d.wants(ref);
  } catch {
    return false;
  }
}
