// `aibom db <update|import|status>`: the only commands besides `export` that may use the network.
// Returns the exit code: 0 success, 2 usage or runtime error.
import { prepareSqlite } from './open.js';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AibomError, UsageError } from '../util/errors.js';
import { defaultDbPath } from './location.js';
import { dbStatus, formatStatus } from './status.js';
import { importPath, updateDb, type SourceOutcome } from './update.js';

export interface DbIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** environment for the default database location ($AIBOM_DB, $XDG_CACHE_HOME); default process.env */
  env?: NodeJS.ProcessEnv;
  /** folder that relative PATH / --db arguments are resolved against; default process.cwd() */
  cwd?: string;
}

export const DB_USAGE = `usage:
  aibom db update [--url BASE] [--ecosystem NAME]... [--db FILE]
  aibom db import PATH [--db FILE]       (a directory or zip of OSV JSON/YAML records)
  aibom db status [--db FILE] [--json]
`;

function isTty(s: NodeJS.WritableStream): boolean {
  return (s as { isTTY?: boolean }).isTTY === true;
}

function mb(n: number): string {
  return `${(n / 1048576).toFixed(1)} MB`;
}

function outcomeLine(o: SourceOutcome): string {
  if (o.status === 'not-modified') return `${o.source}: not modified`;
  return `${o.source}: ${o.records} records${o.errors > 0 ? `, ${o.errors} unreadable skipped` : ''}`;
}

export async function runDbCommand(args: string[], io: DbIo): Promise<number> {
  try {
    const [sub, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        ecosystem: { type: 'string', multiple: true },
        db: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      io.stdout.write(DB_USAGE);
      return sub === undefined ? 2 : 0;
    }
    await prepareSqlite(io.env ?? process.env);
    const cwd = io.cwd ?? process.cwd();
    const dbPath = values.db ? resolve(cwd, values.db) : defaultDbPath(io.env ?? process.env);
    if (sub === 'status') {
      const s = dbStatus(dbPath);
      io.stdout.write(values.json ? `${JSON.stringify(s, null, 2)}\n` : formatStatus(s));
      return 0;
    }
    if (sub === 'import') {
      if (positionals.length !== 1) throw new UsageError(`db import needs one PATH\n${DB_USAGE}`);
      const o = await importPath(dbPath, resolve(cwd, positionals[0]));
      io.stdout.write(`${outcomeLine(o)}\ndatabase: ${dbPath}\n`);
      return 0;
    }
    if (sub === 'update') {
      if (positionals.length > 0) throw new UsageError(`db update takes no positional arguments\n${DB_USAGE}`);
      const tty = isTty(io.stderr);
      let lastDraw = 0;
      const outcomes = await updateDb({
        dbPath,
        base: values.url,
        ecosystems: values.ecosystem,
        onProgress: (eco, r, t) => {
          if (!tty || Date.now() - lastDraw < 100) return;
          lastDraw = Date.now();
          const pct = t ? ` ${Math.floor((r / t) * 100)}%` : '';
          io.stderr.write(`\r${eco}: ${mb(r)}${t ? ` / ${mb(t)}` : ''}${pct}   `);
        },
      });
      if (tty) io.stderr.write('\r\x1b[K');
      io.stdout.write(`${outcomes.map(outcomeLine).join('\n')}\ndatabase: ${dbPath}\n`);
      return 0;
    }
    throw new UsageError(`unknown db command "${sub}"\n${DB_USAGE}`);
  } catch (err) {
    const e = err as Error;
    const usage = (err instanceof AibomError && err.code === 'E_USAGE') || String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    const keep = usage ? '' : ' (the existing database is unchanged)';
    io.stderr.write(`aibom db: ${e.message}${keep}\n`);
    return err instanceof AibomError ? err.exitCode : 2;
  }
}
