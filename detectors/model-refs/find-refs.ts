// Finds remote model references in a SourceView: hub-loading calls with a literal repo id,
// huggingface.co URLs, `ollama pull|run`, Modelfile FROM, and trust_remote_code=True.
import type { SourceView } from '../shadow-ai/source-view.js';
import { hfRef, hfRepoId, hfUrlRef, ollamaRef, type ModelRef } from './hf-ref.js';
import { loadRefRules, type RefCall } from './ref-rules.js';

export interface RefSighting {
  ref: ModelRef;
  line: number;
  via: string;
}

export interface TrustSite {
  line: number;
  /** the reference made by the same call, when there is one */
  ref?: ModelRef;
}

/** Top-level arguments of the call whose `(` is at `open`, as [start, end) offsets into code. */
export function splitArgs(view: SourceView, open: number): { args: [number, number][]; end: number } {
  const code = view.code;
  const args: [number, number][] = [];
  let depth = 0;
  let start = open + 1;
  const limit = Math.min(code.length, open + 4000);
  for (let i = open; i < limit; i++) {
    const s = view.inString(i);
    if (s) {
      i = s.end - 1;
      continue;
    }
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        if (code.slice(start, i).trim()) args.push([start, i]);
        return { args, end: i };
      }
    } else if (c === ',' && depth === 1) {
      args.push([start, i]);
      start = i + 1;
    }
  }
  return { args, end: limit };
}

/** The string value of an argument that is exactly one string literal. */
function literalAt(view: SourceView, start: number, end: number): string | undefined {
  const text = view.code.slice(start, end);
  const lead = text.length - text.trimStart().length;
  const s = view.inString(start + lead);
  if (!s || view.code.slice(s.end, end).trim() !== '') return undefined;
  if ((/^[fF]/.test(s.raw) && s.raw.includes('{')) || (s.raw.startsWith('`') && s.raw.includes('${'))) return undefined;
  return s.value;
}

function kwValue(view: SourceView, args: [number, number][], names: string[]): { value?: string; present: boolean } {
  for (const [a, b] of args) {
    const m = /^\s*([A-Za-z_]\w*)\s*[=:]\s*/.exec(view.code.slice(a, b));
    if (m && names.includes(m[1])) return { value: literalAt(view, a + m[0].length, b), present: true };
  }
  return { present: false };
}

function callRef(view: SourceView, call: RefCall, open: number): { ref?: ModelRef; end: number } {
  const { args, end } = splitArgs(view, open);
  const rules = loadRefRules();
  const positional = args.filter(([a, b]) => !/^\s*[A-Za-z_]\w*\s*=(?!=)/.test(view.code.slice(a, b)));
  let raw = kwValue(view, args, call.keywords).value;
  if (raw === undefined && call.positional >= 0 && positional[call.positional]) raw = literalAt(view, ...positional[call.positional]);
  if (raw === undefined) return { end };
  const id = hfRepoId(raw, call.bareNamespace);
  if (!id) return { end };
  // revision: a keyword argument, or a `revision:` key in an options object (transformers.js)
  const argText = view.code.slice(open, end);
  let revision = kwValue(view, args, rules.revisionKeywords).value;
  if (revision === undefined) {
    const m = /\brevision\s*:\s*(["'`])([^"'`]+)\1/.exec(argText);
    if (m) revision = m[2];
  }
  return { ref: hfRef(id, revision), end };
}

export function findRefs(view: SourceView, opts: { modelfile: boolean }): { refs: RefSighting[]; trust: TrustSite[] } {
  const rules = loadRefRules();
  const refs: RefSighting[] = [];
  const trust: TrustSite[] = [];
  const code = view.code;
  const callSpans: { start: number; end: number; ref?: ModelRef }[] = [];
  for (const m of code.matchAll(rules.callRe)) {
    const at = m.index ?? 0;
    if (view.inString(at)) continue;
    const call = rules.calls.find((c) => c.name === m[1]);
    if (!call) continue;
    const open = at + m[0].length - 1;
    const { ref, end } = callRef(view, call, open);
    callSpans.push({ start: at, end, ref });
    if (ref) refs.push({ ref, line: view.lineAt(at), via: call.name });
  }
  for (const s of view.strings) {
    for (const u of s.raw.matchAll(/https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/[^\s"'`<>)\]]+/g)) {
      const ref = hfUrlRef(u[0], rules.hfReserved);
      if (ref) refs.push({ ref, line: view.lineAt(s.start + (u.index ?? 0)), via: 'url' });
    }
    const hub = /^hf[-_]hub:(.+)$/.exec(s.value);
    const id = hub ? hfRepoId(hub[1]) : undefined;
    if (id) refs.push({ ref: hfRef(id), line: s.line, via: 'hf-hub' });
  }
  for (const m of code.matchAll(/\bollama\s+(?:pull|run)\s+([A-Za-z0-9][\w./:-]*)/g)) {
    const ref = ollamaRef(m[1]);
    if (ref) refs.push({ ref, line: view.lineAt(m.index ?? 0), via: 'ollama' });
  }
  if (opts.modelfile) {
    for (const m of code.matchAll(/^[ \t]*FROM[ \t]+(\S+)/gim)) {
      const ref = ollamaRef(m[1]);
      if (ref) refs.push({ ref, line: view.lineAt(m.index ?? 0), via: 'modelfile' });
    }
  }
  for (const m of code.matchAll(/\btrust_remote_code\s*[=:]\s*(?:True|true)\b/g)) {
    const at = m.index ?? 0;
    if (view.inString(at)) continue;
    const span = callSpans.find((c) => c.start <= at && at <= c.end);
    trust.push({ line: view.lineAt(at), ref: span?.ref });
  }
  return { refs, trust };
}
