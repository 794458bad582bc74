// Builds the embedded advisory database from the seed records in advisories/osv and
// advisories/curated. Scans do this on first use by themselves; this script lets packaging or CI
// build it ahead of time. Usage (after `npm run build`): node dist/advisories/build-db.js [OUT.db]
// Default OUT: $AIBOM_DB, else $XDG_CACHE_HOME/aibom/advisories.db, else ~/.cache/aibom/advisories.db.
import { defaultDbPath } from '../src/db/location.js';
import { buildSeedDb } from '../src/db/seed.js';

const out = process.argv[2] ?? defaultDbPath();
const report = buildSeedDb(out);
for (const e of report.errors) process.stderr.write(`skipped ${e.file}: ${e.error}\n`);
process.stdout.write(`${report.records} seed records -> ${out}\n`);
process.exitCode = report.errors.length > 0 ? 1 : 0;
