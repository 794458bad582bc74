// Bounded retries with exponential backoff for the Dependency-Track client: network errors,
// per-request timeouts, 5xx and 429 are retried; any other status is returned to the caller.
import fetch, { type RequestInit, type Response } from 'node-fetch';

export interface RetryTuning {
  /** attempts after the first one */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  requestTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryTuning = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  requestTimeoutMs: 300_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export class NetworkError extends Error {
  constructor(message: string, readonly attempts: number) {
    super(message);
  }
}

const retryable = (status: number) => status >= 500 || status === 429;

function describe(e: unknown): string {
  const err = e as { name?: string; code?: string; message?: string };
  if (err.name === 'AbortError') return 'request timed out';
  return err.code ? `${err.code}` : err.message ?? String(e);
}

function retryAfterMs(res: Response, fallback: number, max: number): number {
  const v = Number(res.headers.get('retry-after'));
  return Number.isFinite(v) && v > 0 ? Math.min(v * 1000, max) : fallback;
}

/** `body` is a function so a fresh body (streams, FormData) is built for each attempt */
export async function fetchWithRetry(
  url: string,
  init: () => RequestInit,
  tuning: RetryTuning,
  log: (line: string) => void,
): Promise<Response> {
  let lastProblem = '';
  for (let attempt = 0; ; attempt++) {
    const delay = Math.min(tuning.baseDelayMs * 2 ** attempt, tuning.maxDelayMs);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), tuning.requestTimeoutMs);
    let res: Response | undefined;
    try {
      res = await fetch(url, { ...init(), signal: ctl.signal });
    } catch (e) {
      lastProblem = describe(e);
    } finally {
      clearTimeout(timer);
    }
    if (res && !retryable(res.status)) return res;
    if (res) lastProblem = `HTTP ${res.status}`;
    if (attempt >= tuning.retries) {
      if (res) return res;
      throw new NetworkError(`${lastProblem} after ${attempt + 1} attempt${attempt ? 's' : ''}`, attempt + 1);
    }
    const wait = res ? retryAfterMs(res, delay, tuning.maxDelayMs) : delay;
    if (res) await res.arrayBuffer().catch(() => undefined);
    log(`${lastProblem}; retrying in ${wait} ms (attempt ${attempt + 2} of ${tuning.retries + 1})`);
    await tuning.sleep(wait);
  }
}

/** at most `max` bytes of a response body as text (error details, small JSON) */
export async function readBounded(res: Response, max = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const body = res.body;
  if (!body) return '';
  try {
    for await (const chunk of body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as ArrayBuffer);
      chunks.push(buf.subarray(0, Math.max(0, max - size)));
      size += buf.length;
      if (size >= max) break;
    }
  } catch {
    /* a broken body leaves what was read */
  }
  return Buffer.concat(chunks).toString('utf8');
}
