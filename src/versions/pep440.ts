// PyPI: PEP 440 ordering (epochs, pre-, post-, dev- and local versions) via @renovatebot/pep440.
import * as pep440 from '@renovatebot/pep440';
import type { VersionOrder } from './types.js';

const validMemo = new Map<string, boolean>();

function valid(v: string): boolean {
  let ok = validMemo.get(v);
  if (ok === undefined) {
    ok = pep440.valid(v) !== null;
    if (validMemo.size > 100_000) validMemo.clear();
    validMemo.set(v, ok);
  }
  return ok;
}

export const pep440Order: VersionOrder = {
  ecosystem: 'PyPI',
  valid,
  compare: (a, b) => pep440.compare(a, b),
  // a local build ("2.1.0+cu118") is the public release it was built from, as PEP 440 specifiers treat it
  matchVersion: (v) => v.replace(/\+[A-Za-z0-9.]*$/, ''),
};
