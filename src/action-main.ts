// The Action's process entry: loads the WebAssembly SQLite engine that stands in for better-sqlite3
// in the bundle (see scripts/build-action.mjs), runs the action and sets the exit code (1 policy
// failed, 2 error). Without the engine the scan still runs; it warns that advisories were not checked.
import * as core from '@actions/core';
import { runAction } from './action.js';
import { initSqlJsShim } from './db/sqljs-shim.js';

try {
  await initSqlJsShim();
} catch (err) {
  core.warning(`aibom: the SQLite engine (sql.js) could not be loaded, so advisories are not checked: ${(err as Error).message}`);
}
process.exitCode = await runAction();
