// Detector: MCP client configs (.mcp.json, .cursor/mcp.json, .vscode/mcp.json, settings files,
// Continue YAML, Codex TOML...) -> config file, services, packages/images, and risk findings.
import type { Finding } from '../../src/inventory/types.js';
import type { DetectResult, Detector } from '../../src/detect/types.js';
import { withLazyHints } from '../../src/detect/select.js';
import { field } from '../../src/parsers/mcp/tree.js';
import { analyseMcpConfig, type AnalysedServer, type RuleHit } from './analyse.js';
import { MCP_DETECTOR_ID, mcpAssets, serviceKey } from './assets.js';
import { clientForPath, mcpClientHints, type McpClientSpec } from './clients.js';


const MAX_BYTES = 4 << 20;

function authenticated(s: AnalysedServer): boolean {
  const srv = s.effective;
  if (srv.headers.some((h) => /authorization|api[-_]?key|token|cookie|secret/i.test(h.key))) return true;
  return ['oauth', 'auth', 'authProviderType'].some((k) => field(srv.entry, k) !== undefined);
}

export function hitToFinding(path: string, client: McpClientSpec, h: RuleHit): Finding {
  const where = h.server !== undefined ? `${client.name} MCP server "${h.server}"` : `${client.name} settings`;
  const f: Finding = {
    ruleId: h.rule.id,
    severity: h.severity,
    title: h.server !== undefined ? `${h.rule.title}: ${h.server}` : h.rule.title,
    message: `${where}: ${h.detail}; ${h.rule.why}.`,
    location: { path, line: h.line },
    subject: h.server !== undefined ? serviceKey(path, h.server) : `file:${path}`,
    recommendation: h.rule.recommendation,
    detector: MCP_DETECTOR_ID,
    category: 'mcp',
    properties: { 'aibom:mcp:client': client.name, ...(h.server !== undefined ? { 'aibom:mcp:server': h.server } : {}), ...h.properties },
  };
  return f;
}

// selection hints derived from the path globs of clients.yml
export const mcpConfigDetector: Detector = withLazyHints({
  id: MCP_DETECTOR_ID,
  group: 'agent',
  description: 'MCP server configs of Claude, Cursor, VS Code, Gemini CLI, Windsurf, Kiro, Roo, Cline, Continue, Zed and Codex: servers, packages, risks',
  scansDependencies: false,
  wants: (file) => clientForPath(file.path) !== undefined,
  async detect(file): Promise<DetectResult> {
    const client = clientForPath(file.path);
    if (!client) return {};
    const text = await file.text(MAX_BYTES);
    if (text === undefined) {
      const message = file.size > MAX_BYTES ? `MCP config larger than ${MAX_BYTES >> 20} MiB; not read` : 'MCP config is binary; not read';
      return { warnings: [{ path: file.path, message }] };
    }
    const a = analyseMcpConfig(text, client);
    if (!a.ok) {
      if (!client.dedicated) return { warnings: [{ path: file.path, message: `settings file could not be parsed: ${a.error}` }] };
      const message = `MCP config could not be parsed: ${a.error}`;
      return {
        assets: [{ key: `file:${file.path}`, kind: 'file', name: file.path, role: 'mcp-config', locations: [{ path: file.path }], warnings: [message], detectors: [MCP_DETECTOR_ID] }],
        warnings: [{ path: file.path, message }],
      };
    }
    if (!client.dedicated && a.servers.length === 0 && a.hits.length === 0) return {};
    return {
      assets: mcpAssets(file.path, client, a.servers, a.inputs, authenticated),
      findings: a.hits.map((h) => hitToFinding(file.path, client, h)),
    };
  },
}, mcpClientHints);
