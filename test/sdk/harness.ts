// Runs detectors over a fixture folder the way the pipeline does (wants -> detect -> finish) and reduces the
// results by key (partials folded into their full assets), without the real walker or reducer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { memoryFile } from '../../src/detect/memory-file.js';
import type { DetectContext, Detector } from '../../src/detect/types.js';
import type { Asset, Finding, ScanWarning } from '../../src/inventory/types.js';

/** every file below a folder, depth first, names sorted */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

export interface RunResult {
  assets: Asset[];
  findings: Finding[];
  warnings: ScanWarning[];
  reduced: Map<string, Asset>;
  orphans: Asset[];
}

export function context(allDependencies = false): DetectContext {
  return { signal: new AbortController().signal, options: { allDependencies } };
}

export async function runOver(root: string, detectors: Detector[], ctx = context()): Promise<RunResult> {
  const files = listFiles(root).filter((f) => !f.endsWith('EXPECTED.json'));
  const rel = (f: string): string => relative(root, f).split('\\').join('/');
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const d = rel(f).includes('/') ? rel(f).slice(0, rel(f).lastIndexOf('/')) : '';
    byDir.set(d, [...(byDir.get(d) ?? []), f]);
  }
  const assets: Asset[] = [];
  const findings: Finding[] = [];
  const warnings: ScanWarning[] = [];
  for (const f of files) {
    const path = rel(f);
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const siblings: Record<string, Buffer> = {};
    for (const s of byDir.get(dir) ?? []) if (s !== f) siblings[s.slice(s.lastIndexOf('/') + 1)] = readFileSync(s);
    const file = memoryFile(path, readFileSync(f), { siblings });
    for (const d of detectors) {
      if (!d.wants(file)) continue;
      const r = await d.detect(file, ctx);
      assets.push(...(r.assets ?? []));
      findings.push(...(r.findings ?? []));
      warnings.push(...(r.warnings ?? []));
    }
  }
  for (const d of detectors) {
    if (!d.finish) continue;
    const r = d.finish({ assets: [...assets], findings: [...findings] });
    assets.push(...(r.assets ?? []));
    findings.push(...(r.findings ?? []));
    warnings.push(...(r.warnings ?? []));
  }
  const reduced = new Map<string, Asset>();
  for (const a of assets) {
    if (a.partial) continue;
    const prev = reduced.get(a.key);
    if (prev) prev.locations.push(...a.locations);
    else reduced.set(a.key, { ...a, locations: [...a.locations] });
  }
  const orphans: Asset[] = [];
  for (const a of assets) {
    if (!a.partial) continue;
    const full = reduced.get(a.key);
    if (full) full.locations.push(...a.locations);
    else orphans.push(a);
  }
  return { assets, findings, warnings, reduced, orphans };
}
