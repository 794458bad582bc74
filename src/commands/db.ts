// `aibom db ...`: the advisory database commands (src/db/command.ts) with the CLI's IO.
import { runDbCommand } from '../db/command.js';
import type { CommandIO } from './io.js';

export function runDbCommandAdapter(args: string[], io: CommandIO): Promise<number> {
  return runDbCommand(args, { stdout: io.stdout, stderr: io.stderr, env: io.env, cwd: io.cwd });
}
