// MCP server entries out of a parsed client config. Clients differ in where the servers live
// (`mcpServers`, `servers`, `mcp.servers`, `context_servers`, a YAML list...) and in a few field
// names (`url` / `serverUrl` / `httpUrl`, Zed's `command: {path,args,env}`, Continue's
// `transport: {...}`); this reader folds them into one shape. Pure: tree in, servers out.
import { field, scalarText, str, strings, type DocNode, type DocObject } from './tree.js';
import { splitCommandLine } from './command-line.js';

export interface KeyValue {
  key: string;
  value: string;
  line: number;
}

export interface McpServer {
  name: string;
  line: number;
  command?: string;
  args: string[];
  env: KeyValue[];
  headers: KeyValue[];
  url?: string;
  urlLine?: number;
  /** stdio | sse | http | streamable-http | ws | unknown */
  transport: string;
  remote: boolean;
  disabled: boolean;
  /** the raw entry, for rules that look at client-specific keys (alwaysAllow, trust...) */
  entry: DocObject;
}

/** Server containers by dotted path; `*` matches any key. */
export function findContainers(root: DocNode, path: string): DocNode[] {
  let level: DocNode[] = [root];
  for (const seg of path.split('.')) {
    const next: DocNode[] = [];
    for (const n of level) {
      if (n.kind !== 'object') continue;
      if (seg === '*') for (const e of n.entries) next.push(e.value);
      else {
        const v = field(n, seg);
        if (v) next.push(v);
      }
    }
    level = next;
  }
  return level;
}

export function extractServers(root: DocNode, containerPaths: readonly string[]): McpServer[] {
  const out: McpServer[] = [];
  for (const p of containerPaths) {
    for (const c of findContainers(root, p)) {
      if (c.kind === 'object') {
        for (const e of c.entries) if (e.value.kind === 'object') out.push(readServer(e.key, e.line, e.value));
      } else if (c.kind === 'array') {
        c.items.forEach((item, i) => {
          if (item.kind === 'object') out.push(readServer(str(field(item, 'name')) ?? `#${i + 1}`, item.line, item));
        });
      }
    }
  }
  return out;
}

function keyValues(node: DocNode | undefined): KeyValue[] {
  if (!node || node.kind !== 'object') return [];
  const out: KeyValue[] = [];
  for (const e of node.entries) {
    const v = scalarText(e.value);
    if (v !== undefined) out.push({ key: e.key, value: v, line: e.value.line });
  }
  return out;
}

function readServer(name: string, line: number, entry: DocObject): McpServer {
  // Continue's config.json nests the launch details under `transport`
  const t = field(entry, 'transport');
  const src: DocObject = t?.kind === 'object' ? { ...entry, entries: [...entry.entries, ...t.entries] } : entry;
  let commandNode = field(src, 'command');
  let args = strings(field(src, 'args'));
  let env = keyValues(field(src, 'env'));
  if (commandNode?.kind === 'object') {
    // Zed: "command": { "path": ..., "args": [...], "env": {...} }
    args = strings(field(commandNode, 'args'));
    env = keyValues(field(commandNode, 'env'));
    commandNode = field(commandNode, 'path');
  }
  let command = str(commandNode);
  if (command !== undefined && args.length === 0 && /\s/.test(command.trim())) {
    const parts = splitCommandLine(command);
    command = parts[0];
    args = parts.slice(1);
  }
  const urlKey = ['url', 'serverUrl', 'httpUrl', 'uri'].find((k) => str(field(src, k)) !== undefined);
  const urlNode = urlKey ? field(src, urlKey) : undefined;
  const url = str(urlNode);
  const headers = [
    ...keyValues(field(src, 'headers')),
    ...keyValues(field(field(src, 'requestInit'), 'headers')),
    ...keyValues(field(field(src, 'requestOptions'), 'headers')),
  ];
  const type = str(field(src, 'type')) ?? str(field(entry, 'transport'));
  const transport = normaliseTransport(type, urlKey, url, command);
  const dis = field(src, 'disabled');
  const disabled = dis?.kind === 'boolean' && dis.value;
  return {
    name,
    line,
    command,
    args,
    env,
    headers,
    url,
    urlLine: urlNode?.line,
    transport,
    remote: url !== undefined && command === undefined,
    disabled,
    entry: src,
  };
}

function normaliseTransport(type: string | undefined, urlKey: string | undefined, url: string | undefined, command: string | undefined): string {
  const t = type?.toLowerCase().replace(/[_\s]/g, '-');
  if (t === 'stdio' || t === 'sse' || t === 'http' || t === 'ws' || t === 'websocket') return t === 'websocket' ? 'ws' : t;
  if (t === 'streamable-http' || t === 'streamablehttp') return 'streamable-http';
  if (urlKey === 'httpUrl') return 'streamable-http';
  if (url !== undefined && /^wss?:/i.test(url)) return 'ws';
  if (url !== undefined && command === undefined) return urlKey === 'serverUrl' || /\/sse\/?(?:\?|$)/.test(url) ? 'sse' : 'http';
  if (command !== undefined) return 'stdio';
  return 'unknown';
}
