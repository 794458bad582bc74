// Decoding of the textual arguments of protocol-0 opcodes (STRING repr literals, raw-unicode-escape).
// Pure and bounded by the input; never evaluates anything.

/** Decode a Python `repr()` of a str/bytes as written by protocol 0 STRING: quotes plus backslash escapes. */
export function decodeReprString(raw: string): string | undefined {
  const s = raw.trim();
  if (s.length < 2) return undefined;
  const q = s[0];
  if ((q !== "'" && q !== '"') || s[s.length - 1] !== q) return undefined;
  const body = s.slice(1, -1);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const nx = body[++i];
    switch (nx) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      case 'x': {
        const hex = body.slice(i + 1, i + 3);
        if (/^[0-9a-fA-F]{2}$/.test(hex)) {
          out += String.fromCharCode(parseInt(hex, 16));
          i += 2;
        } else out += '\\x';
        break;
      }
      default: out += nx;
    }
  }
  return out;
}

/** Decode raw-unicode-escape text (UNICODE opcode): only \uXXXX and \UXXXXXXXX are escapes. */
export function decodeRawUnicode(raw: string): string {
  if (!raw.includes('\\u') && !raw.includes('\\U')) return raw;
  return raw.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, a: string | undefined, b: string | undefined) => {
    const cp = parseInt(a ?? b ?? '0', 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
  });
}
