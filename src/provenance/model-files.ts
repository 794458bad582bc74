// Enumerates the files of a model (a folder or a single file) the way OMS signers do: POSIX paths
// relative to the model root, default and user exclusions, symlinks only when the signature says so.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { CheckFailure } from './types.js';

/** Always excluded at the top level of a model folder (OMS 6.2). */
export const DEFAULT_IGNORES = ['.git', '.gitignore', '.gitattributes', '.github'];
export const MAX_MODEL_FILES = 200_000;

export interface ModelFile {
  /** relative POSIX path; for a single-file model its basename */
  rel: string;
  abs: string;
  size: number;
}

export interface Enumeration {
  files: ModelFile[];
  /** symlinks met while they are not allowed */
  symlinks: string[];
  singleFile: boolean;
}

export interface EnumerateOptions {
  /** exact relative paths (files or folders) to leave out */
  ignore: readonly string[];
  allowSymlinks: boolean;
}

export function isIgnored(rel: string, ignore: readonly string[]): boolean {
  return ignore.some((p) => rel === p || rel.startsWith(p.endsWith('/') ? p : p + '/'));
}

/** Normalise a relative path: POSIX separators, no "./", no empty or "." components. */
export function canonicalRel(p: string): string {
  return p
    .split(/[\\/]+/)
    .filter((c) => c !== '' && c !== '.')
    .join('/');
}

export async function enumerateModel(modelPath: string, opts: EnumerateOptions): Promise<Enumeration> {
  const top = await lstat(modelPath).catch(() => undefined);
  if (!top) throw new CheckFailure('io', `model path ${modelPath} does not exist`);
  const topIsLink = top.isSymbolicLink();
  const target = topIsLink ? await stat(modelPath).catch(() => undefined) : top;
  if (!target) throw new CheckFailure('io', `model path ${modelPath} is a broken symlink`);
  if (target.isFile()) return { files: [{ rel: basename(modelPath), abs: modelPath, size: target.size }], symlinks: [], singleFile: true };
  const files: ModelFile[] = [];
  const symlinks: string[] = [];
  const seen = new Set<string>([await realpath(modelPath)]);
  const ignore = [...DEFAULT_IGNORES, ...opts.ignore];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      const rel = relative(modelPath, abs).split(sep).join('/');
      if (isIgnored(rel, ignore)) continue;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        if (!opts.allowSymlinks) {
          symlinks.push(rel);
          continue;
        }
        const t = await stat(abs).catch(() => undefined);
        if (!t) {
          symlinks.push(rel);
          continue;
        }
        isDir = t.isDirectory();
        isFile = t.isFile();
        if (isDir) {
          const real = await realpath(abs);
          if (seen.has(real)) continue; // a cycle back to an ancestor
          seen.add(real);
        }
      }
      if (isDir) await walk(abs);
      else if (isFile) {
        if (files.length >= MAX_MODEL_FILES) throw new CheckFailure('unsupported', `the model holds more than ${MAX_MODEL_FILES} files`);
        const st = await stat(abs);
        files.push({ rel, abs, size: st.size });
      }
    }
  };
  await walk(modelPath);
  return { files, symlinks, singleFile: false };
}

const NODE_HASH: Record<string, string> = { sha256: 'sha256', blake2b: 'blake2b512' };

export function supportedHash(hashType: string): boolean {
  return hashType in NODE_HASH;
}

/** Hex digest of bytes [start, end) of a file (the whole file when no range), streamed. */
export async function hashFile(abs: string, hashType: string, range?: { start: number; end: number }): Promise<string> {
  const algo = NODE_HASH[hashType];
  if (!algo) throw new CheckFailure('unsupported', `hash type ${hashType} is not supported (sha256, blake2b)`);
  const h = createHash(algo);
  if (range && range.end <= range.start) return h.digest('hex');
  const stream = createReadStream(abs, range ? { start: range.start, end: range.end - 1 } : {});
  for await (const chunk of stream) h.update(chunk as Buffer);
  return h.digest('hex');
}
