// model-ref/remote: models pulled at run time (Hugging Face Hub, Ollama) become ModelAssets with
// present=false; unpinned references and trust_remote_code=True become findings.
import type { Finding, ModelAsset } from '../../src/inventory/types.js';
import type { DetectResult, Detector, ScanFile } from '../../src/detect/types.js';
import { configScalars } from '../shadow-ai/config-scan.js';
import { CODE_HINTS, isCodeFile, isStructuredConfig, MAX_TEXT, unionHints } from '../shadow-ai/file-kinds.js';
import { notebookCode } from '../shadow-ai/notebook.js';
import { makeView, sourceView, type SourceView } from '../shadow-ai/source-view.js';
import { lexSource } from '../shadow-ai/fallback-lexer.js';
import { findRefs, type RefSighting, type TrustSite } from './find-refs.js';
import { hfRef, hfRepoId, refKey, refPurl } from './hf-ref.js';
import { loadRefRules } from './ref-rules.js';
import { PREFILTER_MODEL_REF, prefilterMask, prefilterMaskBytes } from '../shadow-ai/prefilter.js';

export const ID = 'model-ref/remote';

function isModelfile(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'modelfile' || n.startsWith('modelfile.') || n.endsWith('.modelfile');
}

async function viewFor(file: ScanFile, text: string): Promise<SourceView | undefined> {
  if (file.ext === '.ipynb') {
    const nb = notebookCode(text);
    return nb ? sourceView('cells.py', nb.code, nb.lineMap) : undefined;
  }
  if (isModelfile(file.name)) {
    const { code, strings } = lexSource(text, { line: ['#'], block: [], quotes: ['"""', '"'] });
    return makeView(text, code, strings);
  }
  return sourceView(file.path, text);
}

function configRefs(text: string): RefSighting[] {
  const rules = loadRefRules();
  const out: RefSighting[] = [];
  for (const s of configScalars(text) ?? []) {
    if (s.key === undefined || !rules.configKeys.has(s.key)) continue;
    const id = hfRepoId(s.value);
    if (id && id.includes('/')) out.push({ ref: hfRef(id), line: s.line, via: `config:${s.key}` });
  }
  return out;
}

export function buildRefResult(path: string, refs: RefSighting[], trust: TrustSite[]): DetectResult {
  const assets = new Map<string, ModelAsset>();
  /** the lines each asset already has (a file may reference one model thousands of times) */
  const lines = new Map<string, Set<number>>();
  const findings: Finding[] = [];
  for (const r of refs) {
    const key = refKey(r.ref);
    let a = assets.get(key);
    if (!a) {
      const purl = refPurl(r.ref);
      a = {
        key,
        kind: 'model',
        name: r.ref.id,
        version: r.ref.revision,
        purl,
        format: r.ref.source === 'ollama' ? 'ollama' : 'huggingface',
        present: false,
        locations: [],
        properties: { 'aibom:model:referenced': 'true', 'aibom:model:source': r.ref.source, 'aibom:model:pinned': String(r.ref.pinned) },
        detectors: [ID],
      };
      if (r.ref.source === 'huggingface') a.externalReferences = [{ type: 'distribution', url: `https://huggingface.co/${r.ref.id}` }];
      assets.set(key, a);
    }
    let seen = lines.get(key);
    if (!seen) lines.set(key, (seen = new Set()));
    if (!seen.has(r.line)) {
      seen.add(r.line);
      a.locations.push({ path, line: r.line });
    }
    if (!r.ref.pinned) {
      const what = r.ref.source === 'ollama' ? `tag '${r.ref.revision ?? 'latest'}' moves with each upload` : r.ref.revision ? `revision '${r.ref.revision}' is a branch or tag and can change` : 'no revision is given, so the latest upload is used';
      findings.push({
        ruleId: 'AIBOM-MODEL-UNPINNED',
        severity: 'medium',
        title: `Model ${r.ref.id} is referenced without a pinned revision`,
        message: `${path}:${r.line} loads ${r.ref.source === 'ollama' ? 'Ollama model' : 'Hugging Face model'} ${r.ref.id} (${r.via}); ${what}.`,
        location: { path, line: r.line },
        subject: key,
        recommendation: r.ref.source === 'ollama' ? 'Use an explicit version tag and record the model digest.' : 'Pass revision="<40-hex commit sha>" (an unpinned model is an unpinned dependency).',
        detector: ID,
        category: 'model-reference',
      });
    }
  }
  for (const t of trust) {
    findings.push({
      ruleId: 'AIBOM-TRUST-REMOTE-CODE',
      severity: 'high',
      title: t.ref ? `trust_remote_code=True runs code from ${t.ref.id}` : 'trust_remote_code=True runs code downloaded from the model hub',
      message: `${path}:${t.line} sets trust_remote_code=True: Python files from the model repository are executed when the model loads.`,
      location: { path, line: t.line },
      subject: t.ref ? refKey(t.ref) : `file:${path}`,
      recommendation: 'Remove trust_remote_code or pin the revision to a reviewed commit.',
      detector: ID,
      category: 'model-reference',
    });
  }
  const out: DetectResult = {};
  if (assets.size) out.assets = [...assets.values()].sort((a, b) => a.key.localeCompare(b.key));
  if (findings.length) out.findings = findings;
  return out;
}

export const modelRefDetector: Detector = {
  id: ID,
  group: 'source',
  description: 'Remote model references: from_pretrained, hf_hub_download, snapshot_download, pipeline, SentenceTransformer, HF URLs, Ollama pull/FROM; unpinned revisions and trust_remote_code',
  scansDependencies: false,
  wants: (f) => isCodeFile(f) || isModelfile(f.name) || isStructuredConfig(f),
  ...unionHints(CODE_HINTS, { extensions: ['.modelfile', '.yml', '.yaml', '.json'], names: ['modelfile'], prefixes: ['modelfile.'] }),
  // detect() stops at the same keyword test on the decoded text (Modelfiles are always read)
  rejects: (file, content) => !isModelfile(file.name) && (prefilterMaskBytes(content) & PREFILTER_MODEL_REF) === 0,
  // bulk: a code extension is wanted whatever the name; a Modelfile's name matches the names or prefixes above
  bulk: { exts: CODE_HINTS.extensions, gate: () => PREFILTER_MODEL_REF },
  async detect(file: ScanFile): Promise<DetectResult> {
    const text = await file.text(MAX_TEXT);
    if (text === undefined || (!isModelfile(file.name) && (prefilterMask(text) & PREFILTER_MODEL_REF) === 0)) return {};
    try {
      if (isStructuredConfig(file) && file.ext !== '.ipynb') return buildRefResult(file.path, configRefs(text), []);
      const view = await viewFor(file, text);
      if (!view) return {};
      const { refs, trust } = findRefs(view, { modelfile: isModelfile(file.name) });
      return buildRefResult(file.path, refs, trust);
    } catch (e) {
      return { warnings: [{ path: file.path, message: `${ID}: could not analyse the file: ${e instanceof Error ? e.message : String(e)}` }] };
    }
  },
};
