// Library entry for BOM diffs (used by the CLI command and, for the Action's gate, by the lead's code).
import { toBomView, type BomView } from './bom-view.js';
import { diffBoms } from './diff.js';
import type { BomDiff } from './types.js';

export { diffBoms } from './diff.js';
export { toBomView, type BomView } from './bom-view.js';
export { readBomFile, parseBomText } from './read.js';
export { evaluateGate, parseGateKinds, newCount, GATE_KINDS, type GateKind, type GateResult } from './gate.js';
export { renderDiff, DIFF_FORMATS, type DiffFormat } from './render.js';
export { runDiffCommand, DIFF_HELP } from './command.js';
export type * from './types.js';

/** diff two parsed CycloneDX JSON documents (throws UsageError when one is not a 1.6/1.7 BOM) */
export function diffBomDocuments(oldDoc: unknown, newDoc: unknown): BomDiff {
  const a: BomView = toBomView(oldDoc, 'the old BOM');
  return diffBoms(a, toBomView(newDoc, 'the new BOM'));
}
