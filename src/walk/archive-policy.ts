// Which files the walk opens as archives, and the caps that keep a hostile archive from
// exhausting memory or disk (nothing is ever extracted to disk).
import type { FileRef } from '../detect/types.js';

export interface ArchiveLimits {
  /** members listed per archive before the rest is skipped with a warning */
  maxMembers: number;
  /** uncompressed bytes read per archive (all members) before stopping */
  maxTotalBytes: number;
  /** a member larger than this is hashed while streaming but not handed to detectors */
  maxMemberBytes: number;
  /** archives inside archives, counted from the top */
  maxDepth: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxMembers: 100_000,
  maxTotalBytes: 8 * 1024 ** 3,
  maxMemberBytes: 128 * 1024 ** 2,
  maxDepth: 3,
};

export type ArchiveKind = 'zip' | 'tar';

const TAR_ENDINGS = ['.tar', '.tar.gz', '.tgz', '.nemo', '.riva', '.tar.zst'];
const ZIP_ENDINGS = ['.zip', '.mar', '.whl', '.jar', '.nupkg'];
/** the name endings (lower case) of the files archiveKindByName() opens as archives */
export const ARCHIVE_ENDINGS: readonly string[] = [...TAR_ENDINGS, ...ZIP_ENDINGS];
const endingsRe = (endings: readonly string[]) => new RegExp(`(?:${endings.map((e) => e.replace(/\./g, '\\.')).join('|')})$`, 'i');
const TAR_NAMES = endingsRe(TAR_ENDINGS);
const ZIP_NAMES = endingsRe(ZIP_ENDINGS);

/** By name only (cheap); the content check happens when the archive is opened. Model containers that are
 *  zips themselves (.pt, .pth, .keras, .npz) are model files, not archives: detectors read them. */
export function archiveKindByName(ref: Pick<FileRef, 'name'>): ArchiveKind | undefined {
  if (TAR_NAMES.test(ref.name)) return 'tar';
  if (ZIP_NAMES.test(ref.name)) return 'zip';
  return undefined;
}

/** Refines the kind from the first bytes: gzip or ustar means tar, PK means zip. */
export function archiveKindByMagic(head: Buffer): ArchiveKind | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) ) return 'zip';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar';
  if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

/** A member name is unsafe when it is absolute or climbs out of the archive after normalisation. */
export function memberPathProblem(name: string): string | undefined {
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) || name.startsWith('\\')) return 'absolute path';
  const parts = name.split(/[\\/]+/);
  let depth = 0;
  for (const p of parts) {
    if (p === '..') depth--;
    else if (p !== '.' && p !== '') depth++;
    if (depth < 0) return 'path escapes the archive ("..")';
  }
  return undefined;
}

/** Normalised member path for display (never joined onto the real filesystem). */
export function normaliseMemberName(name: string): string {
  const out: string[] = [];
  for (const p of name.split(/[\\/]+/)) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}
