// Model file detectors: one per extension family (ids from detectors/models/extensions.yaml), all
// sharing the content router, so a .pt that holds safetensors is reported as safetensors and a
// .pt that is a PNG is not reported as a model.
import type { DetectContext, DetectResult, Detector, FileRef, ScanFile } from '../../src/detect/types.js';
import { errorText } from '../../src/parsers/magic-reader.js';
import { emptyFacts, toAsset } from './asset.js';
import { modelTables, type ModelRule } from './rules.js';
import { modelFacts } from './route.js';
import { signedFolderDetector } from './signed-folder.js';

export function ruleWants(rule: ModelRule, file: Pick<FileRef, 'name' | 'ext'>): boolean {
  return rule.strong.includes(file.ext) || rule.weak.includes(file.ext) || rule.names.includes(file.name);
}

function makeDetector(rule: ModelRule): Detector {
  return {
    id: rule.id,
    group: 'model',
    description: rule.description,
    scansDependencies: true,
    wants: (file: FileRef) => ruleWants(rule, file),
    extensions: [...rule.strong, ...rule.weak],
    names: [...rule.names],
    async detect(file: ScanFile, ctx: DetectContext): Promise<DetectResult> {
      if (ctx.signal.aborted) return {};
      const strong = rule.strong.includes(file.ext) || rule.names.includes(file.name);
      try {
        const facts = await modelFacts(file, strong);
        return facts ? { assets: [toAsset(file, facts, rule.id)] } : {};
      } catch (e) {
        // parsers report bad input as warnings; this catches I/O errors (vanished, unreadable)
        const f = emptyFacts('unknown');
        f.warnings.push(`unreadable: ${errorText(e)}`);
        return { assets: [toAsset(file, f, rule.id)] };
      }
    },
  };
}

export const modelDetectors: Detector[] = [...modelTables().rules.map(makeDetector), signedFolderDetector];
