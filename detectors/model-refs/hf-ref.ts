// Hugging Face repo ids, huggingface.co URLs and Ollama model names -> asset keys and purls.
import { PackageURL } from 'packageurl-js';

const SEGMENT = /^[A-Za-z0-9][\w.-]{0,95}$/;
const FILE_EXT = /\.(bin|pt|pth|ckpt|safetensors|gguf|onnx|json|ya?ml|txt|h5|pkl|zip|tar|gz|py|md)$/i;

export interface ModelRef {
  source: 'huggingface' | 'ollama';
  /** org/name (HF) or name:tag (Ollama) */
  id: string;
  revision?: string;
  pinned: boolean;
}

/** A repo id as written in code, when it can be one: org/name, or a bare legacy name with a digit or dash. */
export function hfRepoId(raw: string, bareNamespace?: string): string | undefined {
  let s = raw.trim();
  if (s.startsWith('hf-hub:') || s.startsWith('hf_hub:')) s = s.slice(7);
  if (s === '' || s.includes('..') || s.includes('\\') || /^[./~]/.test(s) || FILE_EXT.test(s)) return undefined;
  const parts = s.split('/');
  if (parts.length === 2 && parts.every((p) => SEGMENT.test(p))) return s;
  if (parts.length === 1 && SEGMENT.test(s) && /[\d-]/.test(s) && /[a-z]/i.test(s)) return bareNamespace ? `${bareNamespace}/${s}` : s;
  return undefined;
}

export function isCommitSha(rev: string | undefined): boolean {
  return rev !== undefined && /^[0-9a-f]{40}$/.test(rev);
}

export function hfRef(id: string, revision?: string): ModelRef {
  return { source: 'huggingface', id, revision, pinned: isCommitSha(revision) };
}

/** https://huggingface.co/org/name[/resolve|blob|tree/<rev>/...] -> ref; docs, datasets, spaces... excluded. */
export function hfUrlRef(url: string, reserved: Set<string>): ModelRef | undefined {
  const m = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/([^/?#\s]+)\/([^/?#\s]+)(?:\/(?:resolve|blob|tree|raw)\/([^/?#\s]+))?/.exec(url);
  if (!m || reserved.has(m[1].toLowerCase())) return undefined;
  const id = hfRepoId(`${m[1]}/${m[2]}`);
  if (!id) return undefined;
  const rev = m[3] ? decodeURIComponent(m[3]) : undefined;
  return hfRef(id, rev);
}

/** `llama3.2`, `qwen2.5:7b`, `library/x:tag`, `hf.co/org/repo:Q4_K_M` as used by ollama pull/run/FROM. */
export function ollamaRef(raw: string): ModelRef | undefined {
  const s = raw.trim();
  const hf = /^(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\/([^/\s:]+\/[^/\s:]+)(?::([\w.-]+))?$/.exec(s);
  if (hf) {
    const id = hfRepoId(hf[1]);
    return id ? hfRef(id) : undefined;
  }
  if (/^[./~]/.test(s) || FILE_EXT.test(s) || s.includes('\\')) return undefined;
  const m = /^([a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)?)(?::([\w.-]+))?$/i.exec(s);
  if (!m) return undefined;
  const tag = m[2] ?? 'latest';
  return { source: 'ollama', id: `${m[1]}:${tag}`, revision: tag, pinned: tag !== 'latest' };
}

export function refKey(r: ModelRef): string {
  if (r.source === 'ollama') return `ollama:${r.id}`;
  return `hfref:${r.id}${r.revision ? `@${r.revision}` : ''}`;
}

export function refPurl(r: ModelRef): string | undefined {
  if (r.source !== 'huggingface') return undefined;
  const slash = r.id.indexOf('/');
  const ns = slash > 0 ? r.id.slice(0, slash) : undefined;
  const name = slash > 0 ? r.id.slice(slash + 1) : r.id;
  return new PackageURL('huggingface', ns, name, r.revision, undefined, undefined).toString();
}
