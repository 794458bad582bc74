// Runs the detectors that want one file and collects what they report into that file's result.
// Shared by the runner (main thread) and the scan workers, so both paths produce the same records.
import type { Asset, Finding, ScanWarning } from '../inventory/types.js';
import type { DetectContext, Detector, ScanFile } from './types.js';

/** everything the detectors reported for one walked file (and, for an archive, its members) */
export interface FileResult {
  assets: Asset[];
  findings: Finding[];
  warnings: ScanWarning[];
  /** files a detector looked at (the file itself and archive members) */
  inspected: number;
}

export function emptyResult(): FileResult {
  return { assets: [], findings: [], warnings: [], inspected: 0 };
}

export async function inspectFile(file: ScanFile, wanting: readonly Detector[], ctx: DetectContext, out: FileResult, note?: string): Promise<void> {
  out.inspected++;
  const before = out.assets.length;
  for (const d of wanting) {
    if (ctx.signal.aborted) return;
    try {
      const r = await d.detect(file, ctx);
      for (const a of r.assets ?? []) out.assets.push({ ...a, detectors: [...(a.detectors ?? []), d.id] });
      for (const f of r.findings ?? []) out.findings.push({ ...f, detector: f.detector ?? d.id });
      for (const w of r.warnings ?? []) out.warnings.push(w);
    } catch (e) {
      out.warnings.push({ path: file.path, message: `detector ${d.id} failed: ${(e as Error).message}` });
    }
  }
  const added = out.assets.slice(before);
  if (note) for (const a of added) (a.warnings ??= []).push(note);
  const owner = file.dependency?.owner;
  if (owner) for (const a of added) if (!a.properties?.['aibom:dependency:owner']) a.properties = { ...a.properties, 'aibom:dependency:owner': owner };
}
