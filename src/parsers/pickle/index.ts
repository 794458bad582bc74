// Entry point of the pickle parser: walk a pickle (a Buffer or a stream of chunks) and classify its imports.
import { PickleWalker, type PickleImport, type PickleLimits, type PickleWalk } from './walker.js';
import { classifyImport, loadGlobalLists, mapPy2, type GlobalLists } from './verdict.js';

export { PickleWalker } from './walker.js';
export type { PickleImport, PickleLimits, PickleWalk } from './walker.js';
export { classifyImport, loadGlobalLists, mapPy2, parseGlobalLists } from './verdict.js';

export type SerializationVerdict = 'safe' | 'suspicious' | 'dangerous' | 'scan-error';

export interface ClassifiedImport extends PickleImport {
  verdict: 'dangerous' | 'suspicious' | 'safe';
}

export interface PickleScanResult extends PickleWalk {
  verdict: SerializationVerdict;
  dangerous: ClassifiedImport[];
  suspicious: ClassifiedImport[];
  safe: ClassifiedImport[];
}

export interface PickleScanOptions extends PickleLimits {
  signal?: AbortSignal;
  lists?: GlobalLists;
}

/** Order of verdicts from best to worst; a file's verdict is the worst of its parts. */
export const VERDICT_RANK: Record<SerializationVerdict, number> = { safe: 0, suspicious: 1, 'scan-error': 2, dangerous: 3 };

export function worstVerdict(a: SerializationVerdict, b: SerializationVerdict): SerializationVerdict {
  return VERDICT_RANK[a] >= VERDICT_RANK[b] ? a : b;
}

export function classifyWalk(walk: PickleWalk, lists: GlobalLists = loadGlobalLists()): PickleScanResult {
  const dangerous: ClassifiedImport[] = [];
  const suspicious: ClassifiedImport[] = [];
  const safe: ClassifiedImport[] = [];
  for (const imp of walk.imports) {
    const verdict = classifyImport(imp.module, imp.name, lists);
    const c = { ...imp, verdict };
    (verdict === 'dangerous' ? dangerous : verdict === 'suspicious' ? suspicious : safe).push(c);
  }
  const verdict: SerializationVerdict =
    dangerous.length > 0 ? 'dangerous' : walk.error ? 'scan-error' : suspicious.length > 0 ? 'suspicious' : 'safe';
  return { ...walk, verdict, dangerous, suspicious, safe };
}

/** Walk a whole pickle stream (every pickle up to the end of the data) without building any object. */
export async function scanPickle(src: AsyncIterable<Buffer> | Buffer, opts: PickleScanOptions = {}): Promise<PickleScanResult> {
  const walker = new PickleWalker(opts);
  if (Buffer.isBuffer(src)) {
    walker.feed(src);
  } else {
    for await (const chunk of src) {
      if (opts.signal?.aborted) {
        walker.result.warnings.push('aborted');
        break;
      }
      walker.feed(chunk);
      if (walker.finished) break;
    }
  }
  return classifyWalk(walker.end(), opts.lists);
}

/** `module name` as written, and the Python 3 name when it differs. */
export function describeImport(imp: PickleImport, lists?: GlobalLists): string {
  const m3 = mapPy2(imp.module, imp.name, lists);
  const written = `${imp.module}.${imp.name}`;
  const py3 = `${m3.module}.${m3.name}`;
  return py3 === written ? written : `${written} (${py3})`;
}

const IDENT_LINE = /^[A-Za-z_][\w.]*\n[A-Za-z_][\w.]*\n/;

/** Cheap magic test: does this data start like a pickle? PROTO 2-5, or protocol 0/1 opcodes that decode. */
export function looksLikePickle(head: Buffer): boolean {
  if (head.length < 2) return false;
  const b0 = head[0];
  if (b0 === 0x80) return head[1] <= 5;
  if (b0 === 0x63 || b0 === 0x69) return IDENT_LINE.test(head.subarray(1, 512).toString('latin1'));
  // protocol 0/1: the first bytes must decode as several valid opcodes (or a whole pickle)
  const w = new PickleWalker({ maxLine: 256, maxStack: 4096 });
  w.feed(head.subarray(0, 512));
  const r = w.end();
  if (r.pickles > 0) return true;
  const invalid = r.error !== undefined && !r.error.message.startsWith('truncated');
  return !invalid && r.opcodes >= 4;
}
