// A strict JSON reader that keeps where each scalar starts, for configScalars() (config-scan.ts). The YAML
// parser reads JSON too and gives the same values and offsets, but ~0.6 MB/s: a 1.9 MB settings file took 3 s.
// Anything that is not strict JSON (comments, trailing commas, a BOM, control characters in strings, nesting
// deeper than MAX_DEPTH) returns undefined, and the caller parses it as YAML as before.

export type JsonNode =
  | { kind: 'scalar'; value: string | number | boolean | null; start: number }
  | { kind: 'map'; pairs: [JsonNode & { kind: 'scalar' }, JsonNode][] }
  | { kind: 'seq'; items: JsonNode[] };

const MAX_DEPTH = 1000;
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class NotJson extends Error {}

/** the document of a strict JSON text, or undefined when the text is not strict JSON */
export function jsonTree(text: string): JsonNode | undefined {
  let i = 0;
  const n = text.length;
  const fail = (): never => {
    throw new NotJson();
  };
  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const string = (): JsonNode & { kind: 'scalar' } => {
    const start = i;
    let escaped = false;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail();
      if (c === 0x5c) {
        escaped = true;
        i++;
      }
    }
    if (i >= n) fail();
    i++;
    const raw = text.slice(start, i);
    let value: string;
    if (!escaped) value = raw.slice(1, -1);
    else {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        return fail();
      }
    }
    return { kind: 'scalar', value, start };
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail();
    space();
    const c = text[i];
    if (c === '"') return string();
    if (c === '{') {
      i++;
      const pairs: [JsonNode & { kind: 'scalar' }, JsonNode][] = [];
      space();
      if (text[i] === '}') {
        i++;
        return { kind: 'map', pairs };
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        const key = string();
        space();
        if (text[i] !== ':') fail();
        i++;
        pairs.push([key, value(depth + 1)]);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'map', pairs };
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return { kind: 'seq', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'seq', items };
        }
        fail();
      }
    }
    const start = i;
    if (text.startsWith('true', i)) {
      i += 4;
      return { kind: 'scalar', value: true, start };
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return { kind: 'scalar', value: false, start };
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return { kind: 'scalar', value: null, start };
    }
    NUMBER_RE.lastIndex = i;
    const m = NUMBER_RE.exec(text);
    if (!m) return fail();
    i += m[0].length;
    return { kind: 'scalar', value: Number(m[0]), start };
  };
  try {
    const doc = value(0);
    space();
    return i === n ? doc : undefined;
  } catch (e) {
    if (e instanceof NotJson || e instanceof RangeError) return undefined;
    throw e;
  }
}
