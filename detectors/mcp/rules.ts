// The MCP risk rules (detectors/mcp/rules.yml) bound to their check functions.
import type { Severity } from '../../src/inventory/types.js';
import { isObj, loadData, objList, optStr, reqStr, severityOf, strList, type Obj } from '../agents/data.js';
import { autoApprove, autoApproveSetting } from './checks-approve.js';
import { bindAll, broadFs, dockerPrivileged, shellExec, unpinnedImage, unpinnedPackage } from './checks-launch.js';
import { literalSecret, remoteNoAuth, remotePlaintext, urlSecret } from './checks-remote.js';
import type { FileCheck, ServerCheck } from './check-types.js';

const SERVER_CHECKS: Record<string, ServerCheck> = {
  'unpinned-package': unpinnedPackage,
  'unpinned-image': unpinnedImage,
  'docker-privileged': dockerPrivileged,
  'shell-exec': shellExec,
  'broad-fs': broadFs,
  'bind-all': bindAll,
  'remote-plaintext': remotePlaintext,
  'remote-no-auth': remoteNoAuth,
  'url-secret': urlSecret,
  'literal-secret': literalSecret,
  'auto-approve': autoApprove,
};
const FILE_CHECKS: Record<string, FileCheck> = { 'auto-approve-setting': autoApproveSetting };

export interface McpRuleCase {
  path: string;
  config: unknown;
}

export interface McpRule {
  id: string;
  severity: Severity;
  title: string;
  why: string;
  recommendation: string;
  serverChecks: ServerCheck[];
  fileChecks: FileCheck[];
  params: Obj;
  escalate?: { with: string; to: Severity };
  cases: { match: McpRuleCase[]; noMatch: McpRuleCase[] };
}

function severity(v: string | undefined, what: string): Severity {
  return severityOf(v, what);
}

function cases(v: unknown): McpRuleCase[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).map((c) =>
    c.server !== undefined ? { path: '.mcp.json', config: { mcpServers: { case: c.server } } } : { path: optStr(c, 'path') ?? '.mcp.json', config: c.config },
  );
}

let rules: McpRule[] | undefined;

export function mcpRules(): McpRule[] {
  if (rules) return rules;
  const doc = loadData('mcp', 'rules.yml');
  rules = objList(isObj(doc) ? doc.rules : undefined, 'mcp rules.yml rules').map((o) => {
    const id = reqStr(o, 'id', 'mcp rule');
    const checks = strList(o.checks);
    const unknown = checks.filter((c) => !SERVER_CHECKS[c] && !FILE_CHECKS[c]);
    if (checks.length === 0 || unknown.length > 0) throw new Error(`aibom data: mcp rule ${id}: unknown checks ${unknown.join(', ')}`);
    const esc = isObj(o.escalate) ? o.escalate : undefined;
    const c = isObj(o.cases) ? o.cases : {};
    return {
      id,
      severity: severity(optStr(o, 'severity'), id),
      title: reqStr(o, 'title', id),
      why: reqStr(o, 'why', id),
      recommendation: reqStr(o, 'recommendation', id),
      serverChecks: checks.flatMap((n) => (SERVER_CHECKS[n] ? [SERVER_CHECKS[n]] : [])),
      fileChecks: checks.flatMap((n) => (FILE_CHECKS[n] ? [FILE_CHECKS[n]] : [])),
      params: isObj(o.params) ? o.params : {},
      escalate: esc ? { with: reqStr(esc, 'with', id), to: severity(optStr(esc, 'to'), id) } : undefined,
      cases: { match: cases(c.match), noMatch: cases(c['no-match']) },
    };
  });
  return rules;
}
