// Inventory entries for one analysed MCP config: the config file, one service per server, and
// the package or container image a server's launch command installs (for advisory matching).
import { PackageURL } from 'packageurl-js';
import type { Asset, ContainerAsset, FileAsset, LibraryAsset, ServiceAsset } from '../../src/inventory/types.js';
import type { ImageRef, PackageRef } from '../../src/parsers/mcp/package-ref.js';
import { redactSecret } from '../../src/util/redact.js';
import { findSecrets } from '../agents/secrets.js';
import type { AnalysedServer } from './analyse.js';
import type { McpClientSpec } from './clients.js';
import { isReference, parseUrl } from './values.js';

export const MCP_DETECTOR_ID = 'agent/mcp-config';

export function serviceKey(path: string, server: string): string {
  return `mcp:${path}#${server}`;
}

/** Arguments with secrets replaced by their redacted form (provider formats, secret flags, auth headers). */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    for (const s of findSecrets(a)) a = a.split(s.value).join(redactSecret(s.value).redacted);
    const prev = args[i - 1]?.toLowerCase() ?? '';
    if (/^--?(?:token|api-?key|key|secret|password|access-token|auth-token|client-secret)$/.test(prev) && !isReference(a)) a = redactSecret(a).redacted;
    const kv = /^(--?(?:token|api-?key|secret|password|access-token|auth-token|client-secret)=)(.+)$/i.exec(a);
    if (kv && !isReference(kv[2])) a = kv[1] + redactSecret(kv[2]).redacted;
    const hdr = /^((?:authorization|[\w-]*(?:api-?key|token))\s*:\s*(?:bearer\s+|basic\s+)?)(.+)$/i.exec(a);
    if (hdr && !isReference(hdr[2])) a = hdr[1] + redactSecret(hdr[2]).redacted;
    out.push(a);
  }
  return out;
}

/** URL without credentials: user-info dropped and secret-looking query values redacted. */
export function redactUrl(url: string): string {
  const u = parseUrl(url);
  if (!u) return url;
  u.username = '';
  u.password = '';
  for (const [k, v] of [...u.searchParams]) {
    if (/key|token|auth|secret|password|pwd|sig|session/i.test(k) && !isReference(v)) u.searchParams.set(k, redactSecret(v).redacted);
  }
  return u.toString();
}

function packagePurl(r: PackageRef): { purl: string; group?: string; name: string } {
  const slash = r.name.lastIndexOf('/');
  const group = r.ecosystem === 'npm' && r.name.startsWith('@') && slash > 0 ? r.name.slice(0, slash) : undefined;
  const name = group ? r.name.slice(slash + 1) : r.name;
  const purl = new PackageURL(r.ecosystem === 'npm' ? 'npm' : 'pypi', group ?? null, name, r.version ?? null, null, null).toString();
  return { purl, group, name };
}

function imagePurl(r: ImageRef): string {
  const qualifiers = r.registry ? { repository_url: r.registry } : null;
  const version = r.digest ?? r.tag ?? null;
  return new PackageURL('docker', r.namespace ?? null, r.name, version, qualifiers, null).toString();
}

export function mcpAssets(path: string, client: McpClientSpec, servers: AnalysedServer[], inputs: string[], authenticated: (s: AnalysedServer) => boolean): Asset[] {
  const fileKey = `file:${path}`;
  const file: FileAsset = {
    key: fileKey,
    kind: 'file',
    name: path,
    role: 'mcp-config',
    locations: [{ path }],
    properties: { 'aibom:mcp:client': client.name },
    detectors: [MCP_DETECTOR_ID],
  };
  if (servers.length) file.properties!['aibom:mcp:servers'] = servers.map((s) => s.server.name);
  if (inputs.length) file.properties!['aibom:mcp:inputs'] = inputs;
  const out: Asset[] = [file];
  for (const s of servers) {
    const { server, launch } = s;
    const key = serviceKey(path, server.name);
    const location = { path, line: server.line };
    const props: Record<string, string | string[]> = { 'aibom:mcp:client': client.name, 'aibom:mcp:transport': server.transport };
    if (server.command) props['aibom:mcp:command'] = [server.command, ...redactArgs(server.args)].join(' ');
    if (server.env.length) props['aibom:mcp:env'] = server.env.map((e) => e.key);
    if (server.disabled) props['aibom:mcp:disabled'] = 'true';
    const svc: ServiceAsset = { key, kind: 'service', name: server.name, endpoints: server.url ? [redactUrl(server.url)] : [], locations: [location], properties: props, parent: fileKey, detectors: [MCP_DETECTOR_ID] };
    if (server.remote) {
      svc.trustBoundary = true;
      svc.authenticated = authenticated(s);
    }
    out.push(svc);
    if (launch?.type === 'package') {
      const r = launch.ref;
      const p = packagePurl(r);
      props['aibom:mcp:package'] = p.purl;
      const lib: LibraryAsset = { key: `lib:${p.purl}`, kind: 'library', name: p.name, purl: p.purl, ecosystem: r.ecosystem, ai: true, locations: [location], properties: { 'aibom:mcp:server': key, 'aibom:mcp:runner': r.runner }, detectors: [MCP_DETECTOR_ID] };
      if (p.group) lib.group = p.group;
      if (r.version) lib.version = r.version;
      else if (r.spec) lib.versionSpec = r.spec;
      out.push(lib);
    } else if (launch?.type === 'image') {
      const purl = imagePurl(launch.ref);
      props['aibom:mcp:package'] = purl;
      const c: ContainerAsset = { key: `container:${purl}`, kind: 'container', name: launch.ref.namespace ? `${launch.ref.namespace}/${launch.ref.name}` : launch.ref.name, purl, locations: [location], properties: { 'aibom:mcp:server': key, 'aibom:mcp:runner': launch.ref.runner }, detectors: [MCP_DETECTOR_ID] };
      if (launch.ref.digest || launch.ref.tag) c.version = launch.ref.digest ?? launch.ref.tag;
      if (launch.ref.registry) c.properties!['aibom:container:registry'] = launch.ref.registry;
      out.push(c);
    }
  }
  return out;
}
