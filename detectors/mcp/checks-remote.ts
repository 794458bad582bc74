// Checks on remote MCP servers and on credentials written into a config: plain HTTP, no
// authentication, secrets in URLs, literal secrets in env / headers / arguments.
import { redactSecret } from '../../src/util/redact.js';
import type { KeyValue } from '../../src/parsers/mcp/servers.js';
import { field } from '../../src/parsers/mcp/tree.js';
import { strList } from '../agents/data.js';
import { findSecrets } from '../agents/secrets.js';
import { regexList, type Hit, type ServerCheck, type ServerCheckInput } from './check-types.js';
import { isLoopbackHost, isPlaceholder, isReference, lineOf, parseUrl, remoteUrls } from './values.js';

function packageName(input: ServerCheckInput): string | undefined {
  return input.launch?.type === 'package' ? input.launch.ref.name : undefined;
}

export const remotePlaintext: ServerCheck = (input) => {
  const out: Hit[] = [];
  for (const { url, line } of remoteUrls(input.server, packageName(input), strList(input.params.proxyPackages))) {
    const u = parseUrl(url);
    if (u && (u.protocol === 'http:' || u.protocol === 'ws:') && !isLoopbackHost(u.hostname)) {
      out.push({ line, detail: `${u.protocol.slice(0, -1)}://${u.host} is not encrypted` });
    }
  }
  return out;
};

export const remoteNoAuth: ServerCheck = (input) => {
  const { server, params } = input;
  const pkg = packageName(input);
  const urls = remoteUrls(server, pkg, strList(params.proxyPackages)).filter(({ url }) => {
    const u = parseUrl(url);
    return u !== undefined && !isLoopbackHost(u.hostname);
  });
  if (urls.length === 0) return [];
  const authHeader = regexList(params.authHeaders);
  if (server.headers.some((h) => authHeader.some((r) => r.test(h.key)))) return [];
  if (strList(params.authKeys).some((k) => field(server.entry, k) !== undefined)) return [];
  if (server.args.some((a) => a === '--header' || /authorization|api[-_]?key/i.test(a))) return [];
  if (urls.some(({ url }) => [...(parseUrl(url)?.searchParams.keys() ?? [])].some((k) => /key|token|auth/i.test(k)))) return [];
  const host = parseUrl(urls[0].url)?.host ?? urls[0].url;
  return [{ line: urls[0].line, detail: `${host} is reached with no Authorization/API-key header and no OAuth settings` }];
};

export const urlSecret: ServerCheck = (input) => {
  const keyRx = regexList(input.params.queryKeys);
  const out: Hit[] = [];
  for (const { url, line } of remoteUrls(input.server, packageName(input), ['mcp-remote', 'supergateway', 'mcp-proxy'])) {
    const u = parseUrl(url);
    if (!u) continue;
    if (u.password && !isReference(decodeURIComponent(u.password))) {
      out.push(secretHit(line, `URL user-info of ${u.host} holds a password`, decodeURIComponent(u.password)));
    }
    for (const [k, v] of u.searchParams) {
      if (keyRx.some((r) => r.test(k)) && v.length >= 4 && !isReference(v) && !isPlaceholder(v)) {
        out.push(secretHit(line, `URL query parameter ${k} of ${u.host} holds a literal value`, v));
      }
    }
  }
  return out;
};

function secretHit(line: number, detail: string, secret: string): Hit {
  const r = redactSecret(secret);
  return { line, detail: `${detail} (${r.redacted})`, properties: { 'aibom:secret:sha256': r.sha256 } };
}

function judge(kv: KeyValue, names: RegExp[], where: string): Hit | undefined {
  const v = kv.value.trim();
  if (isReference(v)) return undefined;
  const provider = findSecrets(v)[0];
  if (provider) return secretHit(kv.line, `${where} ${kv.key} holds a ${provider.name}`, provider.value);
  const bare = v.replace(/^(?:bearer|basic|token)\s+/i, '');
  if (names.some((r) => r.test(kv.key)) && bare.length >= 8 && !/\s/.test(bare) && !isPlaceholder(bare)) {
    return secretHit(kv.line, `${where} ${kv.key} holds a literal credential`, bare);
  }
  return undefined;
}

export const literalSecret: ServerCheck = ({ server, params }) => {
  const names = regexList(params.secretNames);
  const flags = new Set(strList(params.secretFlags));
  const out: Hit[] = [];
  for (const e of server.env) {
    const h = judge(e, names, 'env');
    if (h) out.push(h);
  }
  for (const e of server.headers) {
    const h = judge(e, names, 'header');
    if (h) out.push(h);
  }
  const argsLine = lineOf(server, 'args');
  const a = server.args;
  for (let i = 0; i < a.length; i++) {
    const eq = a[i].indexOf('=');
    const flag = eq > 0 ? a[i].slice(0, eq) : a[i];
    const value = eq > 0 ? a[i].slice(eq + 1) : a[i + 1];
    if (value !== undefined && (flag === '--header' || flag === '-H')) {
      const colon = value.indexOf(':');
      const h = colon > 0 ? judge({ key: value.slice(0, colon).trim(), value: value.slice(colon + 1), line: argsLine }, names, 'header argument') : undefined;
      if (h) out.push(h);
      if (eq < 0) i++;
    } else if (value !== undefined && flags.has(flag)) {
      const h = judge({ key: 'token', value, line: argsLine }, names, `argument ${flag}`);
      if (h) out.push({ ...h, detail: h.detail.replace(' token ', ' ') });
      if (eq < 0) i++;
    } else if (!a[i].startsWith('-')) {
      const s = findSecrets(a[i])[0];
      if (s) out.push(secretHit(argsLine, `an argument holds a ${s.name}`, s.value));
    }
  }
  return out;
};
