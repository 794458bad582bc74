// TorchScript code/ members: calls to torch.ops.<namespace>.<op> outside PyTorch's own namespaces
// load native code from an extension library. The allowed namespaces are data (rules.yml).
import { loadRules } from './rules.js';

export interface CustomOp {
  op: string;
  line: number;
}

const OPS_RE = /\btorch\.ops\.([A-Za-z_]\w*)\.([A-Za-z_]\w*)/g;

export function customOps(code: string, allowed: readonly string[] = loadRules().torchAllowedNamespaces): CustomOp[] {
  const out: CustomOp[] = [];
  const seen = new Set<string>();
  const lines = code.split('\n');
  for (let i = 0; i < lines.length && out.length < 100; i++) {
    if (!lines[i].includes('torch.ops.')) continue;
    for (const m of lines[i].matchAll(OPS_RE)) {
      const op = `${m[1]}.${m[2]}`;
      if (allowed.includes(m[1]) || seen.has(op)) continue;
      seen.add(op);
      out.push({ op, line: i + 1 });
    }
  }
  return out;
}
