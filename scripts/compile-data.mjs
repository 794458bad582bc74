#!/usr/bin/env node
// Writes dist/data-cache.json: every YAML data file of detectors/ and advisories/ (OSV records excepted, the
// database imports those) parsed once, with the SHA-256 of its text. src/util/data-file.ts reads a file from
// here only while its text still has that digest. Then dist/prefilter-dfa.bin, the source detectors' keyword
// automaton built from that data (see the end). Run by `npm run build` after tsc.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = {};
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'osv') walk(p);
    } else if (/\.ya?ml$/.test(e.name)) {
      const text = readFileSync(p, 'utf8');
      const data = parse(text);
      // only values JSON keeps exactly (no dates, no undefined): anything else is parsed at run time
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data)) continue;
      files[relative(root, p).split('\\').join('/')] = { sha256: createHash('sha256').update(text).digest('hex'), data };
    }
  }
};
walk(join(root, 'detectors'));
walk(join(root, 'advisories'));
// AIBOM_DATA_CACHE_OUT lets the test write a copy elsewhere
const out = process.env.AIBOM_DATA_CACHE_OUT ?? join(root, 'dist', 'data-cache.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ files }));

// the source detectors' keyword automaton, built from the rule data just cached (detectors/shadow-ai/prefilter.ts
// uses it only while the keyword list it was built from is unchanged); written beside, then renamed into place
if (!process.env.AIBOM_DATA_CACHE_OUT) {
  const { writePrefilterCache, PREFILTER_CACHE } = await import(new URL('../dist/detectors/shadow-ai/prefilter.js', import.meta.url).href);
  const dest = join(root, PREFILTER_CACHE);
  const tmp = `${dest}.${process.pid}.tmp`;
  writePrefilterCache(tmp);
  renameSync(tmp, dest);
}
