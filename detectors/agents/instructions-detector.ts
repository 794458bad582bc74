// Detector: agent instruction files (AGENTS.md, CLAUDE.md, .cursor/rules, copilot-instructions...)
// and prompt files (*.prompt, *.prompty, *.prompt.yml, prompts/) -> file asset and findings.
import type { FileAsset } from '../../src/inventory/types.js';
import type { DetectResult, Detector } from '../../src/detect/types.js';
import { withLazyHints } from '../../src/detect/select.js';
import { INSTRUCTIONS_DETECTOR_ID, instructionFindings } from './instruction-findings.js';
import { instructionFileHints, instructionFileKind } from './instruction-files.js';


const MAX_BYTES = 2 << 20;

// selection hints derived from the globs of instruction-files.yml
export const instructionFilesDetector: Detector = withLazyHints({
  id: INSTRUCTIONS_DETECTOR_ID,
  group: 'agent',
  description: 'Agent instruction and prompt files: inventory, hidden Unicode, risky instructions, secrets',
  scansDependencies: false,
  wants: (file) => instructionFileKind(file.path) !== undefined,
  async detect(file): Promise<DetectResult> {
    const kind = instructionFileKind(file.path);
    if (!kind) return {};
    const asset: FileAsset = {
      key: `file:${file.path}`,
      kind: 'file',
      name: file.path,
      role: kind.role,
      locations: [{ path: file.path }],
      properties: { 'aibom:agent:client': kind.client },
      detectors: [INSTRUCTIONS_DETECTOR_ID],
    };
    const text = await file.text(MAX_BYTES);
    if (text === undefined) {
      asset.warnings = ['binary or larger than 2 MiB: content not inspected'];
      return { assets: [asset], warnings: [{ path: file.path, message: 'instruction/prompt file is binary or too large; not inspected' }] };
    }
    const what = kind.role === 'prompt' ? 'prompt file' : 'agent instruction file';
    return { assets: [asset], findings: instructionFindings(file.path, text, { what }) };
  },
}, instructionFileHints);
