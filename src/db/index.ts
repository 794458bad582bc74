// The advisory database: public entry points for the CLI and the scan pipeline.
export { runDbCommand, DB_USAGE, type DbIo } from './command.js';
export { defaultDbPath } from './location.js';
export { ensureDb, buildSeedDb, seedHash } from './seed.js';
export { updateDb, importPath, DEFAULT_OSV_BASE, DEFAULT_ECOSYSTEMS } from './update.js';
export { dbStatus, formatStatus } from './status.js';
