// One keyword pass per file for all shadow-AI detectors: the provider, key and model-reference
// keywords live in one case-insensitive automaton; the result for the last text is kept, so the
// three detectors looking at the same file pay for one scan.
import { KeywordSet } from './keyword-set.js';
import { shadowKeywords } from './matchers.js';
import { loadKeyRules } from '../secrets/rules.js';
import { loadRefRules } from '../model-refs/ref-rules.js';

export const PREFILTER_SHADOW = 1;
export const PREFILTER_SECRET = 2;
export const PREFILTER_MODEL_REF = 4;

let set: KeywordSet | undefined;
let lastText: string | undefined;
let lastMask = 0;

function build(): KeywordSet {
  const words: [string, number][] = [
    ...shadowKeywords().map((w): [string, number] => [w, PREFILTER_SHADOW]),
    ...loadKeyRules().rules.flatMap((r) => r.keywords.map((w): [string, number] => [w, PREFILTER_SECRET])),
    ...loadRefRules().keywords.map((w): [string, number] => [w, PREFILTER_MODEL_REF]),
  ];
  return new KeywordSet(words, { caseInsensitive: true });
}

/** Which detector groups have a keyword in the text. */
export function prefilterMask(text: string): number {
  if (text === lastText) return lastMask;
  set ??= build();
  lastMask = set.scan(text);
  lastText = text;
  return lastMask;
}
