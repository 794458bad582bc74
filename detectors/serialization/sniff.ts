// Decide by magic bytes (never by extension) what kind of serialized container a file is.
import { looksLikePickle } from '../../src/parsers/pickle/index.js';
import { looksLikeZip } from '../../src/parsers/zip.js';

export type ContainerKind =
  | { kind: 'zip' | 'npy' | 'pickle' | 'zlib' | 'gzip' | 'bz2' | 'xz' | 'lzma' | 'none' }
  | { kind: 'unsupported'; format: string; label: string };

export function sniffContainer(head: Buffer): ContainerKind {
  if (head.length < 2) return { kind: 'none' };
  if (looksLikeZip(head)) return { kind: 'zip' };
  if (head.subarray(0, 6).toString('latin1') === '\x93NUMPY') return { kind: 'npy' };
  if (looksLikePickle(head)) return { kind: 'pickle' };
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip' };
  if (head[0] === 0x78 && ((head[0] << 8) | head[1]) % 31 === 0) return { kind: 'zlib' };
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return { kind: 'bz2' };
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return { kind: 'xz' };
  if (head.length >= 13 && head[0] === 0x5d && head[1] === 0x00 && head[2] === 0x00) return { kind: 'lzma' };
  if (head.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))) return { kind: 'unsupported', format: 'archive', label: '7z' };
  return { kind: 'none' };
}
