// The substring pre-check must never reject a path that one of its globs matches.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import fg from 'fast-glob';
import { globLiterals, mayMatch } from '../../src/util/glob-literals.js';
import { globRegExp } from '../../detectors/agents/instruction-files.js';

describe('glob literal pre-check', () => {
  it('takes the longest wildcard-free piece, and gives up on globs without one', () => {
    expect(globLiterals(['**/.cursor/rules/**/*', '**/*.prompt.md', 'AGENTS.md'])).toEqual(['.cursor/rules/', '.prompt.md', 'AGENTS.md']);
    expect(globLiterals(['**/*.md', '*'])).toBeUndefined();
    expect(mayMatch('src/app.py', ['AGENTS.md'])).toBe(false);
    expect(mayMatch('docs/AGENTS.md', ['AGENTS.md'])).toBe(true);
    expect(mayMatch('anything', undefined)).toBe(true);
  });

  it('never rejects a path that an agent-instruction or MCP glob matches', () => {
    const instr = YAML.parse(readFileSync('detectors/agents/instruction-files.yml', 'utf8')) as { files: { match: string[] }[] };
    const mcp = YAML.parse(readFileSync('detectors/mcp/clients.yml', 'utf8')) as { clients: { match: string[] }[] };
    const paths = [
      ...fg.sync('fixtures/**/*', { dot: true }),
      'AGENTS.md', 'a/b/CLAUDE.md', '.cursor/rules/x.mdc', 'x/.github/instructions/a.instructions.md', 'p/q.prompt.yml',
      '.mcp.json', 'sub/.vscode/mcp.json', '.continue/mcpServers/a.yaml', 'home/.codex/config.toml', 'prompts/a/b.txt',
    ];
    for (const globs of [instr.files.flatMap((f) => f.match), mcp.clients.flatMap((c) => c.match)]) {
      const lits = globLiterals(globs);
      expect(lits).toBeDefined();
      const regexes = globs.map(globRegExp);
      let matched = 0;
      for (const p of paths) {
        if (regexes.some((r) => r.test(p))) {
          matched++;
          expect(mayMatch(p, lits), p).toBe(true);
        }
      }
      expect(matched).toBeGreaterThan(3);
    }
  });
});
