// secret/ai-key: hard-coded AI provider keys in code and configuration (not in documentation).
import type { Finding } from '../../src/inventory/types.js';
import type { DetectResult, Detector, ScanFile } from '../../src/detect/types.js';
import { CODE_HINTS, CONFIG_HINTS, isCodeFile, isConfigFile, MAX_TEXT, unionHints } from '../shadow-ai/file-kinds.js';
import { PREFILTER_SECRET, prefilterMaskBytes } from '../shadow-ai/prefilter.js';
import { findKeys } from './find-keys.js';

export const ID = 'secret/ai-key';

export const aiKeyDetector: Detector = {
  id: ID,
  group: 'secret',
  description: 'Hard-coded AI provider API keys (OpenAI, Anthropic, Hugging Face, Groq, Gemini, xAI...); only a redacted form and SHA-256 are kept',
  scansDependencies: false,
  wants: (f) => isCodeFile(f) || isConfigFile(f),
  ...unionHints(CODE_HINTS, CONFIG_HINTS),
  // findKeys() stops at the same keyword test on the decoded text
  rejects: (_file, content) => (prefilterMaskBytes(content) & PREFILTER_SECRET) === 0,
  // bulk: a code extension is wanted whatever the name (configuration files are judged by name: lockfiles, .env)
  bulk: { exts: CODE_HINTS.extensions, gate: () => PREFILTER_SECRET },
  async detect(file: ScanFile): Promise<DetectResult> {
    const text = await file.text(MAX_TEXT);
    if (text === undefined) return {};
    const findings: Finding[] = findKeys(text).map((h) => ({
      ruleId: `AIBOM-SECRET-${h.rule.rule}`,
      severity: h.rule.confidence === 'low' ? 'medium' : 'high',
      title: `Hard-coded ${h.rule.provider} API key`,
      message: `${file.path}:${h.line} contains a ${h.rule.provider} key (${h.rule.keyType}): ${h.redacted}, ${h.length} characters.`,
      location: { path: file.path, line: h.line, column: h.column },
      subject: `file:${file.path}`,
      recommendation: 'Revoke and rotate the key, then load it from the environment or a secret manager; remove it from the history.',
      detector: ID,
      category: 'secret',
      properties: {
        'aibom:secret:provider': h.rule.provider,
        'aibom:secret:rule': h.rule.id,
        'aibom:secret:confidence': h.rule.confidence,
        'aibom:secret:redacted': h.redacted,
        'aibom:secret:sha256': h.sha256,
        'aibom:secret:length': String(h.length),
      },
    }));
    return findings.length ? { findings } : {};
  },
};
