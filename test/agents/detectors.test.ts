// Detector behaviour: which paths each detector wants, user-level paths for --include-home, bad
// input as warnings, redaction of secrets in inventory properties, instruction-file handling.
import { describe, expect, it } from 'vitest';
import { agentDetectors, homeConfigPaths, instructionFilesDetector, mcpConfigDetector } from '../../detectors/agents/index.js';
import { redactArgs, redactUrl } from '../../detectors/mcp/assets.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import type { DetectContext, FileRef } from '../../src/detect/types.js';

const ctx: DetectContext = { signal: new AbortController().signal, options: { allDependencies: false } };
const ref = (path: string, size = 100): FileRef => ({ path, name: path.slice(path.lastIndexOf('/') + 1), ext: '', size });

describe('wants', () => {
  it('takes MCP configs of every client and nothing else', () => {
    const yes = ['.mcp.json', 'sub/.cursor/mcp.json', '.vscode/mcp.json', '.vscode/settings.json', 'claude_desktop_config.json', '.gemini/settings.json', '.windsurf/mcp_config.json', '.kiro/settings/mcp.json', '.roo/mcp.json', 'cline_mcp_settings.json', '.continue/config.yaml', '.continue/mcpServers/a.yaml', '.continue/mcpServers/b.json', '.zed/settings.json', '.codex/config.toml', 'tools/mcp.json', 'a.code-workspace'];
    for (const p of yes) expect(mcpConfigDetector.wants(ref(p)), p).toBe(true);
    const no = ['package.json', '.vscode/extensions.json', 'src/mcp.ts', 'x.mcp.json.bak', 'settings.json', 'mymcp.json'];
    for (const p of no) expect(mcpConfigDetector.wants(ref(p)), p).toBe(false);
    expect(mcpConfigDetector.wants(ref('.mcp.json', 64 << 20))).toBe(true);
  });

  it('takes instruction and prompt files and nothing else', () => {
    const yes = ['AGENTS.md', 'pkg/CLAUDE.md', 'GEMINI.md', '.cursorrules', '.cursor/rules/a/b.mdc', '.github/copilot-instructions.md', '.github/instructions/ts.instructions.md', '.github/prompts/fix.prompt.md', '.windsurfrules', '.clinerules', '.clinerules/x.md', '.roo/rules/a.md', '.kiro/steering/p.md', 'a.prompt', 'b.prompty', 'c.prompt.yml', 'prompts/x.txt', 'app/prompts/sub/y.j2', '.claude/commands/review.md'];
    for (const p of yes) expect(instructionFilesDetector.wants(ref(p)), p).toBe(true);
    const no = ['README.md', 'docs/agents.md', 'prompts/README.md', 'prompts/logo.png', 'src/prompt.ts', 'AGENTS.md.orig'];
    for (const p of no) expect(instructionFilesDetector.wants(ref(p)), p).toBe(false);
  });

  it('source-code detectors skip dependency folders', () => {
    for (const d of agentDetectors) expect(d.scansDependencies, d.id).toBe(false);
    expect(new Set(agentDetectors.map((d) => d.id)).size).toBe(agentDetectors.length);
  });
});

describe('homeConfigPaths', () => {
  it('lists user-level files per platform, all taken by a detector', () => {
    for (const [platform, home] of [['linux', '/home/u'], ['darwin', '/Users/u'], ['win32', 'C:\\Users\\u']] as const) {
      const paths = homeConfigPaths(home, platform);
      expect(paths.length).toBeGreaterThan(15);
      expect(paths.every((p) => p.startsWith(home))).toBe(true);
      for (const p of paths) {
        const display = p.split('\\').join('/');
        expect(agentDetectors.some((d) => d.wants(ref(display))), display).toBe(true);
      }
    }
    expect(homeConfigPaths('/Users/u', 'darwin')).toContain('/Users/u/Library/Application Support/Claude/claude_desktop_config.json');
    expect(homeConfigPaths('C:\\Users\\u', 'win32')).toContain('C:\\Users\\u\\AppData\\Roaming\\Claude\\claude_desktop_config.json');
    expect(homeConfigPaths('/home/u', 'linux')).toContain('/home/u/.config/Code/User/mcp.json');
  });
});

describe('bad input', () => {
  it('a malformed dedicated config is a warning naming the file, never a throw', async () => {
    const r = await mcpConfigDetector.detect(memoryFile('.mcp.json', '{"mcpServers": {"a": '), ctx);
    expect(r.warnings?.[0]).toMatchObject({ path: '.mcp.json', message: expect.stringContaining('could not be parsed') });
    expect(r.assets?.[0]).toMatchObject({ key: 'file:.mcp.json', role: 'mcp-config', warnings: [expect.any(String)] });
    expect(r.findings).toBeUndefined();
  });

  it('binary content and hostile nesting are warnings', async () => {
    const bin = await mcpConfigDetector.detect(memoryFile('.cursor/mcp.json', Buffer.from([0x7b, 0, 1, 2])), ctx);
    expect(bin.warnings?.[0].path).toBe('.cursor/mcp.json');
    const deep = await mcpConfigDetector.detect(memoryFile('.mcp.json', '{"a":'.repeat(50_000)), ctx);
    expect(deep.warnings?.[0].message).toContain('nesting');
    const instr = await instructionFilesDetector.detect(memoryFile('CLAUDE.md', Buffer.from([0, 1, 2])), ctx);
    expect(instr.warnings?.[0].path).toBe('CLAUDE.md');
    expect(instr.assets?.[0]).toMatchObject({ key: 'file:CLAUDE.md', role: 'agent-instructions', warnings: [expect.any(String)] });
    const huge = Buffer.alloc(5 << 20, 0x61);
    const big = await mcpConfigDetector.detect(memoryFile('.mcp.json', huge), ctx);
    expect(big.warnings?.[0].message).toContain('larger than');
    const bigPrompt = await instructionFilesDetector.detect(memoryFile('AGENTS.md', Buffer.alloc(3 << 20, 0x61)), ctx);
    expect(bigPrompt.warnings?.[0].path).toBe('AGENTS.md');
  });

  it('settings files without MCP content produce nothing', async () => {
    expect(await mcpConfigDetector.detect(memoryFile('.vscode/settings.json', '{"editor.tabSize": 2}'), ctx)).toEqual({});
    expect(await mcpConfigDetector.detect(memoryFile('.gemini/settings.json', '{"theme": "x"'), ctx)).toMatchObject({ warnings: [expect.anything()] });
  });

  it('an empty dedicated config is still inventoried', async () => {
    const r = await mcpConfigDetector.detect(memoryFile('.mcp.json', '{}'), ctx);
    expect(r.assets?.map((a) => a.key)).toEqual(['file:.mcp.json']);
    expect(r.findings).toEqual([]);
  });
});

describe('redaction', () => {
  it('redacts secrets in arguments and URLs kept in the inventory', () => {
    const args = redactArgs(['--api-key', 'FAKEsecretvalue123456', '--token=abcdefgh12345678', 'Authorization: Bearer FAKEbearer0000000000', `hf_${'F'.repeat(34)}`, '--token', '${TOKEN}']);
    const joined = args.join(' ');
    for (const s of ['FAKEsecretvalue123456', 'abcdefgh12345678', 'FAKEbearer0000000000', 'F'.repeat(34)]) expect(joined).not.toContain(s);
    expect(args[6]).toBe('${TOKEN}');
    expect(redactUrl('https://u:pw@x.example.com/sse?token=FAKEtoken0000000&region=eu')).toBe('https://x.example.com/sse?token=****0000&region=eu');
  });

  it('never puts an inline secret into service properties', async () => {
    const cfg = JSON.stringify({ mcpServers: { s: { command: 'npx', args: ['-y', 'x@1.0.0', '--api-key', 'FAKEinlinekey99999999'], env: { OPENAI_API_KEY: 'FAKEenvvalue88888888' } } } });
    const r = await mcpConfigDetector.detect(memoryFile('.mcp.json', cfg), ctx);
    const out = JSON.stringify(r);
    expect(out).not.toContain('FAKEinlinekey99999999');
    expect(out).not.toContain('FAKEenvvalue88888888');
    expect(r.findings?.map((f) => f.ruleId)).toEqual(['AIBOM-MCP-LITERAL-SECRET', 'AIBOM-MCP-LITERAL-SECRET']);
  });
});
