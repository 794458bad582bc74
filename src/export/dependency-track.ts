// Dependency-Track client: upload a CycloneDX BOM (PUT JSON with the base64 BOM, or POST multipart
// above the PUT size limit) and optionally wait for processing (GET /api/v1/event/token/{uuid}).
// The API key goes only into the X-Api-Key header; every message leaving here is redacted.
import { Blob, FormData } from 'node-fetch';
import { RuntimeError, UsageError } from '../util/errors.js';
import { redactIn } from '../util/redact.js';
import { bomSpecOf, checkSpecForDependencyTrack } from './bom-spec.js';
import { uploadFailureMessage, type ErrorContext } from './dtrack-errors.js';
import { DEFAULT_RETRY, fetchWithRetry, NetworkError, readBounded, type RetryTuning } from './retry.js';
import { waitForProcessing } from './wait.js';

/** the largest base64 BOM Dependency-Track accepts in the PUT JSON body */
export const PUT_BASE64_LIMIT = 20_000_000;

export interface DependencyTrackTuning extends RetryTuning {
  pollIntervalMs: number;
  /** base64 length above which the multipart POST is used */
  multipartThreshold: number;
}

export interface DependencyTrackUpload {
  /** server base URL (`https://dtrack.example.com` or `.../api`) */
  url: string;
  apiKey: string;
  /** the BOM file content exactly as written to disk */
  bom: string | Uint8Array;
  /** how messages name the BOM (its path) */
  bomLabel?: string;
  project?: string;
  projectName?: string;
  projectVersion?: string;
  autoCreate?: boolean;
  parentName?: string;
  parentVersion?: string;
  parentUuid?: string;
  tags?: string[];
  wait?: boolean;
  /** how long --wait polls, default 300 s */
  timeoutMs?: number;
  allowSpec17?: boolean;
  /** progress and retry notes (already redacted) */
  log?: (line: string) => void;
  tuning?: Partial<DependencyTrackTuning>;
}

export interface DependencyTrackResult {
  token?: string;
  /** with wait: true once Dependency-Track reports processing done */
  processed?: boolean;
  /** "put" or "multipart" */
  method: 'put' | 'multipart';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function apiBase(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--url "${url}" is not a URL; give the Dependency-Track API server, e.g. https://dtrack.example.com.`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`--url must be http(s), not ${u.protocol}`);
  if (u.username || u.password) throw new UsageError('--url must not carry credentials; the API key comes from DTRACK_API_KEY.');
  const path = u.pathname.replace(/\/+$/, '').replace(/\/api(\/v1)?$/, '');
  return `${u.origin}${path}/api`;
}

function validate(o: DependencyTrackUpload): string {
  if (!o.apiKey) throw new UsageError('no API key: set the DTRACK_API_KEY environment variable (a Dependency-Track API key with BOM_UPLOAD).');
  if (o.project) {
    if (!UUID.test(o.project.toLowerCase())) throw new UsageError(`--project must be a project UUID (36 characters), not "${o.project}".`);
    if (o.projectName || o.projectVersion) throw new UsageError('give either --project UUID or --project-name and --project-version, not both.');
    return `project ${o.project.toLowerCase()}`;
  }
  if (!o.projectName || !o.projectVersion) {
    throw new UsageError('say which project: --project UUID, or --project-name NAME and --project-version VERSION (with --auto-create to create it).');
  }
  if (o.parentVersion && !o.parentName && !o.parentUuid) throw new UsageError('--parent-version needs --parent-name.');
  if (o.parentUuid && !UUID.test(o.parentUuid.toLowerCase())) throw new UsageError(`--parent-uuid must be a UUID, not "${o.parentUuid}".`);
  return `project "${o.projectName}" version "${o.projectVersion}"`;
}

function fields(o: DependencyTrackUpload): Record<string, string | undefined> {
  return {
    project: o.project?.toLowerCase(),
    projectName: o.project ? undefined : o.projectName,
    projectVersion: o.project ? undefined : o.projectVersion,
    parentUUID: o.parentUuid?.toLowerCase(),
    parentName: o.parentUuid ? undefined : o.parentName,
    parentVersion: o.parentUuid ? undefined : o.parentVersion,
  };
}

export async function uploadToDependencyTrack(o: DependencyTrackUpload): Promise<DependencyTrackResult> {
  const secrets = [o.apiKey];
  const log = (line: string) => o.log?.(redactIn(line, secrets));
  const tuning: DependencyTrackTuning = { ...DEFAULT_RETRY, pollIntervalMs: 2000, multipartThreshold: PUT_BASE64_LIMIT, ...o.tuning };
  const label = o.bomLabel ?? 'the BOM';
  try {
    const project = validate(o);
    const bytes = typeof o.bom === 'string' ? Buffer.from(o.bom, 'utf8') : Buffer.from(o.bom.buffer, o.bom.byteOffset, o.bom.byteLength);
    const spec = bomSpecOf(bytes.toString('utf8'), label);
    checkSpecForDependencyTrack(spec, label, o.allowSpec17 === true);
    const base = apiBase(o.url);
    const endpoint = `${base}/v1/bom`;
    const base64Length = Math.ceil(bytes.length / 3) * 4;
    const method = base64Length > tuning.multipartThreshold ? 'multipart' : 'put';
    const tags = (o.tags ?? []).map((t) => t.trim()).filter(Boolean);
    const f = fields(o);
    const headers = { 'X-Api-Key': o.apiKey, Accept: 'application/json' };
    log(`uploading ${label} (${bytes.length} bytes, CycloneDX ${spec.specVersion}) to ${endpoint} for ${project}${method === 'multipart' ? ' as multipart/form-data' : ''}`);
    const init = method === 'put'
      ? () => {
        const body: Record<string, unknown> = { ...f, autoCreate: o.autoCreate === true, bom: bytes.toString('base64') };
        if (tags.length) body.projectTags = tags.map((name) => ({ name }));
        return { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
      }
      : () => {
        const form = new FormData();
        for (const [k, v] of Object.entries(f)) if (v !== undefined) form.append(k, v);
        form.append('autoCreate', String(o.autoCreate === true));
        if (tags.length) form.append('projectTags', tags.join(','));
        form.append('bom', new Blob([new Uint8Array(bytes)], { type: spec.format === 'xml' ? 'application/xml' : 'application/json' }), `bom.${spec.format}`);
        return { method: 'POST', headers, body: form };
      };
    const res = await fetchWithRetry(endpoint, init, tuning, log);
    const text = await readBounded(res);
    if (!res.ok) {
      const ctx: ErrorContext = { project, autoCreate: o.autoCreate === true, bomBytes: bytes.length, endpoint };
      throw new RuntimeError(uploadFailureMessage(res.status, text, ctx), 'E_DTRACK_UPLOAD');
    }
    let token: string | undefined;
    try {
      const t = (JSON.parse(text) as { token?: unknown }).token;
      token = typeof t === 'string' && UUID.test(t.toLowerCase()) ? t : undefined;
    } catch {
      /* an answer without a token */
    }
    log(`uploaded: Dependency-Track answered ${res.status}${token ? `, token ${token}` : ' without a processing token'}`);
    if (!o.wait) return { token, method };
    if (!token) throw new RuntimeError('the BOM was uploaded, but Dependency-Track returned no token to wait on (--wait).', 'E_DTRACK_WAIT');
    await waitForProcessing(base, token, o.apiKey, o.timeoutMs ?? 300_000, tuning, log);
    return { token, processed: true, method };
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(redactIn(e.message, secrets));
    if (e instanceof RuntimeError) throw new RuntimeError(redactIn(e.message, secrets), e.code);
    if (e instanceof NetworkError) throw new RuntimeError(redactIn(`cannot reach Dependency-Track at ${o.url}: ${e.message}. Check --url and the network.`, secrets), 'E_DTRACK_NETWORK');
    throw new RuntimeError(redactIn(`Dependency-Track upload failed: ${(e as Error).message}`, secrets), 'E_DTRACK');
  }
}
