// Where the advisory database lives: $AIBOM_DB, else $XDG_CACHE_HOME/aibom/advisories.db,
// else ~/.cache/aibom/advisories.db.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AIBOM_DB) return env.AIBOM_DB;
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'aibom', 'advisories.db');
}
