// A small lexer for C-like languages without a bundled tree-sitter grammar (Kotlin, Groovy/Gradle scripts):
// blanks comments and (optionally) string contents with spaces, keeping every newline, so line numbers and
// offsets of the remaining code are unchanged and regexes over it never match inside comments.

export interface BlankOptions {
  /** also blank the contents of string literals (quotes stay) */
  strings?: boolean;
  /** block comments nest (Kotlin) */
  nestedBlocks?: boolean;
}

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

export function blankComments(text: string, opts: BlankOptions = {}): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const d = text[i + 1];
    if (c === '/' && d === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      out += blank(text.slice(i, j));
      i = j;
    } else if (c === '/' && d === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (text[j] === '*' && text[j + 1] === '/') {
          depth--;
          j += 2;
        } else if (opts.nestedBlocks && text[j] === '/' && text[j + 1] === '*') {
          depth++;
          j += 2;
        } else j++;
      }
      out += blank(text.slice(i, j));
      i = j;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const q = triple ? c.repeat(3) : c;
      let j = i + q.length;
      while (j < n) {
        if (!triple && text[j] === '\\') j += 2;
        else if (text.startsWith(q, j)) break;
        else if (!triple && text[j] === '\n') break;
        else j++;
      }
      const end = Math.min(n, j + (text.startsWith(q, j) ? q.length : 0));
      const inner = text.slice(i + q.length, Math.max(i + q.length, end - (text.startsWith(q, j) ? q.length : 0)));
      out += q + (opts.strings ? blank(inner) : inner) + (text.startsWith(q, j) ? q : '');
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export interface KotlinImport {
  path: string;
  line: number;
}

/** `import a.b.C` / `import a.b.*` / `import a.b.C as D` in Kotlin source (comments and strings ignored). */
export function kotlinImports(text: string): KotlinImport[] {
  const code = blankComments(text, { strings: true, nestedBlocks: true });
  const out: KotlinImport[] = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*import\s+([A-Za-z_`][\w`]*(?:\s*\.\s*[\w`*]+)*)/.exec(lines[i]);
    if (m) out.push({ path: m[1].replace(/[\s`]/g, '').replace(/\.\*$/, ''), line: i + 1 });
  }
  return out;
}
