// Auto-approval: per-server lists or flags (alwaysAllow, autoApprove, trust, Codex approval modes)
// and client settings that approve every project server or tool call (enableAllProjectMcpServers,
// chat.tools.autoApprove, Claude Code permissions.allow entries for mcp__ tools).
import { findContainers } from '../../src/parsers/mcp/servers.js';
import { at, type DocNode } from '../../src/parsers/mcp/tree.js';
import { optStr, strList } from '../agents/data.js';
import type { FileCheck, Hit, ServerCheck } from './check-types.js';

function describe(node: DocNode): string | undefined {
  if (node.kind === 'boolean') return node.value ? 'true' : undefined;
  if (node.kind === 'array' && node.items.length > 0) {
    const names = node.items.map((i) => (i.kind === 'string' ? i.value : '?'));
    return `[${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''}]`;
  }
  if (node.kind === 'string' && /^(?:true|always|all|approve|\*)$/i.test(node.value)) return node.value;
  return undefined;
}

/** Values at a dotted key path with `*` wildcards, each with the line of its key. */
function valuesAt(root: DocNode, path: string): { node: DocNode; line: number }[] {
  const parts = path.split('.');
  const last = parts.pop() ?? '';
  const parents = parts.length ? findContainers(root, parts.join('.')) : [root];
  const out: { node: DocNode; line: number }[] = [];
  for (const p of parents) {
    if (p.kind !== 'object') continue;
    const e = p.entries.filter((x) => x.key === last).pop();
    if (e) out.push({ node: e.value, line: e.line });
  }
  return out;
}

export const autoApprove: ServerCheck = ({ server, params }) => {
  const out: Hit[] = [];
  for (const key of strList(params.serverKeys)) {
    for (const { node, line } of valuesAt(server.entry, key)) {
      const what = describe(node);
      if (what) out.push({ line, detail: `${key}: ${what}` });
    }
  }
  return out;
};

export const autoApproveSetting: FileCheck = (root, params) => {
  const out: Hit[] = [];
  if (root.kind !== 'object') return out;
  for (const path of strList(params.settings)) {
    // VS Code writes dotted keys flat ("chat.tools.autoApprove": true); others nest them
    const flat = root.entries.filter((e) => e.key === path).pop();
    const node = flat?.value ?? at(root, path.split('.'));
    const what = node ? describe(node) : undefined;
    if (node && what) out.push({ line: flat?.line ?? node.line, detail: `${path}: ${what}` });
  }
  const prefix = optStr(params, 'allowPrefix');
  for (const path of prefix ? strList(params.allowLists) : []) {
    const list = at(root, path.split('.'));
    if (list?.kind !== 'array') continue;
    const tools = list.items.flatMap((i) => (i.kind === 'string' && i.value.startsWith(prefix ?? '') ? [i.value] : []));
    if (tools.length) out.push({ line: list.line, detail: `${path} pre-approves ${tools.slice(0, 8).join(', ')}${tools.length > 8 ? ', ...' : ''}` });
  }
  return out;
};
