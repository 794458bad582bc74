// YAML (Continue config.yaml and .continue/mcpServers/*.yaml) into the positioned tree.
// Aliases are not expanded (no billion-laughs); tags are ignored; nothing is executed.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { ParseResult } from './jsonc.js';
import type { DocEntry, DocNode } from './tree.js';

export function parseYamlDoc(text: string, maxNodes = 200_000): ParseResult {
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, strict: false, prettyErrors: false });
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e), line: 1 };
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = lineCounter.linePos(err.pos[0]).line;
    return { ok: false, error: `${err.message.split('\n')[0]} at line ${line}`, line };
  }
  let count = 0;
  const lineOf = (n: { range?: [number, number, number] | null } | null | undefined): number =>
    n?.range ? lineCounter.linePos(n.range[0]).line : 1;

  const convert = (n: unknown, depth: number, fallbackLine: number): DocNode => {
    if (++count > maxNodes || depth > 64) return { kind: 'null', line: fallbackLine };
    if (n === null || n === undefined) return { kind: 'null', line: fallbackLine };
    const node = n as YamlNode;
    const line = node.range ? lineOf(node) : fallbackLine;
    if (isAlias(node)) return { kind: 'null', line };
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'string') return { kind: 'string', line, value: v };
      if (typeof v === 'number' || typeof v === 'bigint') return { kind: 'number', line, value: Number(v) };
      if (typeof v === 'boolean') return { kind: 'boolean', line, value: v };
      return { kind: 'null', line };
    }
    if (isMap(node)) {
      const entries: DocEntry[] = [];
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const k = item.key;
        const key = isScalar(k) ? String(k.value) : '';
        const keyLine = isScalar(k) && k.range ? lineOf(k) : line;
        entries.push({ key, line: keyLine, value: convert(item.value, depth + 1, keyLine) });
      }
      return { kind: 'object', line, entries };
    }
    if (isSeq(node)) return { kind: 'array', line, items: node.items.map((i) => convert(i, depth + 1, line)) };
    return { kind: 'null', line };
  };
  return { ok: true, root: convert(doc.contents, 0, 1) };
}
