// aibom's command line: a table of commands, help text and exit codes (0 ok, 1 policy failed, 2 error).
// Each command's module is imported when that command runs: `--version` and `--help` load no detector,
// no CycloneDX library and no sigstore.
import { AibomError } from './util/errors.js';
import { packageVersion } from './util/package-root.js';
import { defaultIO, type CommandIO } from './commands/io.js';

type Command = (args: string[], io: CommandIO) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  scan: {
    run: async (a, io) => {
      // scan workers load their detectors while this thread loads the scan pipeline (a scan too small for them
      // ends them unused)
      if (!a.includes('--help') && !a.includes('-h')) (await import('./detect/worker-pool.js')).prestart();
      return (await import('./commands/scan.js')).runScanCommand(a, io);
    },
    summary: 'find AI assets and write an AI-BOM (CycloneDX), table or JSON',
  },
  verify: { run: async (a, io) => (await import('./provenance/verify-command.js')).runVerifyCommand(a, io), summary: 'verify an OpenSSF model signature (sigstore bundle) offline' },
  diff: {
    run: async (a, io) => (await import('./diff/command.js')).runDiffCommand(a, io),
    summary: 'compare two AI-BOMs (hash changes, models, providers, endpoints, vulnerabilities, licenses); --fail-on-new gates CI',
  },
  export: { run: async (a, io) => (await import('./export/command.js')).runExportCommand(a, io), summary: 'upload a BOM to Dependency-Track (API key from DTRACK_API_KEY)' },
  db: { run: async (a, io) => (await import('./commands/db.js')).runDbCommandAdapter(a, io), summary: 'the local advisory and license database: status, update (network), import' },
  detectors: { run: async (a, io) => (await import('./commands/detectors.js')).runDetectorsCommand(a, io), summary: 'list the detectors and their groups' },
};

export function registerCommand(name: string, summary: string, run: Command): void {
  COMMANDS[name] = { run, summary };
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `aibom ${packageVersion()}: AI supply-chain scanner

Usage: aibom <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Run "aibom <command> --help" for a command's options.
Exit codes: 0 ok, 1 policy failed (or verification invalid), 2 usage or runtime error.
`;
}

export async function main(argv: string[], io: CommandIO = defaultIO()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.stdout.write(help());
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === '--version' || cmd === '-V' || cmd === 'version') {
    io.stdout.write(packageVersion() + '\n');
    return 0;
  }
  const command = COMMANDS[cmd];
  if (!command) {
    io.stderr.write(`aibom: unknown command "${cmd}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run "aibom --help".\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof AibomError) {
      io.stderr.write(`aibom ${cmd}: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr.write(`aibom ${cmd}: unexpected error: ${(e as Error).stack ?? String(e)}\nPlease report this with the command you ran.\n`);
    return 2;
  }
}
