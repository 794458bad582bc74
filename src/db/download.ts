// Downloads one URL to a file with node-fetch: conditional request (ETag / Last-Modified),
// streamed to disk, length checked, progress reported. Network failures become a RuntimeError
// whose message says what to do; a partial file is removed.
import { createWriteStream, rmSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fetch from 'node-fetch';
import { RuntimeError } from '../util/errors.js';

export interface DownloadResult {
  status: 'downloaded' | 'not-modified';
  bytes: number;
  etag?: string;
  lastModified?: string;
}

export interface DownloadOptions {
  etag?: string;
  lastModified?: string;
  onProgress?: (received: number, total: number | undefined) => void;
  timeoutMs?: number;
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT']);

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (code && OFFLINE_CODES.has(code)) return `network unreachable (${code}); are you offline?`;
  return e.message ?? String(err);
}

export async function downloadTo(url: string, file: string, opts: DownloadOptions = {}): Promise<DownloadResult> {
  const headers: Record<string, string> = { 'user-agent': 'aibom-db-update' };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  let res;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(opts.timeoutMs ?? 30 * 60_000) });
  } catch (err) {
    throw new RuntimeError(`cannot download ${url}: ${describe(err)}`, 'E_NETWORK');
  }
  if (res.status === 304) return { status: 'not-modified', bytes: 0, etag: opts.etag, lastModified: opts.lastModified };
  if (!res.ok || !res.body) throw new RuntimeError(`cannot download ${url}: HTTP ${res.status} ${res.statusText}`, 'E_NETWORK');
  const lengthHeader = res.headers.get('content-length');
  const total = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      received += chunk.length;
      opts.onProgress?.(received, total);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(res.body, counter, createWriteStream(file));
  } catch (err) {
    rmSync(file, { force: true });
    throw new RuntimeError(`download of ${url} was interrupted after ${received} bytes: ${describe(err)}`, 'E_NETWORK');
  }
  if (total !== undefined && received !== total) {
    rmSync(file, { force: true });
    throw new RuntimeError(`download of ${url} is incomplete (${received} of ${total} bytes)`, 'E_NETWORK');
  }
  return {
    status: 'downloaded',
    bytes: received,
    etag: res.headers.get('etag') ?? undefined,
    lastModified: res.headers.get('last-modified') ?? undefined,
  };
}
