// One keyword pass per file for all the source detectors: the provider, key, model-reference, AI-SDK import and
// system-prompt keywords live in one case-insensitive automaton, each set with its own bit. The result for the
// last text (and for the last byte buffer) is kept, so the detectors looking at the same file pay for one scan.
// The runner's pre-check (Detector.rejects) runs the same automaton on the raw bytes: keywords are ASCII, and
// UTF-8 keeps ASCII bytes as the same characters, so a keyword occurs in the bytes exactly when it occurs in the
// decoded text.
import { KeywordSet } from './keyword-set.js';
import { shadowKeywords } from './matchers.js';
import { loadKeyRules } from '../secrets/rules.js';
import { loadRefRules } from '../model-refs/ref-rules.js';
import { ECOSYSTEMS, loadPackageTable } from '../sdk/packages.js';
import { systemPromptConfig } from '../agents/system-prompt-scan.js';

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

function build(): KeywordSet {
  const words: [string, number][] = [
    ...shadowKeywords().map((w): [string, number] => [w, PREFILTER_SHADOW]),
    ...loadKeyRules().rules.flatMap((r) => r.keywords.map((w): [string, number] => [w, PREFILTER_SECRET])),
    ...loadRefRules().keywords.map((w): [string, number] => [w, PREFILTER_MODEL_REF]),
    ...sdkKeywords().map((w): [string, number] => [w, PREFILTER_SDK]),
    ...systemPromptConfig().keywords.map((w): [string, number] => [w, PREFILTER_PROMPT]),
  ];
  return new KeywordSet(words, { caseInsensitive: true, nonAsciiBit: PREFILTER_NON_ASCII, lineStart: true });
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
