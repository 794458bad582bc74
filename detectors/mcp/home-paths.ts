// User-level agent config files under a home folder, for `--include-home`: MCP client configs
// and the user-wide agent instruction files. Paths are listed whether or not they exist; the
// caller scans the ones present. Locations: mcp-scan well_known_clients.py and client docs
// (see detectors/mcp/clients.yml); platform decides the application-data folders.
import { posix, win32 } from 'node:path';

export function homeConfigPaths(home: string, platform: NodeJS.Platform): string[] {
  const p = platform === 'win32' ? win32 : posix;
  const h = (...parts: string[]): string => p.join(home, ...parts);
  const appData =
    platform === 'win32' ? h('AppData', 'Roaming') : platform === 'darwin' ? h('Library', 'Application Support') : h('.config');
  const code = (flavour: string): string[] => [
    p.join(appData, flavour, 'User', 'mcp.json'),
    p.join(appData, flavour, 'User', 'settings.json'),
    p.join(appData, flavour, 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json'),
    p.join(appData, flavour, 'User', 'globalStorage', 'rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json'),
  ];
  return [
    // Claude Desktop / Claude Code
    p.join(appData, 'Claude', 'claude_desktop_config.json'),
    h('.claude.json'),
    h('.claude', 'settings.json'),
    h('.claude', 'CLAUDE.md'),
    // Cursor, Windsurf, Kiro, Gemini CLI, Antigravity, Codex, Continue, Zed
    h('.cursor', 'mcp.json'),
    h('.codeium', 'windsurf', 'mcp_config.json'),
    h('.kiro', 'settings', 'mcp.json'),
    h('.gemini', 'settings.json'),
    h('.gemini', 'GEMINI.md'),
    h('.gemini', 'antigravity', 'mcp_config.json'),
    h('.gemini', 'config', 'mcp_config.json'),
    h('.codex', 'config.toml'),
    h('.codex', 'AGENTS.md'),
    h('.continue', 'config.yaml'),
    h('.continue', 'config.json'),
    platform === 'win32' ? p.join(appData, 'Zed', 'settings.json') : h('.config', 'zed', 'settings.json'),
    // VS Code (and Insiders), with the Cline and Roo extension settings
    ...code('Code'),
    ...code('Code - Insiders'),
  ];
}
