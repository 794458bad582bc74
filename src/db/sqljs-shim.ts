// A synchronous stand-in for the subset of better-sqlite3 that src/db uses, over sql.js (SQLite in
// WebAssembly). The bundled GitHub Action aliases 'better-sqlite3' to this file, since a native addon
// cannot be bundled. Call `await initSqlJsShim()` once before opening a database. A read-only database
// is loaded whole into memory; a writable one is worked on in memory and written back to its path
// atomically (temp file + rename) on close().
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error sql.js ships no type declarations: narrowed to SqlJsInit below
import initSqlJs from 'sql.js';

type SqlValue = number | bigint | string | Uint8Array | null;
interface SqlJsStatement {
  bind(values: SqlValue[] | Record<string, SqlValue>): boolean;
  step(): boolean;
  get(): SqlValue[];
  getColumnNames(): string[];
  reset(): boolean;
}
interface SqlJsDatabase {
  prepare(sql: string): SqlJsStatement;
  exec(sql: string): unknown;
  export(): Uint8Array;
  close(): void;
  getRowsModified(): number;
}
interface SqlJsStatic {
  Database: new (data?: Uint8Array) => SqlJsDatabase;
}
type SqlJsInit = (config: { wasmBinary: Uint8Array }) => Promise<SqlJsStatic>;

/** the largest database file loaded into memory (sql.js's WebAssembly heap stops at 2 GiB) */
export const MAX_DB_BYTES = 1024 * 1024 * 1024;
const WASM = 'sql-wasm.wasm';

let sqlJs: SqlJsStatic | undefined;
let loading: Promise<void> | undefined;

/** where sql.js's wasm is: next to this file (the bundled Action's index.js), else in node_modules */
function defaultWasmPath(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), WASM);
  return existsSync(beside) ? beside : createRequire(import.meta.url).resolve(`sql.js/dist/${WASM}`);
}

/** load sql.js's WebAssembly once; every later call returns at once */
export function initSqlJsShim(opts: { wasmPath?: string } = {}): Promise<void> {
  loading ??= (initSqlJs as SqlJsInit)({ wasmBinary: readFileSync(opts.wasmPath ?? defaultWasmPath()) })
    .then((s) => {
      sqlJs = s;
    })
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}

export type BindValue = number | bigint | string | Buffer | Uint8Array | null | undefined;
export type BindArg = BindValue | BindValue[] | Record<string, BindValue>;
export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}
export interface OpenOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
}

function checkValue(v: unknown): SqlValue {
  if (v === undefined) return null; // as better-sqlite3 binds it
  if (v === null || typeof v === 'string' || v instanceof Uint8Array) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  throw new TypeError(`SQLite3 can only bind numbers, strings, bigints, buffers, and null (got ${typeof v})`);
}

/** better-sqlite3's argument forms: values, arrays of values, or one object of named values */
function toBindings(args: BindArg[]): SqlValue[] | Record<string, SqlValue> {
  const named = args.filter((a): a is Record<string, BindValue> => a !== null && typeof a === 'object' && !Array.isArray(a) && !(a instanceof Uint8Array));
  if (named.length > 0) {
    if (named.length > 1 || args.length > 1) throw new TypeError('sql.js shim: mixing named and anonymous parameters is not supported');
    const out: Record<string, SqlValue> = {};
    for (const [k, v] of Object.entries(named[0])) {
      const value = checkValue(v);
      for (const prefix of [':', '@', '$']) out[`${prefix}${k}`] = value;
    }
    return out;
  }
  return args.flatMap((a) => (Array.isArray(a) ? a : [a])).map(checkValue);
}

function outValue(v: SqlValue): SqlValue | Buffer {
  return v instanceof Uint8Array ? Buffer.from(v) : v;
}

export class Statement {
  private plucked = false;
  readonly reader: boolean;

  constructor(
    private readonly owner: Database,
    private readonly stmt: SqlJsStatement,
    readonly source: string,
  ) {
    this.reader = stmt.getColumnNames().length > 0;
  }

  pluck(toggle = true): this {
    this.plucked = toggle;
    return this;
  }

  private rows(args: BindArg[], limit: number, check = true): unknown[] {
    this.owner.checkOpen();
    if (check && !this.reader) throw new TypeError('This statement does not return data. Use run() instead');
    const out: unknown[] = [];
    try {
      this.stmt.bind(toBindings(args));
      const names = this.stmt.getColumnNames();
      while (out.length < limit && this.stmt.step()) {
        const values = this.stmt.get().map(outValue);
        out.push(this.plucked ? values[0] : Object.fromEntries(names.map((n, i) => [n, values[i]])));
      }
    } finally {
      this.stmt.reset();
    }
    return out;
  }

  get(...args: BindArg[]): unknown {
    return this.rows(args, 1)[0];
  }

  all(...args: BindArg[]): unknown[] {
    return this.rows(args, Infinity);
  }

  /** internal: rows of a statement that may or may not return data (pragma) */
  rowsUnchecked(): unknown[] {
    return this.rows([], Infinity, false);
  }

  run(...args: BindArg[]): RunResult {
    const before = this.owner.totalChanges();
    try {
      this.stmt.bind(toBindings(args));
      while (this.stmt.step());
    } finally {
      this.stmt.reset();
    }
    return this.owner.runResult(before);
  }
}

export default class Database {
  readonly name: string;
  readonly readonly: boolean;
  readonly memory: boolean;
  private db: SqlJsDatabase | undefined;
  private readonly cache = new Map<string, SqlJsStatement>();
  private depth = 0;

  constructor(path: string, opts: OpenOptions = {}) {
    if (!sqlJs) throw new Error('the sql.js SQLite engine is not loaded: await initSqlJsShim() before opening a database');
    this.name = path;
    this.readonly = opts.readonly === true;
    this.memory = path === ':memory:' || path === '';
    let bytes: Uint8Array | undefined;
    if (!this.memory && existsSync(path)) {
      const size = statSync(path).size;
      if (size > MAX_DB_BYTES) throw new Error(`${path}: database of ${size} bytes is larger than the ${MAX_DB_BYTES} bytes this build loads into memory`);
      bytes = readFileSync(path);
    } else if (!this.memory && (this.readonly || opts.fileMustExist)) {
      throw new Error(`unable to open database file: ${path} does not exist`);
    }
    const db = new sqlJs.Database(bytes);
    try {
      if (this.readonly) db.exec('PRAGMA query_only = ON');
    } catch (err) {
      db.close();
      throw err;
    }
    this.db = db;
  }

  get open(): boolean {
    return this.db !== undefined;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** internal: the live sql.js database, or the error better-sqlite3 gives after close() */
  checkOpen(): SqlJsDatabase {
    if (!this.db) throw new TypeError('The database connection is not open');
    return this.db;
  }

  /** internal: sqlite3_total_changes() */
  totalChanges(): number {
    return Number(this.prepare('SELECT total_changes()').pluck().get());
  }

  /** internal: what run() returns; like better-sqlite3, changes is 0 when the statement changed nothing */
  runResult(totalBefore: number): RunResult {
    const row = this.prepare('SELECT total_changes() AS t, last_insert_rowid() AS id').get() as { t: number; id: number };
    return { changes: row.t === totalBefore ? 0 : this.checkOpen().getRowsModified(), lastInsertRowid: Number(row.id) };
  }

  /** compiled statements are kept per SQL text (sql.js frees them only on close) */
  prepare(sql: string): Statement {
    const db = this.checkOpen();
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return new Statement(this, stmt, sql);
  }

  exec(sql: string): this {
    this.checkOpen().exec(sql);
    return this;
  }

  pragma(source: string, opts: { simple?: boolean } = {}): unknown {
    const stmt = this.prepare(`PRAGMA ${source}`);
    if (opts.simple) return stmt.pluck().rowsUnchecked()[0];
    return stmt.rowsUnchecked();
  }

  /** fn inside BEGIN/COMMIT (a SAVEPOINT when nested), rolled back when it throws */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      const nested = this.depth > 0;
      const sp = `shim_sp_${this.depth}`;
      this.exec(nested ? `SAVEPOINT ${sp}` : 'BEGIN');
      this.depth++;
      try {
        const out = fn(...args);
        this.exec(nested ? `RELEASE ${sp}` : 'COMMIT');
        return out;
      } catch (err) {
        try {
          this.exec(nested ? `ROLLBACK TO ${sp}; RELEASE ${sp}` : 'ROLLBACK');
        } catch {
          /* SQLite may already have rolled back (e.g. after SQLITE_FULL): the first error is the one to report */
        }
        throw err;
      } finally {
        this.depth--;
      }
    };
  }

  /** close; a writable file database is written back atomically first */
  close(): this {
    const db = this.db;
    if (!db) return this;
    this.db = undefined;
    this.cache.clear();
    try {
      if (!this.readonly && !this.memory) {
        const tmp = `${this.name}.sqljs-${process.pid}-${Date.now()}.tmp`;
        try {
          writeFileSync(tmp, db.export());
          renameSync(tmp, this.name);
        } catch (err) {
          rmSync(tmp, { force: true });
          throw err;
        }
      }
    } finally {
      db.close();
    }
    return this;
  }
}
