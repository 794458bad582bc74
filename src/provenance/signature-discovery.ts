// Finds OMS signatures next to models during a scan and decides what each covers:
// - model.sig (or any other bundle not named after a file) covers the folder that holds it;
// - <file>.sig / <file>.sigstore.json / <file>.sigstore covers that single file.
// Only files that parse as a Sigstore bundle count, except model.sig which is always checked.
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLE_MEDIA_TYPES } from './bundle-json.js';

export interface FoundSignature {
  /** display path of the signature file */
  path: string;
  /** display path of the folder it lives in ('' for the scan root) */
  dir: string;
  /** display path of the model it covers: the folder, or a single file in it */
  model: string;
  singleFile: boolean;
}

const SUFFIXES = ['.sigstore.json', '.sigstore', '.sig'];
const SNIFF_BYTES = 4096;

export function joinDisplay(dir: string, name: string): string {
  return dir === '' || dir === '.' ? name : `${dir}/${name}`;
}

function suffixOf(name: string): string | undefined {
  return SUFFIXES.find((s) => name.endsWith(s) && name.length > s.length);
}

/** Cheap check that a file looks like a Sigstore bundle: its first bytes carry a known mediaType. */
async function looksLikeBundle(abs: string): Promise<boolean> {
  const fh = await open(abs, 'r').catch(() => undefined);
  if (!fh) return false;
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    const head = buf.subarray(0, bytesRead).toString('utf8');
    return [...BUNDLE_MEDIA_TYPES].some((m) => head.includes(m));
  } finally {
    await fh.close();
  }
}

/** Signatures in one folder (display path `dir` under `root`). */
export async function signaturesIn(root: string, dir: string): Promise<FoundSignature[]> {
  const abs = join(root, dir);
  const names = await readdir(abs).catch(() => [] as string[]);
  const present = new Set(names);
  const out: FoundSignature[] = [];
  for (const name of names.sort()) {
    const suffix = suffixOf(name);
    if (!suffix) continue;
    const st = await stat(join(abs, name)).catch(() => undefined);
    if (!st?.isFile()) continue;
    if (name !== 'model.sig' && !(await looksLikeBundle(join(abs, name)))) continue;
    const target = name.slice(0, -suffix.length);
    const single = name !== 'model.sig' && present.has(target);
    out.push({ path: joinDisplay(dir, name), dir, model: single ? joinDisplay(dir, target) : dir, singleFile: single });
  }
  return out;
}
