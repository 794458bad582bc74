// The scan pipeline: options -> walk -> select -> detect -> reduce -> enrich -> inventory.
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Asset, Inventory, ScanWarning } from './inventory/types.js';
import type { Detector, FileRef } from './detect/types.js';
import { runDetectors } from './detect/runner.js';
import { allDetectors, selectDetectors } from './detect/registry.js';
import { HashPool } from './enrich/hash-pool.js';
import { finalize, mergeByKey, mergeIdenticalContent, nestArchiveMembers, keyPath } from './inventory/reduce.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './walk/archive-policy.js';
import { RuntimeError } from './util/errors.js';
import type { Trust } from './provenance/types.js';

export interface ScanOptions {
  /** folder, single file or archive; default "." */
  path?: string;
  gitignore?: boolean;
  exclude?: string[];
  /** detector ids or groups; default all */
  detectors?: string[];
  /** list non-AI dependencies too */
  allDependencies?: boolean;
  /** extra files outside the root (e.g. user-level agent configs); display path is given */
  extraFiles?: { abs: string; display: string }[];
  archiveLimits?: Partial<ArchiveLimits>;
  signal?: AbortSignal;
  onProgress?(p: { files: number; bytesHashed: number }): void;
  /** inject detectors (tests, plugins); default: all built-in */
  detectorSet?: readonly Detector[];
  /** enrichment steps after reduce (advisories, licenses, provenance); run in order */
  enrichers?: Enricher[];
  /** how model signatures are trusted; without it a signature is only "present-unverified" */
  trust?: Trust;
  /** match components against the local advisory database (default true) */
  advisories?: boolean;
  /** the advisory database file (default $AIBOM_DB, else the user cache) */
  dbPath?: string;
  /** the clock, for reproducible output and tests */
  now?: Date;
}

export type Enricher = (inv: Inventory, ctx: EnrichContext) => Promise<void>;

export interface EnrichContext {
  /** SHA-256 of a file by display path, reusing the scan's hash (never hashed twice) */
  digestOf(path: string): Promise<string | undefined>;
  root: string;
}

export async function scanInventory(opts: ScanOptions = {}): Promise<Inventory> {
  const started = Date.now();
  const root = resolve(opts.path ?? '.');
  let rootIsFile: boolean;
  try {
    rootIsFile = (await stat(root)).isFile();
  } catch {
    throw new RuntimeError(`cannot scan ${opts.path ?? '.'}: no such file or folder. Give a folder, a file or an archive to scan.`, 'E_NOT_FOUND');
  }
  const hashes = new HashPool();
  const controller = new AbortController();
  const signal = opts.signal ?? controller.signal;
  const detectors = selectDetectors(opts.detectorSet ?? allDetectors(), opts.detectors);
  let filesSeen = 0;
  hashes.onBytes = () => opts.onProgress?.({ files: filesSeen, bytesHashed: hashes.bytesHashed });
  try {
    const run = await runDetectors({
      walk: { root, gitignore: opts.gitignore !== false, excludes: opts.exclude ?? [], signal },
      detectors,
      ctx: { signal, options: { allDependencies: opts.allDependencies === true } },
      hashes,
      archiveLimits: { ...DEFAULT_ARCHIVE_LIMITS, ...opts.archiveLimits },
      extraFiles: await extraRefs(opts.extraFiles ?? []),
      onProgress: (files) => {
        filesSeen = files;
        opts.onProgress?.({ files, bytesHashed: hashes.bytesHashed });
      },
    });
    const debug = process.env.AIBOM_SCAN_DEBUG ? (what: string) => process.stderr.write(`aibom: ${what} at ${performance.now().toFixed(0)} ms\n`) : undefined;
    const byKey = mergeByKey(run.assets);
    const digestOf = async (path: string): Promise<string | undefined> => {
      const known = run.digestOf.get(path);
      if (known) return known();
      if (path.includes('!/')) return undefined;
      return hashes.sha256(rootIsFile ? root : join(root, path));
    };
    nestArchiveMembers(byKey, run.findings);
    debug?.('records merged');
    await hashAssets(byKey, digestOf, run.warnings);
    debug?.('files hashed');
    const alias = mergeIdenticalContent(byKey);
    const { assets, findings } = finalize(byKey, run.findings, alias);
    const inv: Inventory = {
      root,
      rootName: basename(root),
      assets,
      findings,
      warnings: sortWarnings(run.warnings),
      stats: {
        filesWalked: run.filesWalked,
        filesInspected: run.filesInspected,
        bytesHashed: hashes.bytesHashed,
        archivesOpened: run.archivesOpened,
        durationMs: 0,
      },
    };
    for (const enrich of opts.enrichers ?? []) await enrich(inv, { digestOf, root });
    debug?.('inventory reduced and enriched');
    inv.stats.bytesHashed = hashes.bytesHashed;
    inv.stats.durationMs = Date.now() - started;
    return inv;
  } finally {
    await hashes.close();
  }
}

/** every present model, dataset and archive file gets its SHA-256, from the shared cache */
async function hashAssets(byKey: Map<string, Asset>, digestOf: (p: string) => Promise<string | undefined>, warnings: ScanWarning[]): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const a of byKey.values()) {
    if (a.hashes?.sha256) continue;
    const path = keyPath(a.key);
    if (!path || !a.key.startsWith('file:')) continue;
    const wanted = a.kind === 'model' || a.kind === 'dataset' ? a.present : a.kind === 'file';
    if (!wanted) continue;
    jobs.push(
      digestOf(path).then(
        (d) => {
          if (d) a.hashes = { ...(a.hashes ?? {}), sha256: d };
        },
        (e: Error) => {
          (a.warnings ??= []).push(`cannot hash: ${e.message}`);
          warnings.push({ path, message: `cannot hash: ${e.message}` });
        },
      ),
    );
  }
  await Promise.all(jobs);
}

async function extraRefs(files: { abs: string; display: string }[]): Promise<{ abs: string; ref: FileRef }[]> {
  const out: { abs: string; ref: FileRef }[] = [];
  for (const f of files) {
    try {
      const st = await stat(f.abs);
      if (!st.isFile()) continue;
      const name = basename(f.abs);
      const dot = name.lastIndexOf('.');
      out.push({ abs: f.abs, ref: { path: f.display, name, ext: dot > 0 ? name.slice(dot).toLowerCase() : '', size: st.size } });
    } catch {
      /* absent: nothing to scan */
    }
  }
  return out;
}

function sortWarnings(ws: ScanWarning[]): ScanWarning[] {
  const seen = new Set<string>();
  return ws
    .filter((w) => {
      const k = `${w.path ?? ''}\u0000${w.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => ((a.path ?? '') < (b.path ?? '') ? -1 : (a.path ?? '') > (b.path ?? '') ? 1 : a.message < b.message ? -1 : 1));
}
