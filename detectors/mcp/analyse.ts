// One MCP config file: parse it in its client's format, read its servers, run every rule.
// Pure: path and text in, servers and rule hits out (the detector turns them into assets/findings).
import type { Severity } from '../../src/inventory/types.js';
import { parseJsonc, type ParseResult } from '../../src/parsers/mcp/jsonc.js';
import { launchRef, type LaunchRef } from '../../src/parsers/mcp/package-ref.js';
import { extractServers, type McpServer } from '../../src/parsers/mcp/servers.js';
import { parseTomlDoc } from '../../src/parsers/mcp/toml-doc.js';
import { strList } from '../agents/data.js';
import { parseYamlDoc } from '../../src/parsers/mcp/yaml-doc.js';
import { unwrapShell } from './checks-launch.js';
import type { McpClientSpec } from './clients.js';
import { mcpRules, type McpRule } from './rules.js';
import type { DocNode } from '../../src/parsers/mcp/tree.js';

export interface AnalysedServer {
  server: McpServer;
  /** command and args after looking through a harmless shell wrapper */
  effective: McpServer;
  launch?: LaunchRef;
}

export interface RuleHit {
  rule: McpRule;
  severity: Severity;
  line: number;
  detail: string;
  /** undefined for file-level settings */
  server?: string;
  properties?: Record<string, string>;
}

export type McpAnalysis =
  | { ok: true; root: DocNode; servers: AnalysedServer[]; hits: RuleHit[]; inputs: string[] }
  | { ok: false; error: string; line: number };

export function parseConfig(text: string, format: McpClientSpec['format']): ParseResult {
  if (format === 'yaml') return parseYamlDoc(text);
  if (format === 'toml') return parseTomlDoc(text);
  return parseJsonc(text);
}

export function analyseMcpConfig(text: string, client: McpClientSpec, rules: McpRule[] = mcpRules()): McpAnalysis {
  const parsed = parseConfig(text, client.format);
  if (!parsed.ok) return parsed;
  const servers = extractServers(parsed.root, client.servers).map((server): AnalysedServer => {
    const effective = unwrapShell(server);
    return { server, effective, launch: launchRef(effective.command, effective.args) };
  });
  const hits: RuleHit[] = [];
  for (const s of servers) {
    const mine: RuleHit[] = [];
    for (const rule of rules) {
      for (const check of rule.serverChecks) {
        for (const h of check({ server: s.effective, launch: s.launch, params: rule.params })) {
          mine.push({ rule, severity: rule.severity, line: h.line, detail: h.detail, server: s.server.name, properties: h.properties });
        }
      }
    }
    const ids = new Set(mine.map((h) => h.rule.id));
    for (const h of mine) if (h.rule.escalate && ids.has(h.rule.escalate.with)) h.severity = h.rule.escalate.to;
    hits.push(...mine);
  }
  for (const rule of rules) {
    for (const check of rule.fileChecks) {
      for (const h of check(parsed.root, rule.params)) hits.push({ rule, severity: rule.severity, line: h.line, detail: h.detail, properties: h.properties });
    }
  }
  const inputsNode = parsed.root.kind === 'object' ? parsed.root.entries.find((e) => e.key === 'inputs')?.value : undefined;
  const inputs = inputsNode?.kind === 'array' ? inputsNode.items.flatMap((i) => (i.kind === 'object' ? strList(i.entries.filter((e) => e.key === 'id').map((e) => (e.value.kind === 'string' ? e.value.value : ''))) : [])) : [];
  return { ok: true, root: parsed.root, servers, hits, inputs: inputs.filter((x) => x !== '') };
}
