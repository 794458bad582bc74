// A small positioned document tree shared by the JSONC, YAML and TOML readers of MCP configs:
// every value knows the 1-based line it starts on, so findings can point at file:line.

export type DocNode =
  | { kind: 'object'; line: number; entries: DocEntry[] }
  | { kind: 'array'; line: number; items: DocNode[] }
  | { kind: 'string'; line: number; value: string }
  | { kind: 'number'; line: number; value: number }
  | { kind: 'boolean'; line: number; value: boolean }
  | { kind: 'null'; line: number };

export interface DocEntry {
  key: string;
  line: number;
  value: DocNode;
}

export type DocObject = Extract<DocNode, { kind: 'object' }>;

/** The value of the last entry named `key` (JSON semantics: later keys win). */
export function field(node: DocNode | undefined, key: string): DocNode | undefined {
  if (!node || node.kind !== 'object') return undefined;
  let found: DocNode | undefined;
  for (const e of node.entries) if (e.key === key) found = e.value;
  return found;
}

/** Follow a dotted path of keys (no wildcards). */
export function at(node: DocNode | undefined, path: readonly string[]): DocNode | undefined {
  let cur = node;
  for (const k of path) cur = field(cur, k);
  return cur;
}

export function str(node: DocNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

/** A scalar as text (numbers and booleans too), for env values and args written unquoted in YAML. */
export function scalarText(node: DocNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number' || node.kind === 'boolean') return String(node.value);
  return undefined;
}

export function strings(node: DocNode | undefined): string[] {
  if (!node || node.kind !== 'array') return [];
  const out: string[] = [];
  for (const i of node.items) {
    const s = scalarText(i);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** Convert a plain value (from a TOML/YAML library) to a tree, all at one line. */
export function fromPlain(value: unknown, line: number, depth = 0): DocNode {
  if (depth > 64) return { kind: 'null', line };
  if (value === null || value === undefined) return { kind: 'null', line };
  if (typeof value === 'string') return { kind: 'string', line, value };
  if (typeof value === 'number' || typeof value === 'bigint') return { kind: 'number', line, value: Number(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', line, value };
  if (Array.isArray(value)) return { kind: 'array', line, items: value.map((v) => fromPlain(v, line, depth + 1)) };
  if (value instanceof Date) return { kind: 'string', line, value: value.toISOString() };
  if (typeof value === 'object') {
    const entries: DocEntry[] = [];
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      entries.push({ key, line, value: fromPlain(v, line, depth + 1) });
    }
    return { kind: 'object', line, entries };
  }
  return { kind: 'null', line };
}
