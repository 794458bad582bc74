// Finds every pickle inside a model file, by magic bytes: plain pickles (and concatenated ones),
// legacy torch.save streams, PyTorch / TorchScript zips (every pickle member in any folder; tensor
// storages skipped), NumPy .npy with object dtype and .npz, joblib raw or zlib/gzip/bz2/xz/lzma compressed.
// Nothing is unpickled: every pickle goes through the static walker.
import type { ScanFile } from '../../src/detect/types.js';
import { classifyWalk, looksLikePickle, worstVerdict, PickleWalker, type PickleScanResult, type SerializationVerdict } from '../../src/parsers/pickle/index.js';
import { listZip, readZipEntry, looksLikeZip, zipSource, type RandomAccess, type ZipEntry } from '../../src/parsers/zip.js';
import { parseNpyHeader } from '../../src/parsers/numpy.js';
import { customOps, type CustomOp } from './torchscript.js';
import { sniffContainer } from './sniff.js';
import { decompress } from './decompress.js';

export interface PicklePart {
  member?: string;
  result: PickleScanResult;
}

export interface ContainerScan {
  /** pytorch | torchscript | pickle | joblib | numpy | zip | archive */
  format: string;
  parts: PicklePart[];
  customOps: (CustomOp & { member: string })[];
  /** problems that leave part of the file unscanned */
  errors: string[];
  warnings: string[];
  verdict: SerializationVerdict;
  /** false when the file holds no pickle at all (not ours to report) */
  analysed: boolean;
}

export interface ScanLimits {
  /** decompressed bytes read from one zip member or compressed stream (zip bomb guard) */
  maxDecompressed: number;
  maxZipEntries: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxDecompressed: 4 * 1024 ** 3, maxZipEntries: 100_000 };

const STORAGE_RE = /(^|\/)(\.?data)\/\d+$/;
const PICKLE_NAME_RE = /\.(pkl|pickle|debug_pkl|joblib|dill)$/i;
/** extensions that always mean a pickle-based file, compressed or not */
const PICKLE_CONTAINER_EXT = new Set(['.pt', '.pth', '.bin', '.ckpt', '.pt2', '.mar', '.sav', '.model', '.p', '.pkl3', '.dat', '.data']);
const WINDOW = 1 << 20;

async function* rangeChunks(src: RandomAccess, start: number, end: number): AsyncGenerator<Buffer> {
  for (let off = start; off < end; off += WINDOW) yield await src.read(off, Math.min(end, off + WINDOW));
}

function newScan(format: string): ContainerScan {
  return { format, parts: [], customOps: [], errors: [], warnings: [], verdict: 'safe', analysed: true };
}

function finish(s: ContainerScan): ContainerScan {
  let v: SerializationVerdict = 'safe';
  for (const p of s.parts) v = worstVerdict(v, p.result.verdict);
  if (s.customOps.length > 0) v = worstVerdict(v, 'suspicious');
  if (s.errors.length > 0) v = worstVerdict(v, 'scan-error');
  s.verdict = v;
  return s;
}

/** Walk a stream whose first chunk is already read. With `onSourceError`, a failing source (a corrupt
 * or truncated compressed stream) ends the walk and is reported there, keeping what was found before it;
 * without it the error propagates. */
async function walkStream(
  first: Buffer,
  rest: AsyncIterator<Buffer>,
  opts: { maxPickles?: number; totalSize?: number },
  onSourceError?: (message: string) => void,
): Promise<PickleScanResult> {
  const w = new PickleWalker(opts);
  w.feed(first);
  while (!w.finished) {
    let n: IteratorResult<Buffer>;
    try {
      n = await rest.next();
    } catch (err) {
      if (!onSourceError) throw err;
      onSourceError((err as Error).message);
      break;
    }
    if (n.done) break;
    w.feed(n.value);
  }
  return classifyWalk(w.end());
}

/** NumPy .npy: only object arrays hold a pickle (after the header). */
async function scanNpyStream(first: Buffer, rest: AsyncIterator<Buffer>, size: number | undefined, label: string): Promise<PickleScanResult | 'not-object' | string> {
  let head = first;
  while (head.length < 12 + 65536) {
    const n = await rest.next();
    if (n.done) break;
    head = Buffer.concat([head, n.value]);
  }
  const info = parseNpyHeader(head, size ?? head.length, label);
  if (info.headerEnd === undefined) return info.warnings.join('; ') || `${label}: unreadable NumPy header`;
  if (!info.objectDtype) return 'not-object';
  return walkStream(head.subarray(info.headerEnd), rest, { totalSize: size === undefined ? undefined : size - info.headerEnd });
}

async function scanZip(file: ScanFile, limits: ScanLimits): Promise<ContainerScan> {
  const src = zipSource(file);
  const { entries, warnings } = await listZip(src, { maxEntries: limits.maxZipEntries });
  const names = entries.map((e) => e.name);
  const torch = names.some((n) => /(^|\/)data\.pkl$/.test(n));
  const s = newScan(torch ? (names.some((n) => /(^|\/)(code\/|constants\.pkl$)/.test(n)) ? 'torchscript' : 'pytorch') : file.ext === '.npz' ? 'numpy' : 'zip');
  s.warnings.push(...warnings);
  for (const e of entries) {
    if (e.isDirectory || e.isSymlink) continue;
    if (STORAGE_RE.test(e.name)) continue;
    try {
      if (/(^|\/)code\/.*\.py$/.test(e.name)) {
        await scanCode(src, e, s);
        continue;
      }
      await scanMember(src, e, s, limits);
    } catch (err) {
      s.errors.push(`member ${e.name}: ${(err as Error).message}`);
    }
  }
  if (s.format === 'zip' && s.parts.length === 0 && s.errors.length === 0) s.analysed = false;
  return finish(s);
}

async function scanCode(src: RandomAccess, e: ZipEntry, s: ContainerScan): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of readZipEntry(src, e, { maxBytes: 8 << 20 })) chunks.push(c);
  for (const op of customOps(Buffer.concat(chunks).toString('utf8'))) s.customOps.push({ ...op, member: e.name });
}

async function scanMember(src: RandomAccess, e: ZipEntry, s: ContainerScan, limits: ScanLimits): Promise<void> {
  const it = readZipEntry(src, e, { maxBytes: limits.maxDecompressed })[Symbol.asyncIterator]();
  const firstRes = await it.next();
  const first = firstRes.done ? Buffer.alloc(0) : firstRes.value;
  const isNpy = first.subarray(0, 6).toString('latin1') === '\x93NUMPY';
  const pickleLike = looksLikePickle(first);
  if (!isNpy && !pickleLike) {
    await it.return?.();
    if (PICKLE_NAME_RE.test(e.name)) {
      if (e.encrypted) s.errors.push(`member ${e.name} is encrypted and was not scanned`);
      else if (first.length > 0) s.warnings.push(`member ${e.name} is named like a pickle but is not one`);
    } else if (e.encrypted) s.warnings.push(`member ${e.name} is encrypted and was not scanned`);
    return;
  }
  if (isNpy) {
    const r = await scanNpyStream(first, it, e.uncompressedSize || undefined, `member ${e.name}`);
    if (typeof r === 'string') {
      if (r !== 'not-object') s.errors.push(r);
    } else s.parts.push({ member: e.name, result: r });
    await it.return?.();
    return;
  }
  s.parts.push({ member: e.name, result: await walkStream(first, it, {}) });
  await it.return?.();
}

const LEGACY_MAGIC = Buffer.from('80028a0a6cfc9c46f9206aa85019', 'hex');

/** Walk a (possibly decompressed) stream. With `requirePickle` (a compressed file not named like a pickle:
 * `x.pkl.gz`, `data.tar.xz`), a stream that does not start like a pickle, or fails before that is known, is
 * not ours to report. */
async function scanStreamFrom(
  format: string,
  source: AsyncIterable<Buffer>,
  opts: { maxPickles?: number; totalSize?: number },
  requirePickle = false,
): Promise<ContainerScan> {
  const s = newScan(format);
  const it = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  try {
    let got = 0;
    while (got < (requirePickle ? 512 : 1)) {
      const n = await it.next();
      if (n.done) break;
      parts.push(n.value);
      got += n.value.length;
    }
    const head = Buffer.concat(parts);
    if (requirePickle && !looksLikePickle(head)) return { ...s, analysed: false };
    if (head.length === 0) s.errors.push('empty stream');
    else s.parts.push({ result: await walkStream(head, it, opts, (m) => s.errors.push(m)) });
  } catch (err) {
    if (requirePickle && s.parts.length === 0) {
      // failed within the first bytes: report only when what came out already looks like a pickle
      const head = Buffer.concat(parts);
      if (!looksLikePickle(head)) return { ...s, analysed: false };
      s.parts.push({ result: await walkStream(head, (async function* () {})(), opts) });
    }
    s.errors.push((err as Error).message);
  } finally {
    // close the source (and any decoder behind it) when the walker stopped early
    await it.return?.(undefined).catch(() => undefined);
  }
  return finish(s);
}

/** Analyse one file. Never throws: read errors become `errors`. */
export async function scanSerialized(file: ScanFile, limits: ScanLimits = DEFAULT_SCAN_LIMITS): Promise<ContainerScan> {
  const head = await file.head(512);
  const src: RandomAccess = { size: file.size, read: (a, b) => file.range(a, b) };
  const kind = sniffContainer(head);
  const stem = /\.joblib(\.|$)/i.test(file.name) ? 'joblib' : file.ext === '.dill' ? 'pickle' : ['.pt', '.pth', '.bin', '.ckpt', '.pt2', '.mar'].includes(file.ext) ? 'pytorch' : 'pickle';
  try {
    switch (kind.kind) {
      case 'zip':
        return await scanZip(file, limits);
      case 'npy': {
        const s = newScan('numpy');
        const it = rangeChunks(src, 0, file.size)[Symbol.asyncIterator]();
        const first = await it.next();
        const r = await scanNpyStream(first.done ? Buffer.alloc(0) : first.value, it, file.size, 'NumPy file');
        if (typeof r === 'string') {
          if (r === 'not-object') return { ...finish(s), warnings: ['numeric dtype: no pickle inside'] };
          s.errors.push(r);
        } else s.parts.push({ result: r });
        return finish(s);
      }
      case 'pickle': {
        const legacy = head.subarray(0, LEGACY_MAGIC.length).equals(LEGACY_MAGIC);
        // legacy torch.save: magic, protocol, sys info, the model, storage keys; raw storages follow
        return await scanStreamFrom(legacy ? 'pytorch' : stem, rangeChunks(src, 0, file.size), { maxPickles: legacy ? 5 : undefined, totalSize: file.size });
      }
      case 'zlib':
      case 'gzip':
      case 'bz2':
      case 'xz':
      case 'lzma': {
        const out = decompress(kind.kind, rangeChunks(src, 0, file.size), limits.maxDecompressed, file.path);
        const s = await scanStreamFrom(stem === 'pytorch' ? 'pickle' : stem, out, {}, !PICKLE_NAME_RE.test(file.name) && !PICKLE_CONTAINER_EXT.has(file.ext));
        s.warnings.push(`${kind.kind}-compressed`);
        return s;
      }
      case 'unsupported': {
        const s = newScan(kind.format);
        s.errors.push(`${kind.label}: this compression/archive format cannot be decompressed without an extra library; the content was NOT scanned`);
        return finish(s);
      }
      default:
        return { ...newScan(stem), analysed: false };
    }
  } catch (err) {
    const s = newScan(stem);
    s.errors.push(`read error: ${(err as Error).message}`);
    return finish(s);
  }
}

export { looksLikeZip };
