// The MCP config readers: JSONC with positions, YAML and TOML trees, server extraction for each
// client shape, launch commands -> packages/images, and bad input.
import { describe, expect, it } from 'vitest';
import { parseJsonc } from '../../src/parsers/mcp/jsonc.js';
import { launchRef, parseImage } from '../../src/parsers/mcp/package-ref.js';
import { extractServers } from '../../src/parsers/mcp/servers.js';
import { parseTomlDoc } from '../../src/parsers/mcp/toml-doc.js';
import { parseYamlDoc } from '../../src/parsers/mcp/yaml-doc.js';
import { splitCommandLine } from '../../src/parsers/mcp/command-line.js';
import type { DocNode } from '../../src/parsers/mcp/tree.js';

function root(r: ReturnType<typeof parseJsonc>): DocNode {
  if (!r.ok) throw new Error(r.error);
  return r.root;
}

describe('parseJsonc', () => {
  it('accepts comments, trailing commas and a BOM, and keeps lines', () => {
    const text = '\uFEFF// head\n{\n  /* c */ "a": 1,\n  "b": [true, null, "x\\n\\u0041",],\n  "c": { "d": -1.5e3, },\n}\n';
    const r = root(parseJsonc(text));
    expect(r.kind).toBe('object');
    if (r.kind !== 'object') return;
    expect(r.line).toBe(2);
    expect(r.entries.map((e) => [e.key, e.line])).toEqual([['a', 3], ['b', 4], ['c', 5]]);
    expect(r.entries[1].value).toMatchObject({ kind: 'array', items: [{ value: true }, { kind: 'null' }, { value: 'x\nA' }] });
    expect(r.entries[2].value).toMatchObject({ kind: 'object', entries: [{ key: 'd', value: { value: -1500 } }] });
  });

  it('returns errors with a line instead of throwing', () => {
    expect(parseJsonc('{\n "a": 1\n "b": 2}')).toMatchObject({ ok: false, line: 3 });
    expect(parseJsonc('{"a": "unterminated')).toMatchObject({ ok: false });
    expect(parseJsonc('{"a": 1} extra')).toMatchObject({ ok: false });
    expect(parseJsonc('/* never closed')).toMatchObject({ ok: false });
    expect(parseJsonc('')).toMatchObject({ ok: false });
  });

  it('bounds nesting depth and node count', () => {
    expect(parseJsonc('['.repeat(100_000))).toMatchObject({ ok: false, error: expect.stringContaining('nesting') });
    expect(parseJsonc(`[${'1,'.repeat(1000)}1]`, { maxNodes: 100 })).toMatchObject({ ok: false, error: expect.stringContaining('values') });
  });
});

describe('YAML and TOML trees', () => {
  it('reads Continue YAML lists with lines, without expanding aliases', () => {
    const r = parseYamlDoc('name: x\nmcpServers:\n  - name: a\n    command: npx\n    args: [-y, "p@1.0.0"]\n  - &b\n    name: b\n    url: https://x\nother: *b\n');
    if (!r.ok) throw new Error(r.error);
    const servers = extractServers(r.root, ['mcpServers']);
    expect(servers.map((s) => [s.name, s.line, s.command, s.args, s.url])).toEqual([
      ['a', 3, 'npx', ['-y', 'p@1.0.0'], undefined],
      ['b', 7, undefined, [], 'https://x'],
    ]);
    expect(parseYamlDoc('a: [\n')).toMatchObject({ ok: false });
  });

  it('reads Codex TOML tables with the line of each [mcp_servers.x] header', () => {
    const r = parseTomlDoc('model = "m"\n\n[mcp_servers.one]\ncommand = "uvx"\nargs = ["x==1"]\n\n[mcp_servers."two.dots"]\nurl = "https://e"\n');
    if (!r.ok) throw new Error(r.error);
    expect(extractServers(r.root, ['mcp_servers']).map((s) => [s.name, s.line, s.transport])).toEqual([
      ['one', 3, 'stdio'],
      ['two.dots', 7, 'http'],
    ]);
    expect(parseTomlDoc('[a\nb=')).toMatchObject({ ok: false });
  });
});

describe('extractServers', () => {
  const servers = (json: string, paths: string[]) => extractServers(root(parseJsonc(json)), paths);

  it('normalises url keys and transports of the different clients', () => {
    const s = servers(
      '{"mcpServers": {"w": {"serverUrl": "https://a/sse"}, "g": {"httpUrl": "https://b/mcp"}, "v": {"type": "streamableHttp", "url": "https://c"}, "l": {"command": "node", "args": ["s.js"]}, "ws": {"url": "wss://d"}}}',
      ['mcpServers'],
    );
    expect(s.map((x) => [x.name, x.transport, x.remote])).toEqual([
      ['w', 'sse', true],
      ['g', 'streamable-http', true],
      ['v', 'streamable-http', true],
      ['l', 'stdio', false],
      ['ws', 'ws', true],
    ]);
  });

  it('reads Zed command objects, Continue transport objects, VS Code settings and one-string commands', () => {
    expect(servers('{"context_servers": {"z": {"command": {"path": "uvx", "args": ["a==1"], "env": {"K": "v"}}}}}', ['context_servers'])[0]).toMatchObject({ command: 'uvx', args: ['a==1'], env: [{ key: 'K', value: 'v' }] });
    expect(servers('{"experimental": {"modelContextProtocolServers": [{"transport": {"type": "stdio", "command": "npx", "args": ["x"]}}]}}', ['experimental.modelContextProtocolServers'])[0]).toMatchObject({ name: '#1', command: 'npx', args: ['x'] });
    expect(servers('{"mcp": {"servers": {"s": {"type": "sse", "url": "http://x"}}}}', ['mcp.servers'])[0]).toMatchObject({ name: 's', transport: 'sse' });
    expect(servers('{"mcpServers": {"s": {"command": "npx -y \'my pkg@1.0.0\'"}}}', ['mcpServers'])[0]).toMatchObject({ command: 'npx', args: ['-y', 'my pkg@1.0.0'] });
    expect(servers('{"projects": {"/a": {"mcpServers": {"p": {"command": "x"}}}}}', ['projects.*.mcpServers'])[0].name).toBe('p');
  });

  it('ignores entries of the wrong shape', () => {
    expect(servers('{"mcpServers": {"a": 1, "b": "x", "c": null}}', ['mcpServers'])).toEqual([]);
    expect(servers('{"mcpServers": [1, "x"]}', ['mcpServers'])).toEqual([]);
    expect(servers('[]', ['mcpServers'])).toEqual([]);
  });
});

describe('launchRef', () => {
  it('reads npm runners', () => {
    expect(launchRef('npx', ['-y', '@scope/pkg@1.2.3', '--flag'])).toEqual({ type: 'package', ref: { ecosystem: 'npm', runner: 'npx', name: '@scope/pkg', version: '1.2.3', spec: undefined, pinned: true, silentInstall: true } });
    expect(launchRef('C:\\nodejs\\npx.cmd', ['pkg@latest'])).toMatchObject({ ref: { name: 'pkg', spec: 'latest', pinned: false, silentInstall: false } });
    expect(launchRef('npx', ['-p', 'pkg@2.0.0', 'bin-name'])).toMatchObject({ ref: { name: 'pkg', version: '2.0.0' } });
    expect(launchRef('npx', ['--package=@s/p@^1', 'bin'])).toMatchObject({ ref: { name: '@s/p', spec: '^1', pinned: false } });
    expect(launchRef('pnpm', ['dlx', 'p@1.0.0'])).toMatchObject({ ref: { runner: 'pnpm dlx', name: 'p' } });
    expect(launchRef('bunx', ['p'])).toMatchObject({ ref: { runner: 'bunx', name: 'p', pinned: false } });
    expect(launchRef('npm', ['exec', '--', 'p@1.0.0'])).toMatchObject({ ref: { runner: 'npm exec', version: '1.0.0' } });
  });

  it('reads Python runners', () => {
    expect(launchRef('uvx', ['Mcp_Server.Fetch==2025.4.7'])).toMatchObject({ ref: { ecosystem: 'PyPI', name: 'mcp-server-fetch', version: '2025.4.7', pinned: true } });
    expect(launchRef('uvx', ['--python', '3.12', '--from', 'pkg[extra]>=1', 'cmd'])).toMatchObject({ ref: { name: 'pkg', spec: '>=1', pinned: false } });
    expect(launchRef('uvx', ['tool@0.3.0'])).toMatchObject({ ref: { name: 'tool', version: '0.3.0' } });
    expect(launchRef('uv', ['tool', 'run', 'x'])).toMatchObject({ ref: { runner: 'uv tool run', name: 'x' } });
    expect(launchRef('pipx', ['run', '--spec', 'a==1.0', 'a-cmd'])).toMatchObject({ ref: { runner: 'pipx run', name: 'a', version: '1.0' } });
  });

  it('reads docker run images', () => {
    expect(launchRef('docker', ['run', '-i', '--rm', '-e', 'X', '-v', 'a:b', '--name=n', 'ghcr.io/org/img:1.2', '--arg'])).toMatchObject({ type: 'image', ref: { registry: 'ghcr.io', namespace: 'org', name: 'img', tag: '1.2', pinned: false, runOptions: ['-i', '--rm', '-e', 'X', '-v', 'a:b', '--name=n'] } });
    expect(parseImage(`mcp/x@sha256:${'a'.repeat(64)}`)).toMatchObject({ namespace: 'mcp', name: 'x', pinned: true });
    expect(parseImage('localhost:5000/x')).toMatchObject({ registry: 'localhost:5000', name: 'x' });
    expect(launchRef('podman', ['container', 'run', 'alpine'])).toMatchObject({ ref: { runner: 'podman', name: 'alpine' } });
  });

  it('returns nothing for local paths, URLs and plain commands', () => {
    expect(launchRef('npx', ['-y', './local'])).toBeUndefined();
    expect(launchRef('npx', ['github:user/repo'])).toBeUndefined();
    expect(launchRef('uvx', ['git+https://github.com/a/b'])).toBeUndefined();
    expect(launchRef('node', ['server.js'])).toBeUndefined();
    expect(launchRef('docker', ['ps'])).toBeUndefined();
    expect(launchRef('docker', ['run', '-i', '$IMAGE'])).toBeUndefined();
    expect(launchRef(undefined, [])).toBeUndefined();
  });
});

describe('splitCommandLine', () => {
  it('splits words and quotes like a POSIX shell, without expansion', () => {
    expect(splitCommandLine(`npx -y "a b" 'c d' e\\ f $HOME`)).toEqual(['npx', '-y', 'a b', 'c d', 'e f', '$HOME']);
    expect(splitCommandLine('x '.repeat(2000), 10)).toHaveLength(10);
  });
});
