// Checks on how a local MCP server is launched: unpinned packages and images, privileged
// containers, shells and inline code, broad filesystem roots, listening on every interface.
import { programName, splitCommandLine } from '../../src/parsers/mcp/command-line.js';
import type { McpServer } from '../../src/parsers/mcp/servers.js';
import { strList } from '../agents/data.js';
import { regexList, type Hit, type ServerCheck } from './check-types.js';
import { lineOf } from './values.js';

const WRAPPERS: Record<string, string[]> = {
  cmd: ['/c', '/k'],
  bash: ['-c'],
  sh: ['-c'],
  zsh: ['-c'],
  powershell: ['-command', '-c'],
  pwsh: ['-command', '-c'],
};
const SHELL_META = /[|;&`<>]|\$\(/;

/** `cmd /c npx -y pkg` and `bash -c "uvx pkg"` are the usual way to start a runner on some
 *  systems: look through the wrapper when what it runs is one plain command. */
export function unwrapShell(server: McpServer): McpServer {
  if (!server.command) return server;
  const flags = WRAPPERS[programName(server.command)];
  if (!flags || server.args.length < 2 || !flags.includes(server.args[0].toLowerCase())) return server;
  const inner = server.args.length === 2 ? splitCommandLine(server.args[1]) : server.args.slice(1);
  if (inner.length === 0 || inner.some((w) => SHELL_META.test(w)) || WRAPPERS[programName(inner[0])]) return server;
  return { ...server, command: inner[0], args: inner.slice(1) };
}

export const unpinnedPackage: ServerCheck = ({ server, launch }) => {
  if (launch?.type !== 'package' || launch.ref.pinned) return [];
  const r = launch.ref;
  const want = r.spec ? `@${r.spec}` : ' (no version)';
  const silent = r.silentInstall ? ', installed without a prompt' : '';
  return [{ line: lineOf(server, 'args'), detail: `${r.runner} runs ${r.ecosystem} package ${r.name}${want}${silent}` }];
};

export const unpinnedImage: ServerCheck = ({ server, launch }) => {
  if (launch?.type !== 'image' || launch.ref.pinned) return [];
  return [{ line: lineOf(server, 'args'), detail: `${launch.ref.runner} runs image ${launch.ref.image} without a sha256 digest` }];
};

function mountSource(opt: string, value: string | undefined): string | undefined {
  if ((opt === '-v' || opt === '--volume') && value) return value.split(':').slice(0, /^[A-Za-z]:/.test(value) ? 2 : 1).join(':');
  if (opt === '--mount' && value) {
    const m = /(?:^|,)(?:source|src)=([^,]+)/.exec(value);
    return m?.[1];
  }
  return undefined;
}

export const dockerPrivileged: ServerCheck = ({ server, launch, params }) => {
  if (launch?.type !== 'image') return [];
  const bad = new Set(strList(params.flags).map((f) => f.toLowerCase()));
  const sources = strList(params.sensitiveSources);
  const suffixes = strList(params.sensitiveSuffixes);
  const opts = launch.ref.runOptions;
  const found: string[] = [];
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i];
    const eq = o.indexOf('=');
    const name = eq > 0 ? o.slice(0, eq) : o;
    const value = eq > 0 ? o.slice(eq + 1) : opts[i + 1];
    const joined = `${name}=${value ?? ''}`.toLowerCase();
    if (bad.has(o.toLowerCase()) || bad.has(joined)) found.push(eq > 0 || bad.has(o.toLowerCase()) ? o : `${name} ${value}`);
    const raw = mountSource(name, value);
    const src = raw === undefined ? undefined : raw.replace(/\/+$/, '') || '/';
    if (src !== undefined && (sources.includes(src) || suffixes.some((s) => src.endsWith(s)))) found.push(`mounts ${src}`);
  }
  return found.length ? [{ line: lineOf(server, 'args'), detail: `docker run ${[...new Set(found)].join(', ')}` }] : [];
};

export const shellExec: ServerCheck = ({ server, launch, params }) => {
  if (!server.command) return [];
  const prog = programName(server.command);
  const a0 = server.args[0]?.toLowerCase();
  if (strList(params.shells).includes(prog) && a0 !== undefined && strList(params.shellInline).includes(a0)) {
    return [{ line: lineOf(server, 'command'), detail: `command is the shell ${prog} ${server.args[0]} with inline code` }];
  }
  const interp = prog.replace(/[\d.]+$/, '');
  if (strList(params.interpreters).includes(interp) && a0 !== undefined && strList(params.interpreterInline).includes(a0)) {
    return [{ line: lineOf(server, 'command'), detail: `command runs inline ${prog} code (${server.args[0]})` }];
  }
  const pkg = launch?.type === 'package' ? launch.ref.name : launch?.type === 'image' ? launch.ref.name : undefined;
  const names = [pkg, server.name].filter((x): x is string => x !== undefined);
  const rx = regexList(params.execServers);
  const hit = names.find((n) => rx.some((r) => r.test(n)));
  return hit ? [{ line: server.line, detail: `"${hit}" is a shell / command-execution server` }] : [];
};

export const broadFs: ServerCheck = ({ server, launch, params }) => {
  const pkg = launch?.type === 'package' ? launch.ref.name : undefined;
  const isFs =
    (pkg !== undefined && strList(params.fsPackages).includes(pkg)) ||
    regexList(params.fsNames).some((r) => r.test(server.name) || server.args.some((a) => r.test(a.replace(/\.[a-z]+$/, ''))));
  if (!isFs) return [];
  const roots = new Set(strList(params.broadRoots));
  const hits = server.args.filter((a) => roots.has(a.trim()) || roots.has(a.trim().replace(/\/+$/, '')));
  return hits.length ? [{ line: lineOf(server, 'args'), detail: `filesystem access to ${hits.join(', ')}` }] : [];
};

export const bindAll: ServerCheck = ({ server, params }) => {
  if (server.remote) return [];
  const any = strList(params.anyAddress);
  const hostEnv = regexList(params.hostEnv);
  const out: Hit[] = [];
  const argHit = server.args.find((a) => any.some((addr) => a === addr || a.endsWith(`=${addr}`) || a.startsWith(`${addr}:`) || a.includes(`=${addr}:`)));
  if (argHit) out.push({ line: lineOf(server, 'args'), detail: `argument ${argHit} listens on every interface` });
  for (const e of server.env) {
    if (hostEnv.some((r) => r.test(e.key)) && any.includes(e.value.trim())) out.push({ line: e.line, detail: `${e.key}=${e.value} listens on every interface` });
  }
  return out;
};
