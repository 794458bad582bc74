// Detector: Hugging Face models that need trust_remote_code. config.json / tokenizer_config.json
// `auto_map` names classes in the repo's own .py files, or (`org/repo--module.Class`) in ANOTHER
// repository; and .py files shipped next to model files run when such a model is loaded.
import type { Detector, DetectResult, ScanFile } from '../../src/detect/types.js';
import { makeFinding } from './rules.js';

export const REMOTE_CODE_DETECTOR_ID = 'serialization/remote-code';

export interface AutoMapEntry {
  auto: string;
  ref: string;
  /** the repository the code comes from, for `repo--module.Class` refs */
  otherRepo?: string;
}

/** auto_map entries of a config JSON; values are "module.Class", "org/repo--module.Class", or [slow, fast] lists */
export function autoMapEntries(json: string): AutoMapEntry[] {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return [];
  }
  if (typeof v !== 'object' || v === null) return [];
  const map = (v as Record<string, unknown>).auto_map;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return [];
  const out: AutoMapEntry[] = [];
  for (const [auto, val] of Object.entries(map as Record<string, unknown>)) {
    for (const ref of Array.isArray(val) ? val : [val]) {
      if (typeof ref !== 'string' || ref.length === 0) continue;
      const sep = ref.indexOf('--');
      out.push(sep > 0 ? { auto, ref, otherRepo: ref.slice(0, sep) } : { auto, ref });
    }
  }
  return out.sort((a, b) => `${a.auto} ${a.ref}`.localeCompare(`${b.auto} ${b.ref}`));
}

const CONFIG_NAMES = new Set(['config.json', 'tokenizer_config.json', 'processor_config.json', 'preprocessor_config.json', 'feature_extractor_config.json', 'image_processor_config.json']);
const MODEL_FILE_RE = /\.(safetensors|bin|pt|pth|ckpt|gguf|onnx|h5|keras|msgpack|pkl)$/i;

const modelFolders = new WeakMap<readonly string[], boolean>();

function isModelFolder(names: readonly string[]): boolean {
  let known = modelFolders.get(names);
  if (known === undefined) modelFolders.set(names, (known = modelFolderTest(names)));
  return known;
}

function modelFolderTest(names: readonly string[]): boolean {
  return names.includes('config.json') && names.some((n) => MODEL_FILE_RE.test(n) || n === 'model.safetensors.index.json' || n === 'pytorch_model.bin.index.json');
}

export const remoteCodeDetector: Detector = {
  id: REMOTE_CODE_DETECTOR_ID,
  group: 'serialization',
  description: 'Hugging Face auto_map (trust_remote_code, cross-repository code) and Python files shipped in model folders',
  wants: (f) => CONFIG_NAMES.has(f.name) || f.ext === '.py',
  names: [...CONFIG_NAMES],
  extensions: ['.py'],
  // a .py file counts only in a model folder (the walk's listing is what siblings() returns); a config
  // only when it says auto_map
  rejects: (file, content, listing) => (file.ext === '.py' ? listing !== undefined && !isModelFolder(listing) : !content.includes('auto_map')),
  // bulk: every .py file is wanted; outside a model folder each is rejected whatever its content
  bulk: { exts: ['.py'], gate: (_ext, listing) => (listing !== undefined && !isModelFolder(listing) ? 0 : undefined) },
  async detect(file: ScanFile): Promise<DetectResult> {
    if (file.ext === '.py') {
      const names = await file.siblings();
      if (!isModelFolder(names)) return {};
      return { findings: [makeFinding(REMOTE_CODE_DETECTOR_ID, file, 'AIBOM-MODEL-PYTHON-FILE', `${file.path}: Python file next to model files; it runs when the model is loaded with trust_remote_code or a custom loader`)] };
    }
    const text = await file.text(4 << 20);
    if (text === undefined || !text.includes('auto_map')) return {};
    const entries = autoMapEntries(text);
    if (entries.length === 0) return {};
    const findings = [];
    const cross = entries.filter((e) => e.otherRepo !== undefined);
    const local = entries.filter((e) => e.otherRepo === undefined);
    if (cross.length > 0) {
      findings.push(
        makeFinding(REMOTE_CODE_DETECTOR_ID, file, 'AIBOM-REMOTE-CODE-CROSS-REPO', `${file.path}: auto_map loads code from other repositories: ${cross.map((e) => `${e.auto} -> ${e.ref}`).join(', ')}`, {
          properties: { 'aibom:remote-code:repos': [...new Set(cross.map((e) => e.otherRepo ?? ''))].join(',') },
        }),
      );
    }
    if (local.length > 0) findings.push(makeFinding(REMOTE_CODE_DETECTOR_ID, file, 'AIBOM-REMOTE-CODE-AUTOMAP', `${file.path}: auto_map needs trust_remote_code: ${local.map((e) => `${e.auto} -> ${e.ref}`).join(', ')}`));
    return { findings };
  },
};
