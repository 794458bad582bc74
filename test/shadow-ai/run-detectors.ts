// Test helper: runs the shadow-AI detectors over every file of a fixture folder, as the pipeline
// would (wants() first, dependency folders skipped), and merges the results per asset key.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { shadowAiDetectors } from '../../detectors/shadow-ai/index.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import { listFiles } from '../sdk/harness.js';
import type { DetectContext } from '../../src/detect/types.js';
import type { Asset, Finding, ScanWarning } from '../../src/inventory/types.js';

export const ctx: DetectContext = { signal: new AbortController().signal, options: { allDependencies: false } };

export interface RunResult {
  assets: Asset[];
  findings: Finding[];
  warnings: ScanWarning[];
}

export async function runOnFolder(root: string, skip: (rel: string) => boolean = () => false): Promise<RunResult> {
  const assets: Asset[] = [];
  const findings: Finding[] = [];
  const warnings: ScanWarning[] = [];
  for (const abs of listFiles(root)) {
    const rel = relative(root, abs).split(sep).join('/');
    if (skip(rel)) continue;
    const file = memoryFile(rel, readFileSync(abs));
    for (const d of shadowAiDetectors) {
      if (!d.wants(file)) continue;
      const r = await d.detect(file, ctx);
      assets.push(...(r.assets ?? []));
      findings.push(...(r.findings ?? []));
      warnings.push(...(r.warnings ?? []));
    }
  }
  return { assets, findings, warnings };
}
