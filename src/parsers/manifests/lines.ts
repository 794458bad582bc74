// Line numbers for dependencies found in structured files (JSON, TOML, YAML, XML).

/** 1-based line of the first occurrence of `needle` at or after `from` (character offset); undefined when absent. */
export function lineOf(text: string, needle: string, from = 0): number | undefined {
  const at = text.indexOf(needle, from);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Line of a dependency name written as a key or a quoted string, tolerant of case and -/_ for PyPI. */
export function lineOfName(text: string, name: string, pypi = false): number | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = pypi ? esc.replace(/(?:\\\.|-|_)/g, '[-_.]') : esc;
  const re = new RegExp(`(^|["'\\s\\[{,:])${body}(?=$|["'\\s=<>!~\\[;:@,)])`, pypi ? 'im' : 'm');
  const m = re.exec(text);
  return m ? lineAt(text, m.index + m[1].length) : undefined;
}
