// `aibom export dependency-track BOM.json --url URL (--project UUID | --project-name N --project-version V
// [--auto-create]) [--parent-name N --parent-version V | --parent-uuid UUID] [--tags a,b] [--wait]
// [--timeout SECONDS] [--allow-spec-1.7]`. The API key comes only from DTRACK_API_KEY.
// Exit codes: 0 uploaded (and processed with --wait), 2 usage error or failed upload.
import { parseArgs } from 'node:util';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { redactIn } from '../util/redact.js';
import type { CommandIO } from '../commands/io.js';
import type { DependencyTrackTuning, DependencyTrackUpload } from './dependency-track.js';

export const EXPORT_HELP = `Usage: aibom export dependency-track BOM.json --url URL [options]

Upload a CycloneDX BOM to OWASP Dependency-Track. The API key is read from the environment variable
DTRACK_API_KEY only (never a flag); it needs BOM_UPLOAD, and PROJECT_CREATION_UPLOAD for --auto-create.

Project:
  --project UUID            an existing project
  --project-name NAME       or a project by name ...
  --project-version VER     ... and version
  --auto-create             create the project (name/version) when it does not exist
  --parent-name NAME        with --auto-create: create it under this parent project ...
  --parent-version VER      ... of this version
  --parent-uuid UUID        or under the parent with this UUID
  --tags a,b                set the project's tags

Upload:
  --url URL                 the Dependency-Track API server (https://dtrack.example.com or .../api)
  --wait                    wait until Dependency-Track has processed the BOM
  --timeout SECONDS         how long --wait waits (default 300)
  --allow-spec-1.7          upload a CycloneDX 1.7 BOM (Dependency-Track 4.x and 5.0 reject 1.7)

The upload uses PUT /api/v1/bom, or a multipart POST when the BOM is above the 20,000,000-character
limit of PUT. Network errors and 5xx answers are retried with backoff.
Exit codes: 0 uploaded, 2 usage error or upload failed.
`;

const MAX_BOM_BYTES = 1024 * 1024 * 1024;

/** the Dependency-Track options, shared with `aibom scan --upload` (spread into its parseArgs options) */
export const DEPENDENCY_TRACK_ARG_OPTIONS = {
  url: { type: 'string' },
  project: { type: 'string' },
  'project-name': { type: 'string' },
  'project-version': { type: 'string' },
  'auto-create': { type: 'boolean' },
  'parent-name': { type: 'string' },
  'parent-version': { type: 'string' },
  'parent-uuid': { type: 'string' },
  tags: { type: 'string', multiple: true },
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  'allow-spec-1.7': { type: 'boolean' },
} as const;

export interface DependencyTrackArgValues {
  url?: string;
  project?: string;
  'project-name'?: string;
  'project-version'?: string;
  'auto-create'?: boolean;
  'parent-name'?: string;
  'parent-version'?: string;
  'parent-uuid'?: string;
  tags?: string[];
  wait?: boolean;
  timeout?: string;
  'allow-spec-1.7'?: boolean;
}

/** parsed option values + DTRACK_API_KEY -> the upload options (all but the BOM itself) */
export function dependencyTrackUploadFromArgs(v: DependencyTrackArgValues, env: NodeJS.ProcessEnv): Omit<DependencyTrackUpload, 'bom'> {
  if (!v.url) throw new UsageError('--url is required: the Dependency-Track API server, e.g. https://dtrack.example.com.');
  const timeout = v.timeout === undefined ? 300 : Number(v.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout takes a number of seconds, not "${v.timeout}".`);
  return {
    url: v.url,
    apiKey: env.DTRACK_API_KEY ?? '',
    project: v.project,
    projectName: v['project-name'],
    projectVersion: v['project-version'],
    autoCreate: v['auto-create'] === true,
    parentName: v['parent-name'],
    parentVersion: v['parent-version'],
    parentUuid: v['parent-uuid'],
    tags: (v.tags ?? []).flatMap((t) => t.split(',')),
    wait: v.wait === true,
    timeoutMs: timeout * 1000,
    allowSpec17: v['allow-spec-1.7'] === true,
  };
}

export async function runExportCommand(args: string[], io: CommandIO, tuning?: Partial<DependencyTrackTuning>): Promise<number> {
  const secrets = io.env.DTRACK_API_KEY ? [io.env.DTRACK_API_KEY] : [];
  if (args.some((a) => /^--?api[-_]?key(=|$)/i.test(a))) {
    throw new UsageError('there is no --api-key option: set the API key in the environment variable DTRACK_API_KEY, so it stays out of shell history and process lists.');
  }
  const [target, ...rest] = args;
  if (target === undefined || target === '--help' || target === '-h' || target === 'help') {
    io.stdout.write(EXPORT_HELP);
    return target === undefined ? 2 : 0;
  }
  if (target !== 'dependency-track') throw new UsageError(`unknown export target "${target}"; the only target is dependency-track.`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { ...DEPENDENCY_TRACK_ARG_OPTIONS, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError(redactIn(`${(e as Error).message}. Run "aibom export --help" for the options.`, secrets));
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(EXPORT_HELP);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('give one BOM file: aibom export dependency-track BOM.json --url URL ...');
  const upload = dependencyTrackUploadFromArgs(v, io.env);
  const file = parsed.positionals[0];
  const path = resolve(io.cwd, file);
  let bom: Buffer;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
    if (s.size > MAX_BOM_BYTES) throw new Error(`${s.size} bytes is more than the ${MAX_BOM_BYTES}-byte limit`);
    bom = await readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  // the HTTP client is loaded only when something is uploaded
  const { uploadToDependencyTrack } = await import('./dependency-track.js');
  const result = await uploadToDependencyTrack({
    ...upload,
    bom,
    bomLabel: file,
    log: (line) => io.stderr.write(`aibom export: ${line}\n`),
    tuning,
  });
  if (result.token) io.stdout.write(`${result.token}\n`);
  io.stderr.write(`aibom export: ${file} uploaded to Dependency-Track${result.processed ? ' and processed' : ''}.\n`);
  return 0;
}
