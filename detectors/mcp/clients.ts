// The MCP client table (detectors/mcp/clients.yml): which file paths hold which client's config.
import { globHints, globLiterals, mayMatch } from '../../src/util/glob-literals.js';
import { isObj, loadData, objList, reqStr, strList } from '../agents/data.js';

export interface McpClientSpec {
  id: string;
  name: string;
  format: 'json' | 'yaml' | 'toml';
  match: RegExp[];
  servers: string[];
  dedicated: boolean;
}

let table: McpClientSpec[] | undefined;

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`(?:^|/)${body}$`);
}

export function mcpClients(): McpClientSpec[] {
  if (table) return table;
  const doc = loadData('mcp', 'clients.yml');
  table = objList(isObj(doc) ? doc.clients : undefined, 'clients.yml clients').map((o) => {
    const id = reqStr(o, 'id', 'mcp client');
    const format = reqStr(o, 'format', id);
    if (format !== 'json' && format !== 'yaml' && format !== 'toml') throw new Error(`aibom data: clients.yml ${id}: bad format`);
    return { id, name: reqStr(o, 'name', id), format, match: strList(o.match).map(globToRegExp), servers: strList(o.servers), dedicated: o.dedicated === true };
  });
  return table;
}

/** Selection hints covering every client's config path (see Detector.folders). */
export function mcpClientHints(): ReturnType<typeof globHints> {
  const doc = loadData('mcp', 'clients.yml');
  return globHints(objList(isObj(doc) ? doc.clients : undefined, 'clients.yml clients').flatMap((o) => strList(o.match)));
}

/** The first client whose path pattern matches the display path. */
let anyClient: RegExp | undefined;
let literals: string[] | undefined;

export function clientForPath(path: string): McpClientSpec | undefined {
  // substring pre-check, then one combined pattern: wants() runs on every file of the walk
  if (!anyClient) {
    anyClient = new RegExp(mcpClients().flatMap((c) => c.match.map((r) => `(?:${r.source})`)).join('|'));
    const doc = loadData('mcp', 'clients.yml');
    literals = globLiterals(objList(isObj(doc) ? doc.clients : undefined, 'clients.yml clients').flatMap((o) => strList(o.match)));
  }
  if (!mayMatch(path, literals) || !anyClient.test(path)) return undefined;
  return mcpClients().find((c) => c.match.some((r) => r.test(path)));
}
