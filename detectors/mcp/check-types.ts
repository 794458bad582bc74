// What an MCP rule check sees and returns.
import type { LaunchRef } from '../../src/parsers/mcp/package-ref.js';
import type { McpServer } from '../../src/parsers/mcp/servers.js';
import type { DocNode } from '../../src/parsers/mcp/tree.js';
import type { Obj } from '../agents/data.js';

export interface ServerCheckInput {
  /** the server, with a harmless shell wrapper (`cmd /c npx ...`) already unwrapped */
  server: McpServer;
  launch?: LaunchRef;
  params: Obj;
}

export interface Hit {
  line: number;
  /** one line, never a secret */
  detail: string;
  /** extra facts for the finding (e.g. aibom:secret:sha256) */
  properties?: Record<string, string>;
}

export type ServerCheck = (input: ServerCheckInput) => Hit[];
export type FileCheck = (root: DocNode, params: Obj) => Hit[];

const compiled = new WeakMap<object, RegExp[]>();

/** A list of regex sources from rule params, compiled once per list (case-insensitive). */
export function regexList(v: unknown): RegExp[] {
  if (!Array.isArray(v)) return [];
  let list = compiled.get(v);
  if (!list) {
    list = v.filter((x): x is string => typeof x === 'string').map((s) => new RegExp(s, 'i'));
    compiled.set(v, list);
  }
  return list;
}
