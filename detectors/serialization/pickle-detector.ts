// Detector: code-execution payloads in pickle-based model files (pickle, dill, joblib, PyTorch,
// TorchScript, NumPy). The file type is decided by magic bytes; the extension only selects candidates.
import type { Detector, DetectResult, ScanFile } from '../../src/detect/types.js';
import type { Finding } from '../../src/inventory/types.js';
import { describeImport, type ClassifiedImport } from '../../src/parsers/pickle/index.js';
import { makeFinding, verdictAsset } from './rules.js';
import { scanSerialized, type ContainerScan } from './pickle-scan.js';

export const PICKLE_DETECTOR_ID = 'serialization/pickle';

/** candidate extensions; the content decides */
export const PICKLE_EXTENSIONS = new Set([
  '.pkl', '.pickle', '.pt', '.pth', '.pt2', '.bin', '.ckpt', '.mar', '.joblib', '.dill', '.dat', '.data',
  '.npy', '.npz', '.zip', '.7z', '.model', '.sav', '.pkl3', '.p',
  // joblib picks its compression from these (model.pkl.xz); only streams that decompress to a pickle count
  '.z', '.gz', '.bz2', '.xz', '.lzma',
]);

const MAX_LISTED = 20;

function listImports(label: string, list: { member?: string; imp: ClassifiedImport }[]): string {
  const names = [...new Set(list.map((x) => (x.member ? `${describeImport(x.imp)} [${x.member}]` : describeImport(x.imp))))];
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return `${label}: ${shown}${names.length > MAX_LISTED ? ` (+${names.length - MAX_LISTED} more)` : ''}`;
}

export function findingsFor(file: ScanFile, scan: ContainerScan): Finding[] {
  const out: Finding[] = [];
  const dangerous = scan.parts.flatMap((p) => p.result.dangerous.map((imp) => ({ member: p.member, imp })));
  const suspicious = scan.parts.flatMap((p) => p.result.suspicious.map((imp) => ({ member: p.member, imp })));
  if (dangerous.length > 0) {
    out.push(
      makeFinding(PICKLE_DETECTOR_ID, file, 'AIBOM-PICKLE-DANGEROUS-GLOBAL', `${file.path}: ${listImports('imports that can run code', dangerous)}`, {
        properties: { 'aibom:pickle:globals': [...new Set(dangerous.map((d) => `${d.imp.module}.${d.imp.name}`))].join(',') },
      }),
    );
  }
  if (suspicious.length > 0) {
    out.push(makeFinding(PICKLE_DETECTOR_ID, file, 'AIBOM-PICKLE-SUSPICIOUS-GLOBAL', `${file.path}: ${listImports('imports outside the safe list', suspicious)}`));
  }
  const errors = [...scan.errors, ...scan.parts.filter((p) => p.result.error).map((p) => `${p.member ? `member ${p.member}: ` : ''}${p.result.error?.message ?? ''}`)];
  if (errors.length > 0) {
    out.push(makeFinding(PICKLE_DETECTOR_ID, file, 'AIBOM-PICKLE-SCAN-ERROR', `${file.path}: ${errors.slice(0, 5).join('; ')}${errors.length > 5 ? ` (+${errors.length - 5} more)` : ''}`));
  }
  for (const op of scan.customOps) {
    out.push(
      makeFinding(PICKLE_DETECTOR_ID, file, 'AIBOM-TORCHSCRIPT-CUSTOM-OP', `${file.path}!/${op.member} line ${op.line}: torch.ops.${op.op}`, {
        properties: { 'aibom:torchscript:op': op.op, 'aibom:member': op.member },
      }),
    );
  }
  return out;
}

export const pickleDetector: Detector = {
  id: PICKLE_DETECTOR_ID,
  group: 'serialization',
  description: 'Static pickle opcode analysis of pickle, PyTorch, TorchScript, joblib and NumPy files: dangerous imports, never unpickled',
  scansDependencies: true,
  wants: (file) => PICKLE_EXTENSIONS.has(file.ext) && file.size > 0,
  extensions: [...PICKLE_EXTENSIONS],
  async detect(file: ScanFile): Promise<DetectResult> {
    const scan = await scanSerialized(file);
    if (!scan.analysed) return {};
    // serialization mechanism (policy `forbid-formats: [pickle]` matches torch / joblib / numpy-object pickles too)
    const props: Record<string, string | string[]> = { 'aibom:serialization:format': scan.parts.length > 0 ? 'pickle' : scan.format, 'aibom:serialization:container': scan.format };
    const pickles = scan.parts.reduce((n, p) => n + p.result.pickles, 0);
    if (scan.parts.length > 0) props['aibom:serialization:pickles'] = String(pickles);
    const protocols = [...new Set(scan.parts.flatMap((p) => p.result.protocols))].sort();
    if (protocols.length > 0) props['aibom:serialization:pickle-protocols'] = protocols.map(String);
    return {
      assets: [verdictAsset(PICKLE_DETECTOR_ID, file, scan.format, scan.verdict, props, scan.warnings.map((w) => `${file.path}: ${w}`))],
      findings: findingsFor(file, scan),
    };
  },
};
