// The bundled CLI (scripts/build-cli.mjs) patches one line of packageurl-js: its Intl.Collator is made on first
// use instead of when the module loads (~15 ms of every start). The build stops if the line changes; this checks
// that the bundle holds the lazy form, and that the lazy comparator orders as the collator does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('CLI bundle', () => {
  it("makes packageurl-js's collator on first use", () => {
    for (const bundle of ['cli.cjs', 'scan-worker.cjs']) {
      const text = readFileSync(join(process.cwd(), 'dist', 'cli', bundle), 'utf8');
      // booleans: a failure must not print a 3 MB bundle
      expect(/collator\?\?=new Intl\.Collator/.test(text), `${bundle}: the lazy collator`).toBe(true);
      expect(/compare:\s*localeCompare\s*\}\s*=\s*new Intl\.Collator/.test(text), `${bundle}: a collator made at load`).toBe(false);
    }
    // the replacement, as the bundle has it, against the collator
    let collator: Intl.Collator | undefined;
    const localeCompare = (a: string, b: string) => (collator ??= new Intl.Collator()).compare(a, b);
    const words = ['b', 'a', 'B', 'ä', 'qualifiers', 'name', '10', '9', ''];
    expect([...words].sort(localeCompare)).toEqual([...words].sort(new Intl.Collator().compare));
  });
});
