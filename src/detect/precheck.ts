// The content pre-check (Detector.rejects). When every detector selected for a walked file can judge it from
// its bytes, the file is read once, synchronously, and the detectors that reject it are dropped before any
// ScanFile, promise or result record exists. In a source tree most files use no AI: for them the whole cost
// is the read and one keyword pass. The bytes read are handed to the ScanFile of the detectors that remain.
// Shared by the runner (main thread) and the scan workers.
import type { Detector, FileRef } from './types.js';
import { readSmallView, type PrefetchingRef } from '../walk/fs-file.js';

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
  pre.holdContent(shared ? Buffer.from(content) : content);
  return keep.length === wanting.length ? wanting : keep;
}
