// Opening the advisory database: read-only for scans, writable (migrated) for builds and updates.
// The native driver (better-sqlite3) is preferred; when its compiled binding is missing (for example when
// npm did not run install scripts) or AIBOM_SQLITE=wasm is set, SQLite compiled to WebAssembly (sql.js)
// takes over with the same API, so a scan never loses its advisory check to an install detail.
import NativeDatabase from 'better-sqlite3';
import type Database from 'better-sqlite3';
import { migrate } from './schema.js';

type Engine = new (path: string, options?: Database.Options) => Database.Database;
let engine: Engine = NativeDatabase;
let prepared: Promise<void> | undefined;

/** Picks the SQLite engine once per process; call (and await) before opening a database. */
export function prepareSqlite(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  prepared ??= (async () => {
    if (env.AIBOM_SQLITE !== 'wasm') {
      try {
        new NativeDatabase(':memory:').close();
        return;
      } catch {
        /* no usable native binding: use the WebAssembly engine */
      }
    }
    // SQLite in WebAssembly is loaded only when the native driver cannot be used
    const shim = await import('./sqljs-shim.js');
    await shim.initSqlJsShim();
    engine = shim.default as unknown as Engine;
  })();
  return prepared;
}

/** the engine in use: "native" or "wasm" */
export function sqliteEngine(): 'native' | 'wasm' {
  return engine === NativeDatabase ? 'native' : 'wasm';
}

export function openReadOnly(path: string): Database.Database {
  return new engine(path, { readonly: true, fileMustExist: true });
}

export function openWritable(path: string): Database.Database {
  const db = new engine(path);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  migrate(db);
  return db;
}

export function readMeta(db: Database.Database): Record<string, string> {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}
