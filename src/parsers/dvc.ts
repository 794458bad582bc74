// DVC `.dvc` files: YAML with `outs` entries (path, md5 or etag, size, nfiles for directories).
import { parse } from 'yaml';
import { count, isRecord, str } from './hf-card-values.js';

export interface DvcOut {
  path: string;
  md5?: string;
  size?: number;
  nfiles?: number;
  /** the out is a directory (md5 ends with .dir or nfiles given) */
  directory: boolean;
  remote?: string;
}

export type DvcResult = { ok: true; outs: DvcOut[] } | { ok: false; error: string };

export function parseDvc(text: string): DvcResult {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 50, prettyErrors: false });
  } catch (err) {
    return { ok: false, error: `invalid .dvc YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  if (!isRecord(data) || !Array.isArray(data.outs)) return { ok: false, error: '.dvc file has no outs list' };
  const outs: DvcOut[] = [];
  for (const o of data.outs.slice(0, 1000)) {
    if (!isRecord(o)) continue;
    const path = str(o.path);
    if (path === undefined) continue;
    const md5 = str(o.md5) ?? str(o.etag) ?? str(o.checksum);
    const nfiles = count(o.nfiles);
    outs.push({
      path,
      md5,
      size: count(o.size),
      nfiles,
      directory: nfiles !== undefined || (md5?.endsWith('.dir') ?? false) || path.endsWith('/'),
      remote: str(o.remote),
    });
  }
  if (outs.length === 0) return { ok: false, error: '.dvc file outs list has no entry with a path' };
  return { ok: true, outs };
}
