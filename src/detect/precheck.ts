// The content pre-check (Detector.rejects). When every detector selected for a walked file can judge it from
// its bytes, the file is read once, synchronously, and the detectors that reject it are dropped before any
// ScanFile, promise or result record exists. In a source tree most files use no AI: for them the whole cost
// is the read and one keyword pass. The bytes read are handed to the ScanFile of the detectors that remain.
// Shared by the runner (main thread) and the scan workers.
import type { Detector, FileRef } from './types.js';
import { readSmallView, releasePrefetched, SMALL_READ_LIMIT, type PrefetchingRef } from '../walk/fs-file.js';
import { folderRef, type WalkedFolder } from '../walk/walker.js';
import { archiveKindByName } from '../walk/archive-policy.js';
import { CLASS_NONE, NATIVE_LARGE, nativeReader, type FolderContent, type NativeReader } from '../walk/native-read.js';
import { accepts, type Selector } from './select.js';
import { contentKeywords } from './content-keywords.js';

const NONE: readonly Detector[] = Object.freeze([]);
const allReject = new WeakMap<readonly Detector[], boolean>();

function canPrecheck(wanting: readonly Detector[]): boolean {
  let v = allReject.get(wanting);
  if (v === undefined) allReject.set(wanting, (v = wanting.length > 0 && wanting.every((d) => typeof d.rejects === 'function')));
  return v;
}

/**
 * The detectors that still have to look at the file: `wanting` itself when the pre-check does not apply (a
 * detector without rejects(), a file larger than the small-file limit, a read error, which the full path
 * then reports), a shorter list, or an empty one when every detector rejects the file.
 */
export function precheck(ref: FileRef, abs: string, wanting: readonly Detector[], listing: readonly string[] | undefined): readonly Detector[] {
  if (!canPrecheck(wanting)) return wanting;
  const pre = ref as Partial<PrefetchingRef>;
  if (typeof pre.takePrefetched !== 'function' || typeof pre.holdContent !== 'function') return wanting;
  let content = pre.takePrefetched();
  if (content === 'large') {
    pre.holdContent('large');
    return wanting;
  }
  // read into the shared buffer: the bytes are copied only for a file some detector keeps
  let shared = false;
  if (content === undefined) {
    shared = true;
    try {
      content = readSmallView(abs);
    } catch {
      return wanting; // unreadable or vanished: the full path reads again and reports it
    }
    if (content === undefined) {
      pre.holdContent('large');
      return wanting;
    }
  }
  return rejectWith(pre as PrefetchingRef, content, !shared, wanting, listing);
}

/** refs whose whole content the pre-check handed to them (small files, in memory until their detectors run) */
const holding = new WeakSet<FileRef>();

/** true when the pre-check kept the file's whole content on the ref: its detectors need no file handle, so the
 *  runner lets more such files be in flight at once */
export function holdsContent(ref: FileRef): boolean {
  return holding.has(ref);
}

/** runs the detectors' rejects() over a file's bytes; keeps the bytes on the ref (a copy unless `owned`)
 *  for the detectors that remain */
function rejectWith(ref: PrefetchingRef, content: Buffer, owned: boolean, wanting: readonly Detector[], listing: readonly string[] | undefined): readonly Detector[] {
  let keep: Detector[] | undefined;
  for (let i = 0; i < wanting.length; i++) {
    const d = wanting[i];
    let rejected: boolean;
    try {
      rejected = d.rejects?.(ref, content, listing) === true;
    } catch {
      rejected = false; // a failing pre-check never loses a file: the detector runs
    }
    if (!rejected) (keep ??= []).push(d);
  }
  if (!keep) return NONE;
  ref.holdContent(owned ? content : Buffer.from(content));
  holding.add(ref);
  return keep.length === wanting.length ? wanting : keep;
}

/** a file of a folder that still needs its detectors after settleFolder() */
export interface Unsettled {
  /** index in folder.names */
  i: number;
  ref: FileRef;
  wanting: readonly Detector[];
}

/** the native reads' buffer (per thread): files are read into it back to back, and copied only when kept */
let batchBuf: Buffer | undefined;
let batchOut = new Int32Array(256);
const BATCH_BUF_BYTES = 4 * 1024 * 1024;

/** a bulk verdict (see bulkVerdict()): judge each file of the class one by one */
const ONE_BY_ONE = 0;
/** a bulk verdict: no detector wants a file of the class */
const UNWANTED = 1;
/** a bulk verdict: a file of the class whose keyword bits miss the gate is quiet; others are judged one by one */
const GATED = 2;

/**
 * How the detectors' bulk declarations (Detector.bulk) settle the files of a folder that the native reader classed
 * by extension `ext` alone: ONE_BY_ONE unless every detector offered such a file declares its wants() decided by
 * that extension, and every one that wants it (asked on `ref`, one such file of the folder) declares a keyword gate
 * for it in this folder; then UNWANTED when none wants it, else GATED with the union of their gates.
 */
function bulkVerdict(ext: string, ref: FileRef, listing: readonly string[] | undefined, selectFor: Selector): { verdict: number; gate: number } {
  const one = { verdict: ONE_BY_ONE, gate: 0 };
  // archives are opened whatever the detectors say (the reader classes archive endings as special; this is a guard)
  if (archiveKindByName(ref) !== undefined) return one;
  let gate = 0;
  let wanted = 0;
  for (const d of selectFor.byExtension(ext)) {
    if (!d.bulk?.exts.includes(ext)) return one;
    if (!accepts(d, ref)) continue;
    wanted++;
    let g: number | undefined;
    try {
      g = typeof d.rejects === 'function' ? d.bulk.gate(ext, listing) : undefined;
    } catch {
      g = undefined; // the one-by-one path decides, as before
    }
    if (g === undefined) return one;
    gate |= g;
  }
  return wanted === 0 ? { verdict: UNWANTED, gate: 0 } : { verdict: GATED, gate };
}

/**
 * Selection and the content pre-check for every file of a walked folder, synchronously. Returns the files that
 * still need detectors (archives always do), in folder order, and how many files the pre-check settled. With the
 * native reader the folder's pre-checked files were read ahead by the walk (folder.content) or are read in one
 * call; without it (or for a file it cannot read) each is read from JavaScript. Either way the result is the same.
 *
 * Bulk path: a file the native reader classed by its extension alone (content.classes) is settled without a
 * FileRef when the detectors' bulk declarations allow: one verdict per extension and folder (bulkVerdict()),
 * then per file one test of its keyword bits. In a source tree that is nearly every file. `bulk: false` turns it
 * off (tests compare both paths).
 */
export function settleFolder(folder: WalkedFolder, selectFor: Selector, bulk = true): { unsettled: Unsettled[]; quiet: number } {
  const unsettled: Unsettled[] = [];
  let quiet = 0;
  const native = nativeReader();
  const content = folder.content && asBuffers(folder.content);
  /** the keyword bits the reader found, and where to hand them */
  const bits = content?.mask;
  const keywords = bits && contentKeywords();
  /** files to read natively: their index, ref and detectors */
  let pending: Unsettled[] | undefined;
  const classes = bulk ? content?.classes : undefined;
  const exts = content?.exts;
  /** per extension class of this folder: its bulk verdict and gate, once a file of the class asked */
  let verdicts: Int8Array | undefined;
  let gates: Int32Array | undefined;
  /** the keyword bits every file has (a file's test is its reader bits and these); all bits without reader bits */
  const always = bits && keywords ? keywords.always() : -1;
  for (let i = 0; i < folder.names.length; i++) {
    if (classes && exts) {
      const c = classes[i];
      // nothing of the read-ahead filter matches the name: no detector's hints select the file, it is no archive
      if (c === CLASS_NONE) continue;
      if (c >= 0 && c < exts.length) {
        verdicts ??= new Int8Array(exts.length).fill(-1);
        gates ??= new Int32Array(exts.length);
        if (verdicts[c] < 0) {
          const v = bulkVerdict(exts[c], folderRef(folder, i), folder.listing, selectFor);
          verdicts[c] = v.verdict;
          gates[c] = v.gate;
        }
        const v = verdicts[c];
        if (v === UNWANTED) continue;
        if (v === GATED && content && content.size[i] >= 0) {
          if (((bits ? bits[i] | always : -1) & gates[c]) === 0) {
            quiet++;
            continue;
          }
        }
      }
    }
    const ref = folderRef(folder, i);
    const wanting = selectFor(ref);
    if (archiveKindByName(ref) !== undefined) {
      unsettled.push({ i, ref, wanting });
      continue;
    }
    if (wanting.length === 0) {
      releasePrefetched(ref);
      continue;
    }
    if (content && content.size[i] >= 0 && canPrecheck(wanting)) {
      // read ahead by the walk: unless a wants() already read the file (the ref then holds it), judged from those bytes
      const pre = ref as Partial<PrefetchingRef>;
      if (pre.takePrefetched && pre.holdContent) {
        const held = pre.takePrefetched();
        if (held === undefined) {
          const at = content.start[i];
          const bytes = content.data.subarray(at, at + content.size[i]);
          // the reader found the file's keyword bits as it read it: the detectors' keyword pass need not run again
          if (keywords && bits) keywords.prime(bytes, bits[i]);
          const left = rejectWith(pre as PrefetchingRef, bytes, false, wanting, folder.listing);
          if (left.length > 0) unsettled.push({ i, ref, wanting: left });
          else quiet++;
          continue;
        }
        pre.holdContent(held);
      }
    }
    if (!native || !canPrecheck(wanting)) {
      const left = precheck(ref, folder.absDir + folder.names[i], wanting, folder.listing);
      if (left.length > 0) unsettled.push({ i, ref, wanting: left });
      else quiet++;
      continue;
    }
    (pending ??= []).push({ i, ref, wanting });
  }
  if (native && pending) quiet += settleNatively(native, folder, pending, unsettled);
  if (pending && unsettled.length > 1) unsettled.sort((a, b) => a.i - b.i);
  return { unsettled, quiet };
}

/** the read-ahead bytes as a Buffer: a folder posted to a scan worker arrives with a plain Uint8Array (structured
 *  cloning does not keep Buffer), whose toString() the detectors' pre-checks cannot decode */
function asBuffers(c: FolderContent): FolderContent {
  const d: Uint8Array = c.data;
  return Buffer.isBuffer(d) ? c : { ...c, data: Buffer.from(d.buffer, d.byteOffset, d.byteLength) };
}

function settleNatively(native: NativeReader, folder: WalkedFolder, pending: Unsettled[], unsettled: Unsettled[]): number {
  let quiet = 0;
  const settle = (p: Unsettled, left: readonly Detector[]) => {
    if (left.length > 0) unsettled.push({ i: p.i, ref: p.ref, wanting: left });
    else quiet++;
  };
  const names: string[] = [];
  const toRead: Unsettled[] = [];
  for (const p of pending) {
    const pre = p.ref as Partial<PrefetchingRef>;
    const content = pre.takePrefetched?.();
    if (content === undefined && pre.holdContent) {
      names.push(folder.names[p.i]);
      toRead.push(p);
      continue;
    }
    // the walk already read the file (a detector's wants() asked for its size), or the ref cannot hold bytes:
    // precheck() takes it from there without reading
    if (content !== undefined) pre.holdContent?.(content);
    settle(p, precheck(p.ref, folder.absDir + folder.names[p.i], p.wanting, folder.listing));
  }
  if (toRead.length === 0) return quiet;
  batchBuf ??= Buffer.allocUnsafe(BATCH_BUF_BYTES);
  if (batchOut.length < names.length) batchOut = new Int32Array(Math.max(names.length, batchOut.length * 2));
  const out = batchOut.length === names.length ? batchOut : batchOut.subarray(0, names.length);
  for (let start = 0; start < names.length; ) {
    const end = native.readSmallFiles(folder.absDir, names, start, SMALL_READ_LIMIT, batchBuf, out);
    if (end <= start) {
      // cannot happen (the buffer holds several files at the limit); if it did, JavaScript reads the rest
      for (let k = start; k < names.length; k++) settle(toRead[k], precheck(toRead[k].ref, folder.absDir + names[k], toRead[k].wanting, folder.listing));
      break;
    }
    let off = 0;
    for (let k = start; k < end; k++) {
      const p = toRead[k];
      const ref = p.ref as PrefetchingRef;
      const n = out[k];
      if (n >= 0) {
        settle(p, rejectWith(ref, batchBuf.subarray(off, off + n), false, p.wanting, folder.listing));
        off += n;
      } else if (n === NATIVE_LARGE) {
        ref.holdContent('large');
        settle(p, p.wanting);
      } else {
        // NATIVE_UNREADABLE (or anything unexpected): the JavaScript read, which reports the error
        settle(p, precheck(ref, folder.absDir + names[k], p.wanting, folder.listing));
      }
    }
    start = end;
  }
  return quiet;
}
