// The bundled CLI (scripts/build-cli.mjs) patches one line of packageurl-js: its Intl.Collator is made on first
// use instead of when the module loads (~15 ms of every start), and integers from 0 to 9 (the purl component order
// numbers it sorts as it initialises) are compared without it. The build stops if the line changes; this checks
// that the bundle holds the patch, and that the patched comparator orders as the collator does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('CLI bundle', () => {
  it("makes packageurl-js's collator on first use, and compares single digits without it", () => {
    for (const bundle of ['cli.cjs', 'scan-worker.cjs']) {
      const text = readFileSync(join(process.cwd(), 'dist', 'cli', bundle), 'utf8');
      // booleans: a failure must not print a 3 MB bundle
      expect(/collator\?\?=new Intl\.Collator/.test(text), `${bundle}: the lazy collator`).toBe(true);
      expect(/compare:\s*localeCompare\s*\}\s*=\s*new Intl\.Collator/.test(text), `${bundle}: a collator made at load`).toBe(false);
    }
    // the replacement, as the build writes it, against the collator
    let collator: Intl.Collator | undefined;
    const digit = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 9;
    const localeCompare = (a: unknown, b: unknown) => (digit(a) && digit(b) ? Math.sign((a as number) - (b as number)) : (collator ??= new Intl.Collator()).compare(a as string, b as string));
    const reference = new Intl.Collator().compare as (a: unknown, b: unknown) => number;
    const values: unknown[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 99, -1, 2.5, 'b', 'a', 'B', 'ä', 'qualifiers', 'name', '10', '9', ''];
    for (const a of values) for (const b of values) expect(Math.sign(localeCompare(a, b)), `${String(a)} ${String(b)}`).toBe(Math.sign(reference(a, b)));
  });
});
