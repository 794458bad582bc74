// Small judgements about config values shared by the MCP checks: is this a reference to a
// secret kept elsewhere, a documentation placeholder, a loopback host, a URL.
import { field, type DocNode } from '../../src/parsers/mcp/tree.js';
import type { McpServer } from '../../src/parsers/mcp/servers.js';

/** `${input:x}`, `${env:X}`, `$X`, `%X%`, `{{x}}`, optionally after an auth scheme word. */
export function isReference(value: string): boolean {
  const v = value.trim().replace(/^(?:bearer|basic|token)\s+/i, '');
  return v === '' || /\$\{[^}]*\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$|\{\{[^}]*\}\}/.test(v);
}

export function isPlaceholder(value: string): boolean {
  return /^<.*>$|your[-_ ]|_here\b|-here\b|xxxx|changeme|change[-_]me|replace[-_ ]?me|example|placeholder|\.\.\.|^\*+$|^(?:none|null|true|false|\d+)$/i.test(value.trim());
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === '0.0.0.0' || h === 'host.docker.internal';
}

export function parseUrl(u: string): URL | undefined {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
}

export function lineOf(server: McpServer, key: string): number {
  const n: DocNode | undefined = field(server.entry, key);
  return n?.line ?? server.line;
}

/** The server URL and, for proxy packages (mcp-remote...), URLs given as arguments. */
export function remoteUrls(server: McpServer, packageName: string | undefined, proxies: readonly string[]): { url: string; line: number }[] {
  const out: { url: string; line: number }[] = [];
  if (server.url) out.push({ url: server.url, line: server.urlLine ?? server.line });
  if (packageName && proxies.includes(packageName)) {
    for (const a of server.args) if (/^(?:https?|wss?):\/\//i.test(a)) out.push({ url: a, line: lineOf(server, 'args') });
  }
  return out;
}
