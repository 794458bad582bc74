// TOML (Codex ~/.codex/config.toml, `[mcp_servers.<name>]` tables) into the positioned tree.
// smol-toml gives values without positions; table headers are located by a line scan so each
// table (and so each server) carries the line of its `[header]`.
import { parse } from 'smol-toml';
import type { ParseResult } from './jsonc.js';
import type { DocEntry, DocNode } from './tree.js';

function headerLines(text: string): Map<string, number> {
  const map = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(lines[i]);
    if (!m) continue;
    const path = m[1]
      .split(/\.(?=(?:[^"']|"[^"]*"|'[^']*')*$)/)
      .map((p) => p.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2'))
      .join('\u0000');
    if (!map.has(path)) map.set(path, i + 1);
  }
  return map;
}

export function parseTomlDoc(text: string): ParseResult {
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const line = e && typeof e === 'object' && 'line' in e && typeof e.line === 'number' ? e.line : 1;
    return { ok: false, error: msg, line };
  }
  const headers = headerLines(text);
  const convert = (v: unknown, path: string[], line: number, depth: number): DocNode => {
    if (depth > 64 || v === null || v === undefined) return { kind: 'null', line };
    if (typeof v === 'string') return { kind: 'string', line, value: v };
    if (typeof v === 'number' || typeof v === 'bigint') return { kind: 'number', line, value: Number(v) };
    if (typeof v === 'boolean') return { kind: 'boolean', line, value: v };
    if (Array.isArray(v)) return { kind: 'array', line, items: v.map((x) => convert(x, path, line, depth + 1)) };
    if (typeof v === 'object' && !(v instanceof Date)) {
      const here = headers.get(path.join('\u0000')) ?? line;
      const entries: DocEntry[] = [];
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const childPath = [...path, k];
        const childLine = headers.get(childPath.join('\u0000')) ?? here;
        entries.push({ key: k, line: childLine, value: convert(x, childPath, childLine, depth + 1) });
      }
      return { kind: 'object', line: here, entries };
    }
    return { kind: 'string', line, value: String(v) };
  };
  return { ok: true, root: convert(value, [], 1, 0) };
}
