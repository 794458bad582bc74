// Detector: chat templates that reach Python internals (server-side template injection), in
// tokenizer_config.json / chat_template.json (chat_template), chat_template.jinja and GGUF
// tokenizer.chat_template. Templates are parsed and inspected, never rendered.
import type { Detector, DetectResult, ScanFile } from '../../src/detect/types.js';
import type { Finding } from '../../src/inventory/types.js';
import { inspectTemplate, type TemplateRules } from '../../src/parsers/chat-template/inspect.js';
import { readGguf } from '../../src/parsers/gguf.js';
import { readDataYaml } from '../../src/util/data-file.js';
import { makeFinding, verdictAsset } from './rules.js';

export const TEMPLATE_DETECTOR_ID = 'serialization/chat-template';

export interface TemplateRulesFile extends TemplateRules {
  cases: { match: string[]; noMatch: string[] };
}

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

let cached: TemplateRulesFile | undefined;
export function loadTemplateRules(): TemplateRulesFile {
  if (cached) return cached;
  const raw = readDataYaml('detectors/serialization/template-rules.yml');
  const d = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const cases = (typeof d.cases === 'object' && d.cases !== null ? d.cases : {}) as Record<string, unknown>;
  cached = { attributes: strs(d.attributes), filters: strs(d.filters), globals: strs(d.globals), calls: strs(d.calls), cases: { match: strs(cases.match), noMatch: strs(cases.no_match) } };
  return cached;
}

/** Templates named in a tokenizer_config.json / chat_template.json: a string, or a list of {name, template}. */
export function templatesFromConfig(json: string): Record<string, string> {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof v !== 'object' || v === null) return {};
  const t = (v as Record<string, unknown>).chat_template;
  if (typeof t === 'string') return { default: t };
  const out: Record<string, string> = {};
  if (Array.isArray(t)) {
    for (const e of t) {
      if (typeof e !== 'object' || e === null) continue;
      const { name, template } = e as Record<string, unknown>;
      if (typeof template === 'string') out[typeof name === 'string' ? name : `#${Object.keys(out).length}`] = template;
    }
  }
  return out;
}

/** Findings for a set of named templates of one file. */
export function templateFindings(file: ScanFile, templates: Record<string, string>, rules: TemplateRules = loadTemplateRules()): Finding[] {
  const out: Finding[] = [];
  for (const [name, source] of Object.entries(templates).sort(([a], [b]) => a.localeCompare(b))) {
    const r = inspectTemplate(source, rules);
    const label = name === 'default' ? 'chat template' : `chat template "${name}"`;
    if (r.constructs.length > 0) {
      const list = r.constructs.map((c) => `${c.kind} ${c.detail}`).join(', ');
      out.push(makeFinding(TEMPLATE_DETECTOR_ID, file, 'AIBOM-TEMPLATE-SSTI', `${file.path}: ${label} reaches Python internals: ${list}`, { properties: { 'aibom:template:constructs': list } }));
    }
    if (r.parseError !== undefined) out.push(makeFinding(TEMPLATE_DETECTOR_ID, file, 'AIBOM-TEMPLATE-PARSE-ERROR', `${file.path}: ${label}: ${r.parseError}`));
  }
  return out;
}

const CONFIG_NAMES = new Set(['tokenizer_config.json', 'chat_template.json', 'processor_config.json']);

export const templateDetector: Detector = {
  id: TEMPLATE_DETECTOR_ID,
  group: 'serialization',
  description: 'Chat templates (tokenizer_config.json, chat_template.jinja, GGUF) parsed and checked for template injection; never rendered',
  scansDependencies: true,
  wants: (f) => CONFIG_NAMES.has(f.name) || f.ext === '.jinja' || f.ext === '.gguf',
  names: [...CONFIG_NAMES],
  extensions: ['.jinja', '.gguf'],
  async detect(file: ScanFile): Promise<DetectResult> {
    if (file.ext === '.gguf') {
      const g = await readGguf(file);
      const templates: Record<string, string> = { ...g.chatTemplates };
      if (g.chatTemplate !== undefined) templates.default = g.chatTemplate;
      if (Object.keys(templates).length === 0) return {};
      const findings = templateFindings(file, templates);
      const ssti = findings.some((f) => f.ruleId === 'AIBOM-TEMPLATE-SSTI');
      return { findings, assets: [verdictAsset(TEMPLATE_DETECTOR_ID, file, 'gguf', ssti ? 'dangerous' : 'safe')] };
    }
    const text = await file.text(8 << 20);
    if (text === undefined) return {};
    const templates = file.ext === '.jinja' ? { default: text } : templatesFromConfig(text);
    return { findings: templateFindings(file, templates) };
  },
};
