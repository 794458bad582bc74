// Content sniffing for model files: decide the container by magic bytes and structure; the file
// extension is only a hint for formats without a magic number (protobuf-based ONNX/CoreML/TF,
// protocol-0 pickles). Pure: bytes in, a verdict out.

export type Sniffed =
  | 'safetensors'
  | 'gguf'
  | 'ggml'
  | 'zip'
  | 'pickle'
  | 'torch-legacy'
  | 'numpy'
  | 'hdf5'
  | 'tflite'
  | 'compressed'
  | 'lfs-pointer'
  | 'other-file'
  | 'text'
  | 'empty'
  | 'unknown';

export interface SniffResult {
  kind: Sniffed;
  /** pickle protocol, compression codec, HDF5 signature offset, other file type ... */
  detail?: string;
}

/** Bytes to read for sniffing. */
export const SNIFF_BYTES = 4096;

const LFS_PREFIX = 'version https://git-lfs';
const HDF5_SIG = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
/** torch.save legacy format: a protocol-2 pickle whose first object is the LONG magic 0x1950a86a20f9469cfc6c */
const TORCH_LEGACY = Buffer.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]);

const OTHER: { sig: number[]; at?: number; name: string }[] = [
  { sig: [0x89, 0x50, 0x4e, 0x47], name: 'PNG image' },
  { sig: [0xff, 0xd8, 0xff], name: 'JPEG image' },
  { sig: [0x47, 0x49, 0x46, 0x38], name: 'GIF image' },
  { sig: [0x25, 0x50, 0x44, 0x46], name: 'PDF document' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], name: 'ELF executable' },
  { sig: [0x4d, 0x5a], name: 'Windows executable' },
  { sig: [0x52, 0x49, 0x46, 0x46], name: 'RIFF media' },
  { sig: [0x50, 0x41, 0x52, 0x31], name: 'Parquet file' },
  { sig: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], name: 'SQLite database' },
];

const COMPRESSED: { sig: number[]; name: string }[] = [
  { sig: [0x1f, 0x8b], name: 'gzip' },
  { sig: [0x42, 0x5a, 0x68], name: 'bz2' },
  { sig: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'xz' },
  { sig: [0x04, 0x22, 0x4d, 0x18], name: 'lz4' },
  { sig: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd' },
  { sig: [0x5d, 0x00, 0x00], name: 'lzma' },
];

function startsWith(buf: Buffer, sig: readonly number[], at = 0): boolean {
  if (buf.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (buf[at + i] !== sig[i]) return false;
  return true;
}

function isZlib(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(buf[1]);
}

function hdf5Offset(buf: Buffer): number | undefined {
  for (const at of [0, 512, 1024, 2048]) if (buf.length >= at + 8 && buf.subarray(at, at + 8).equals(HDF5_SIG)) return at;
  return undefined;
}

function looksText(buf: Buffer): boolean {
  const n = Math.min(buf.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0 || (b < 0x09 && b !== 0x1b)) return false;
  }
  return true;
}

/** Sniff the first bytes of a file (at least 16, ideally SNIFF_BYTES) of a file of `size` bytes. */
export function sniff(head: Buffer, size: number): SniffResult {
  if (size === 0 || head.length === 0) return { kind: 'empty' };
  if (head.subarray(0, LFS_PREFIX.length).toString('latin1') === LFS_PREFIX) return { kind: 'lfs-pointer' };
  const m4 = head.subarray(0, 4).toString('latin1');
  if (m4 === 'GGUF') return { kind: 'gguf' };
  if (m4 === 'lmgg' || m4 === 'fmgg' || m4 === 'tjgg' || m4 === 'algg') return { kind: 'ggml', detail: m4.split('').reverse().join('') };
  if (head.length >= 8 && head.subarray(4, 8).toString('latin1') === 'TFL3') return { kind: 'tflite' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' };
  if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) return { kind: 'numpy' };
  const h5 = hdf5Offset(head);
  if (h5 !== undefined) return { kind: 'hdf5', detail: String(h5) };
  if (head.length >= TORCH_LEGACY.length && head.subarray(0, TORCH_LEGACY.length).equals(TORCH_LEGACY)) return { kind: 'torch-legacy' };
  if (head.length >= 2 && head[0] === 0x80 && head[1] >= 2 && head[1] <= 5) return { kind: 'pickle', detail: String(head[1]) };
  // safetensors: u64 little-endian header length, then a JSON object
  if (head.length >= 9 && head[8] === 0x7b && head.readBigUInt64LE(0) > 1n) return { kind: 'safetensors' };
  for (const o of OTHER) if (startsWith(head, o.sig)) return { kind: 'other-file', detail: o.name };
  if (isZlib(head)) return { kind: 'compressed', detail: 'zlib' };
  for (const c of COMPRESSED) if (startsWith(head, c.sig)) return { kind: 'compressed', detail: c.name };
  if (looksText(head)) return { kind: 'text' };
  return { kind: 'unknown' };
}

/** First bytes of a protocol 0/1 pickle: MARK, EMPTY_LIST/DICT/TUPLE, GLOBAL, INT, LONG, STRING, NONE... */
export function looksLikeOldPickle(head: Buffer): boolean {
  if (head.length < 2) return false;
  return '(]})cILSVNF'.includes(String.fromCharCode(head[0]));
}
