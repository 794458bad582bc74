// `aibom diff OLD.json NEW.json [--format table|markdown|json] [--fail-on-new KIND[,KIND]...] [--output FILE]`
// Exit codes: 0 no gate failure, 1 new items of a --fail-on-new kind, 2 usage / unreadable / not a BOM.
import { parseArgs } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import type { CommandIO } from '../commands/io.js';
import { diffBoms } from './diff.js';
import { evaluateGate, GATE_KINDS, parseGateKinds } from './gate.js';
import { readBomFile } from './read.js';
import { DIFF_FORMATS, renderDiff, type DiffFormat } from './render.js';

export const DIFF_HELP = `Usage: aibom diff OLD.json NEW.json [options]

Compare two CycloneDX JSON AI-BOMs (spec 1.6 or 1.7), e.g. the base branch's BOM and the pull
request's: content changed at the same path (possible tampering), models, providers and endpoints
added or removed, new and resolved vulnerabilities, license changes, library version changes.

Options:
  --format NAME           table (default), markdown or json
  --output FILE, -o FILE  write the report to FILE instead of stdout
  --fail-on-new KINDS     exit 1 when there is anything new of these kinds (comma-separated or
                          repeated): ${GATE_KINDS.join(', ')} (or service), all

Exit codes: 0 no new items of the kinds checked, 1 new items found (gate failed),
2 usage error, unreadable file or not a CycloneDX 1.6/1.7 JSON BOM.
`;

export async function runDiffCommand(args: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'fail-on-new': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. Run "aibom diff --help" for the options.`);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(DIFF_HELP);
    return 0;
  }
  if (parsed.positionals.length !== 2) {
    throw new UsageError(`diff takes two BOM files, OLD and NEW; got ${parsed.positionals.length}. Run "aibom diff --help".`);
  }
  const format = (v.format ?? 'table') as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${DIFF_FORMATS.join(', ')}, not "${v.format}".`);
  const kinds = v['fail-on-new'] ? parseGateKinds(v['fail-on-new']) : undefined;
  const [oldPath, newPath] = parsed.positionals;
  const oldBom = await readBomFile(resolve(io.cwd, oldPath), oldPath);
  const newBom = await readBomFile(resolve(io.cwd, newPath), newPath);
  const diff = diffBoms(oldBom, newBom);
  const gate = kinds ? evaluateGate(diff, kinds) : undefined;
  const text = renderDiff(diff, format, gate);
  if (v.output) {
    const target = resolve(io.cwd, v.output);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  } else {
    io.stdout.write(text);
  }
  if (gate?.failed) {
    io.stderr.write(`aibom diff: gate failed: ${gate.reasons.map((r) => `${r.count} new ${r.kind}`).join(', ')} (--fail-on-new ${kinds?.join(',')})\n`);
    return 1;
  }
  return 0;
}
