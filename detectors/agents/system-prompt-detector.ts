// Detector: system prompts in Python / JavaScript / TypeScript source. Inventories files that set
// a system prompt, flags request data flowing into one, and runs the prompt-text rules (hidden
// Unicode, risky instructions, secrets) over literal system prompts.
import type { Finding, FileAsset } from '../../src/inventory/types.js';
import type { DetectResult, Detector } from '../../src/detect/types.js';
import { languageForExt, withTree, type SourceLang } from '../../src/parsers/source/tree-sitter.js';
import { PREFILTER_PROMPT, prefilterMask, prefilterMaskBytes } from '../shadow-ai/prefilter.js';
import { escapeVisible } from './hidden-unicode.js';
import { instructionFindings } from './instruction-findings.js';
import { findSystemPrompts, systemPromptConfig } from './system-prompt-scan.js';

export const SYSTEM_PROMPT_DETECTOR_ID = 'agent/system-prompt';
const LANGS: ReadonlySet<SourceLang> = new Set(['python', 'javascript', 'typescript', 'tsx']);
const MAX_BYTES = 1 << 20;

export const systemPromptDetector: Detector = {
  id: SYSTEM_PROMPT_DETECTOR_ID,
  group: 'source',
  description: 'System prompts in Python/JS/TS SDK calls: inventory, user input concatenated into them, risky prompt text',
  scansDependencies: false,
  wants(file) {
    const lang = languageForExt(file.ext);
    // no size test here: it would cost a stat per source file; detect() reads at most MAX_BYTES of text
    return lang !== undefined && LANGS.has(lang) && !file.path.endsWith('.d.ts');
  },
  // selection hint: the extensions languageForPath maps to LANGS
  extensions: ['.py', '.pyi', '.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'],
  // detect() stops at the same keyword test on the decoded text
  rejects: (_file, content) => (prefilterMaskBytes(content) & PREFILTER_PROMPT) === 0,
  // bulk: wants() is the extension's language, ".d.ts" files aside
  bulk: { exts: ['.py', '.pyi', '.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'], gate: () => PREFILTER_PROMPT, except: ['.d.ts'] },
  async detect(file): Promise<DetectResult> {
    const lang = languageForExt(file.ext);
    if (!lang || !LANGS.has(lang)) return {};
    const text = await file.text(MAX_BYTES);
    if (text === undefined) return {};
    const cfg = systemPromptConfig();
    // the keywords, any ASCII case (the source detectors' shared keyword pass)
    if ((prefilterMask(text) & PREFILTER_PROMPT) === 0) return {};
    let sites;
    try {
      sites = await withTree(lang, text, (tree) => findSystemPrompts(tree, cfg));
    } catch (e) {
      return { warnings: [{ path: file.path, message: `system prompt scan skipped: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    if (sites.length === 0) return {};
    const subject = `file:${file.path}`;
    const asset: FileAsset = {
      key: subject,
      kind: 'file',
      name: file.path,
      role: 'prompt',
      locations: sites.map((s) => ({ path: file.path, line: s.line })),
      properties: { 'aibom:prompt:source': 'code', 'aibom:prompt:system-lines': sites.map((s) => String(s.line)) },
      detectors: [SYSTEM_PROMPT_DETECTOR_ID],
    };
    const findings: Finding[] = [];
    for (const s of sites) {
      if (s.tainted) {
        findings.push({
          ruleId: cfg.rule.id,
          severity: 'high',
          title: cfg.rule.title,
          message: `the system prompt at line ${s.line} includes ${escapeVisible(s.tainted, 120)}; ${cfg.rule.why}.`,
          location: { path: file.path, line: s.line },
          subject,
          recommendation: cfg.rule.recommendation,
          detector: SYSTEM_PROMPT_DETECTOR_ID,
          category: 'agent',
        });
      }
      if (s.literal) findings.push(...instructionFindings(file.path, s.literal, { what: 'system prompt', firstLine: s.literalLine, detector: SYSTEM_PROMPT_DETECTOR_ID }));
    }
    return { assets: [asset], findings };
  },
};
