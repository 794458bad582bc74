// One keyword pass per file for all the source detectors: the provider, key, model-reference, AI-SDK import and
// system-prompt keywords live in one case-insensitive automaton, each set with its own bit. The result for the
// last text (and for the last byte buffer) is kept, so the detectors looking at the same file pay for one scan.
// The runner's pre-check (Detector.rejects) runs the same automaton on the raw bytes: keywords are ASCII, and
// UTF-8 keeps ASCII bytes as the same characters, so a keyword occurs in the bytes exactly when it occurs in the
// decoded text.
import { readFileSync, writeFileSync } from 'node:fs';
import { KeywordSet } from './keyword-set.js';
import { sha256Text } from '../../src/util/data-file.js';
import { fromRoot } from '../../src/util/package-root.js';
import { shadowKeywords } from './matchers.js';
import { loadKeyRules } from '../secrets/rules.js';
import { loadRefRules } from '../model-refs/ref-rules.js';
import { ECOSYSTEMS, loadPackageTable } from '../sdk/packages.js';
import { systemPromptConfig } from '../agents/system-prompt-scan.js';
import { registerContentKeywords } from '../../src/detect/content-keywords.js';

export const PREFILTER_SHADOW = 1;
export const PREFILTER_SECRET = 2;
export const PREFILTER_MODEL_REF = 4;
/** an AI SDK's import root (any ecosystem), a parent of a dotted Python root, or a dynamic Python import */
export const PREFILTER_SDK = 8;
export const PREFILTER_PROMPT = 16;
/** the text has a character outside ASCII (keyword contexts below assume ASCII white space) */
export const PREFILTER_NON_ASCII = 1 << 30;

let set: KeywordSet | undefined;
let lastText: string | undefined;
let lastMask = 0;
let lastBytes: Uint8Array | undefined;
let lastBytesMask = 0;

/** Roots this short occur inside ordinary words ("ai" in "wait", "ort" in "export"): they are looked for with
 *  the character next to them that each ecosystem's import regex (sdk/prefilter.ts) requires. */
const SHORT = 4;
const WS = [' ', '\t', '\n', '\r', '\f', '\v'];
/** every ASCII character \b can stand after: not [A-Za-z0-9_] */
const NON_WORD = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).filter((ch) => !/\w/.test(ch));

function contexts(eco: string, root: string): string[] {
  switch (eco) {
    case 'PyPI': // import a, ROOT / from ROOT import x: [ \t] or "," before
      return [' ', '\t', ','].map((c) => c + root);
    case 'npm': // "ROOT", 'ROOT/sub', `ROOT`
    case 'RubyGems':
      return ['"', "'", '`'].map((c) => c + root);
    case 'Go':
      return [`"${root}`];
    case 'crates.io': // ROOT::x, use ROOT;, extern crate ROOT: a word boundary before (the start of the text
      // counts as a line start, see lineStart below)
      return NON_WORD.map((c) => c + root);
    default: // Maven, NuGet: white space (or ` / =) before
      return [...WS, '`', '='].map((c) => c + root);
  }
}

/** Keywords of which every ecosystem's import prefilter needs one (for ASCII text: the contexts of short roots
 *  assume ASCII white space, so a file with other characters always goes on to the regex). */
export function sdkKeywords(): string[] {
  const table = loadPackageTable();
  const words = new Set<string>(['__import__', 'import_module']);
  for (const eco of ECOSYSTEMS) {
    for (const r of table.roots(eco)) {
      if (r.length <= SHORT) for (const w of contexts(eco, r)) words.add(w);
      else words.add(r);
      // `from google import genai` names the root google.genai in two parts
      if (eco === 'PyPI' && r.includes('.')) words.add(r.slice(0, r.lastIndexOf('.')));
    }
  }
  return [...words];
}

const OPTIONS = { caseInsensitive: true, nonAsciiBit: PREFILTER_NON_ASCII, lineStart: true };

/** The built automaton on disk (~3 MB; building it costs every thread ~25 ms), written by `npm run build`
 *  (scripts/compile-data.mjs). It is used only when it was built from exactly the keywords the rule data gives
 *  now (the SHA-256 of the keyword list is in its header), so edited rules are never matched with a stale one. */
export const PREFILTER_CACHE = 'dist/prefilter-dfa.bin';

function keywords(): { words: [string, number][]; key: string } {
  const words: [string, number][] = [
    ...shadowKeywords().map((w): [string, number] => [w, PREFILTER_SHADOW]),
    ...loadKeyRules().rules.flatMap((r) => r.keywords.map((w): [string, number] => [w, PREFILTER_SECRET])),
    ...loadRefRules().keywords.map((w): [string, number] => [w, PREFILTER_MODEL_REF]),
    ...sdkKeywords().map((w): [string, number] => [w, PREFILTER_SDK]),
    ...systemPromptConfig().keywords.map((w): [string, number] => [w, PREFILTER_PROMPT]),
  ];
  return { words, key: sha256Text(JSON.stringify({ format: 1, words, options: OPTIONS })) };
}

/** header line (JSON), then fold (128 bytes), accept (int32 per state) and delta (128 int32 per state) */
function fromCache(key: string, path = fromRoot(PREFILTER_CACHE)): KeywordSet | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return undefined; // not built
  }
  try {
    const nl = buf.indexOf(10);
    const head = JSON.parse(buf.subarray(0, nl).toString('utf8')) as { key?: string; states?: number; numbers?: number[]; offset?: number };
    const n = head.states ?? 0;
    const off = head.offset ?? 0;
    if (head.key !== key || !Array.isArray(head.numbers) || head.numbers.length !== 6 || n <= 0 || buf.length !== off + 128 + n * 4 + n * 128 * 4) return undefined;
    // copies: typed arrays need 4-byte alignment, which the file buffer need not have
    const ints = (at: number, count: number) => new Int32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + count * 4));
    const fold = new Uint8Array(buf.subarray(off, off + 128));
    const accept = ints(off + 128, n);
    const delta = ints(off + 128 + n * 4, n * 128);
    return KeywordSet.restore({ fold, accept, delta, numbers: head.numbers as [number, number, number, number, number, number] });
  } catch {
    return undefined; // damaged: build it
  }
}

/** writes the automaton for the current rule data (npm run build) */
export function writePrefilterCache(path = fromRoot(PREFILTER_CACHE)): void {
  const { words, key } = keywords();
  const snap = new KeywordSet(words, OPTIONS).snapshot();
  const n = snap.accept.length;
  let head = JSON.stringify({ key, states: n, numbers: snap.numbers, offset: 0 });
  // the header is padded so that the tables start at a multiple of 4
  const offset = Math.ceil((Buffer.byteLength(head) + 40) / 4) * 4;
  head = JSON.stringify({ key, states: n, numbers: snap.numbers, offset });
  const header = Buffer.alloc(offset, 32);
  header.write(head);
  header[offset - 1] = 10;
  writeFileSync(path, Buffer.concat([header, Buffer.from(snap.fold), Buffer.from(snap.accept.buffer, snap.accept.byteOffset, n * 4), Buffer.from(snap.delta.buffer, snap.delta.byteOffset, n * 128 * 4)]));
}

function build(): KeywordSet {
  const { words, key } = keywords();
  return fromCache(key) ?? new KeywordSet(words, OPTIONS);
}

/** the automaton on disk at `path` when it was built from the current rule data (tests) */
export function prefilterFromCache(path = fromRoot(PREFILTER_CACHE)): KeywordSet | undefined {
  return fromCache(keywords().key, path);
}

/** the automaton built from the current rule data, never from disk (tests) */
export function buildPrefilter(): KeywordSet {
  return new KeywordSet(keywords().words, OPTIONS);
}

function keywordSet(): KeywordSet {
  return (set ??= build());
}

/** Which keyword sets occur in the text. A set with a keyword the automaton cannot match (empty or
 *  non-ASCII) always counts as present, so it never rejects a file. */
export function prefilterMask(text: string): number {
  if (text === lastText) return lastMask;
  const ks = keywordSet();
  lastMask = ks.scan(text) | ks.unmatchable;
  lastText = text;
  return lastMask;
}

/** prefilterMask() over a file's raw bytes (the runner's pre-check, before any decoding). */
export function prefilterMaskBytes(bytes: Uint8Array): number {
  if (bytes === lastBytes) return lastBytesMask;
  const ks = keywordSet();
  lastBytesMask = ks.scanBytes(bytes) | ks.unmatchable;
  lastBytes = bytes;
  return lastBytesMask;
}

// the native reader runs this automaton over the files it reads ahead, and the pre-check hands its bits back here
registerContentKeywords({
  automaton() {
    const { delta, accept, fold, numbers } = keywordSet().snapshot();
    const [all, , , nonAscii, start, startAccept] = numbers;
    return { delta, accept, fold, numbers: Int32Array.of(all, nonAscii, start, startAccept) };
  },
  prime(bytes, bits) {
    lastBytes = bytes;
    lastBytesMask = bits | keywordSet().unmatchable;
  },
  always() {
    return keywordSet().unmatchable;
  },
});
