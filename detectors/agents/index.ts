// The agents-as-code detectors: MCP client configs, agent instruction / prompt files, and system
// prompts in source code. `homeConfigPaths` lists the user-level files for --include-home.
import type { Detector } from '../../src/detect/types.js';
import { mcpConfigDetector } from '../mcp/config-detector.js';
import { instructionFilesDetector } from './instructions-detector.js';
import { systemPromptDetector } from './system-prompt-detector.js';

export { homeConfigPaths } from '../mcp/home-paths.js';
export { mcpConfigDetector, instructionFilesDetector, systemPromptDetector };

export const agentDetectors: Detector[] = [mcpConfigDetector, instructionFilesDetector, systemPromptDetector];
