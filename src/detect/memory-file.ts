// A ScanFile over bytes in memory: used for archive members that fit the member buffer cap,
// and by detector unit tests (no filesystem needed).
import { createHash } from 'node:crypto';
import type { FileRef, ScanFile } from './types.js';

export function extOf(name: string): string {
  const base = name.toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

export interface MemoryFileOptions {
  /** sibling files of the same folder, by name */
  siblings?: Record<string, Buffer | string>;
  dependency?: FileRef['dependency'];
  archive?: string;
}

export function memoryFile(path: string, content: Buffer | string, opts: MemoryFileOptions = {}): ScanFile {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const name = path.slice(path.lastIndexOf('/') + 1);
  let digest: string | undefined;
  const sibs = opts.siblings ?? {};
  return {
    path,
    name,
    ext: extOf(name),
    size: data.length,
    dependency: opts.dependency,
    archive: opts.archive,
    head: async (n) => data.subarray(0, Math.max(0, n)),
    range: async (start, end) => data.subarray(Math.max(0, start), Math.min(data.length, Math.max(start, end))),
    async *stream() {
      const CHUNK = 1 << 20;
      for (let i = 0; i < data.length; i += CHUNK) yield data.subarray(i, i + CHUNK);
    },
    text: async (maxBytes = 2 << 20) => (data.length > maxBytes || looksBinary(data) ? undefined : data.toString('utf8')),
    sha256: async () => (digest ??= createHash('sha256').update(data).digest('hex')),
    sibling: async (n, maxBytes = 2 << 20) => {
      const v = sibs[n];
      if (v === undefined) return undefined;
      const b = typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
      return b.length > maxBytes ? undefined : b;
    },
    siblings: async () => [...new Set([name, ...Object.keys(sibs)])].sort(),
  };
}
