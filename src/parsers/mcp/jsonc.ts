// JSON with comments (JSONC, as VS Code, Cursor and Zed write their settings): `//` and `/* */`
// comments and trailing commas are accepted. The result keeps the line of every value and key.
// Bounded: nesting depth and node count are capped; errors are returned, never thrown.
import type { DocEntry, DocNode } from './tree.js';

export type ParseResult = { ok: true; root: DocNode } | { ok: false; error: string; line: number };

export interface JsoncLimits {
  maxDepth?: number;
  maxNodes?: number;
}

class JsoncError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function parseJsonc(text: string, limits: JsoncLimits = {}): ParseResult {
  const p = new Parser(text, limits.maxDepth ?? 64, limits.maxNodes ?? 200_000);
  try {
    p.skip();
    const root = p.value(0);
    p.skip();
    if (p.pos < text.length) p.fail('unexpected content after the top-level value');
    return { ok: true, root };
  } catch (e) {
    if (e instanceof JsoncError) return { ok: false, error: e.message, line: e.line };
    throw e;
  }
}

class Parser {
  pos = 0;
  line = 1;
  nodes = 0;
  constructor(
    readonly s: string,
    readonly maxDepth: number,
    readonly maxNodes: number,
  ) {
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  fail(msg: string): never {
    throw new JsoncError(`${msg} at line ${this.line}`, this.line);
  }

  /** skip whitespace and comments, counting lines */
  skip(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\n') {
        this.line++;
        this.pos++;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\u00a0' || c === '\ufeff') {
        this.pos++;
      } else if (c === '/' && s[this.pos + 1] === '/') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && s[this.pos + 1] === '*') {
        const end = s.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated comment');
        for (let i = this.pos; i < end; i++) if (s[i] === '\n') this.line++;
        this.pos = end + 2;
      } else return;
    }
  }

  value(depth: number): DocNode {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    if (++this.nodes > this.maxNodes) this.fail(`more than ${this.maxNodes} values`);
    const line = this.line;
    const c = this.s[this.pos];
    if (c === '{') return this.object(depth, line);
    if (c === '[') return this.array(depth, line);
    if (c === '"') return { kind: 'string', line, value: this.string() };
    if (c === undefined) this.fail('unexpected end of input');
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.s.slice(this.pos, this.pos + 64));
    if (!m) this.fail(`unexpected character ${JSON.stringify(c)}`);
    this.pos += m[0].length;
    if (m[0] === 'true' || m[0] === 'false') return { kind: 'boolean', line, value: m[0] === 'true' };
    if (m[0] === 'null') return { kind: 'null', line };
    return { kind: 'number', line, value: Number(m[0]) };
  }

  object(depth: number, line: number): DocNode {
    this.pos++;
    const entries: DocEntry[] = [];
    for (;;) {
      this.skip();
      if (this.s[this.pos] === '}') {
        this.pos++;
        return { kind: 'object', line, entries };
      }
      if (this.s[this.pos] !== '"') this.fail('expected a quoted key');
      const keyLine = this.line;
      const key = this.string();
      this.skip();
      if (this.s[this.pos] !== ':') this.fail('expected ":"');
      this.pos++;
      this.skip();
      entries.push({ key, line: keyLine, value: this.value(depth + 1) });
      this.skip();
      const c = this.s[this.pos];
      if (c === ',') this.pos++;
      else if (c !== '}') this.fail('expected "," or "}"');
    }
  }

  array(depth: number, line: number): DocNode {
    this.pos++;
    const items: DocNode[] = [];
    for (;;) {
      this.skip();
      if (this.s[this.pos] === ']') {
        this.pos++;
        return { kind: 'array', line, items };
      }
      items.push(this.value(depth + 1));
      this.skip();
      const c = this.s[this.pos];
      if (c === ',') this.pos++;
      else if (c !== ']') this.fail('expected "," or "]"');
    }
  }

  string(): string {
    const s = this.s;
    const start = ++this.pos;
    let out = '';
    let chunk = start;
    for (;;) {
      if (this.pos >= s.length) this.fail('unterminated string');
      const c = s[this.pos];
      if (c === '"') break;
      if (c === '\n') this.fail('line break inside a string');
      if (c === '\\') {
        out += s.slice(chunk, this.pos);
        const e = s[this.pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(parseInt(s.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else this.fail('bad escape in string');
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
    out += s.slice(chunk, this.pos);
    this.pos++;
    return out;
  }
}
