// A small Dependency-Track stand-in on 127.0.0.1 for the export tests: PUT and multipart POST
// /api/v1/bom and GET /api/v1/event/token/{uuid}, with the checks the real server makes (API key,
// project lookup and auto-create, base64 decoding, CycloneDX schema validation, a body size limit).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cycloneDxJsonErrors } from '../helpers/schema.js';

export interface Upload {
  method: string;
  contentType: string;
  fields: Record<string, unknown>;
  bom: Record<string, unknown>;
  schemaErrors: string[];
}

export interface FakeDtrack {
  url: string;
  apiKey: string;
  uploads: Upload[];
  requests: { method: string; path: string; apiKey?: string }[];
  /** statuses to answer before handling, one per request (e.g. [500] for one failure) */
  failures: number[];
  /** requests whose socket is destroyed before any answer (network error) */
  drops: number;
  /** answers to successive token polls; the last one repeats */
  processing: boolean[];
  /** projects that exist: uuid -> "name@version" */
  projects: Map<string, string>;
  forbidden: boolean;
  maxBodyBytes: number;
  /** the 401 body names the key it got, so the client's redaction is tested */
  echoKeyOn401: boolean;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) return 'too-large';
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startFakeDtrack(apiKey: string): Promise<FakeDtrack> {
  const state = {
    apiKey, uploads: [] as Upload[], requests: [] as FakeDtrack['requests'], failures: [] as number[], drops: 0,
    processing: [false], projects: new Map<string, string>(), forbidden: false, maxBodyBytes: 50 * 1024 * 1024, echoKeyOn401: false,
  };
  let polls = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 400, { title: 'The uploaded BOM is invalid', detail: String(e) }));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = req.url ?? '';
    const key = req.headers['x-api-key'];
    state.requests.push({ method: req.method ?? '', path, apiKey: typeof key === 'string' ? key : undefined });
    if (state.drops > 0) {
      state.drops--;
      req.socket.destroy();
      return;
    }
    const fail = state.failures.shift();
    if (fail) return send(res, fail, { title: 'Injected failure', status: fail });
    if (key !== state.apiKey) return send(res, 401, state.echoKeyOn401 ? `Invalid API key ${String(key)}` : 'Unauthorized', 'text/plain');
    const poll = /^\/api\/v1\/event\/token\/([0-9a-f-]{36})$/.exec(path);
    if (req.method === 'GET' && poll) {
      const p = state.processing[Math.min(polls++, state.processing.length - 1)];
      return send(res, 200, { processing: p });
    }
    if (path !== '/api/v1/bom' || (req.method !== 'PUT' && req.method !== 'POST')) return send(res, 404, 'Not Found', 'text/plain');
    const body = await readBody(req, state.maxBodyBytes);
    if (body === 'too-large') return send(res, 413, '<html><body>413 Request Entity Too Large</body></html>', 'text/html');
    const contentType = req.headers['content-type'] ?? '';
    let fields: Record<string, unknown>;
    let bomText: string;
    if (req.method === 'PUT') {
      if (!contentType.startsWith('application/json')) return send(res, 415, 'Unsupported Media Type', 'text/plain');
      fields = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      bomText = Buffer.from(String(fields.bom), 'base64').toString('utf8');
    } else {
      const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
      fields = {};
      for (const [k, v] of form.entries()) if (typeof v === 'string') fields[k] = v;
      const file = form.get('bom');
      if (!file || typeof file === 'string') return send(res, 400, { title: 'No BOM file provided.' });
      bomText = await file.text();
    }
    const doc = JSON.parse(bomText) as Record<string, unknown>;
    const spec = doc.specVersion === '1.7' ? '1.7' : '1.6';
    const schemaErrors = cycloneDxJsonErrors(doc, spec);
    state.uploads.push({ method: req.method, contentType, fields, bom: doc, schemaErrors });
    if (schemaErrors.length) return send(res, 400, { title: 'The uploaded BOM is invalid', errors: schemaErrors });
    if (state.forbidden) return send(res, 403, { title: 'Access to the requested project is forbidden' });
    const byName = `${String(fields.projectName)}@${String(fields.projectVersion)}`;
    const exists = typeof fields.project === 'string' ? state.projects.has(fields.project) : [...state.projects.values()].includes(byName);
    if (!exists) {
      const auto = fields.autoCreate === true || fields.autoCreate === 'true';
      if (typeof fields.project === 'string' || !auto) return send(res, 404, 'The project could not be found.', 'text/plain');
      state.projects.set(randomUUID(), byName);
    }
    polls = 0;
    return send(res, 200, { token: randomUUID() });
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const fake = Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  });
  return fake;
}
