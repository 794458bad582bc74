// Split a command line written as one string ("npx -y pkg --flag 'a b'") into words, the way a
// POSIX shell would for plain words and quotes. No expansion, no execution.
export function splitCommandLine(line: string, maxWords = 512): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length && words.length < maxWords; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord && words.length < maxWords) words.push(cur);
  return words;
}

/** The program name without folders and Windows suffixes: "/usr/bin/npx.cmd" -> "npx". */
export function programName(command: string): string {
  const base = command.slice(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1).toLowerCase();
  return base.replace(/\.(?:cmd|exe|bat|ps1)$/, '');
}
