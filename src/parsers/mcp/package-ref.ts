// Which package an MCP launch command installs and runs: `npx -y pkg@1.2.3`, `pnpm dlx`, `bunx`,
// `uvx pkg==1.0`, `pipx run --spec`, `docker run ... IMAGE`. Pure reading of argument words.
import semver from 'semver';
import { programName } from './command-line.js';

export interface PackageRef {
  ecosystem: 'npm' | 'PyPI';
  runner: string;
  name: string;
  /** exact version when pinned */
  version?: string;
  /** the requested tag or range when not exact ("latest", "^1") */
  spec?: string;
  pinned: boolean;
  /** npx -y / --yes: installs without asking */
  silentInstall: boolean;
}

export interface ImageRef {
  runner: string;
  image: string;
  registry?: string;
  namespace?: string;
  name: string;
  tag?: string;
  digest?: string;
  pinned: boolean;
  /** the `docker run` options written before the image */
  runOptions: string[];
}

export type LaunchRef = { type: 'package'; ref: PackageRef } | { type: 'image'; ref: ImageRef };

const NPM_VALUE_FLAGS = new Set(['-p', '--package', '--registry', '--cache', '--userconfig', '-c', '--call', '--node-options']);
const UV_VALUE_FLAGS = new Set([
  '--from', '--with', '--with-editable', '--with-requirements', '--python', '-p', '--index', '--index-url',
  '--extra-index-url', '--default-index', '--constraints', '--overrides', '--directory', '--project', '--cache-dir',
]);
const PIPX_VALUE_FLAGS = new Set(['--spec', '--python', '--pip-args', '--index-url', '--suffix']);
const DOCKER_VALUE_FLAGS = new Set([
  '-e', '--env', '--env-file', '-v', '--volume', '--mount', '--name', '-p', '--publish', '--network', '--net', '-w',
  '--workdir', '-u', '--user', '--entrypoint', '-l', '--label', '--cpus', '-m', '--memory', '--platform', '--add-host',
  '--cap-add', '--cap-drop', '--device', '--pull', '--restart', '--security-opt', '-h', '--hostname', '--ulimit',
  '--tmpfs', '--ipc', '--pid', '--userns', '--uts', '--gpus', '--runtime', '--dns', '--log-driver', '--log-opt',
  '--shm-size', '--group-add', '--cgroupns', '--expose', '--label-file', '--stop-signal', '--volumes-from', '-a', '--attach',
]);

export function launchRef(command: string | undefined, args: readonly string[]): LaunchRef | undefined {
  if (!command) return undefined;
  const prog = programName(command);
  const a = [...args];
  if (prog === 'npx' || prog === 'bunx' || prog === 'pnpx') return npmRef(prog, a);
  if (prog === 'npm' && (a[0] === 'exec' || a[0] === 'x')) return npmRef('npm exec', a.slice(1));
  if ((prog === 'pnpm' || prog === 'yarn') && a[0] === 'dlx') return npmRef(`${prog} dlx`, a.slice(1));
  if (prog === 'bun' && a[0] === 'x') return npmRef('bun x', a.slice(1));
  if (prog === 'uvx') return pyRef('uvx', a, UV_VALUE_FLAGS, '--from');
  if (prog === 'uv' && a[0] === 'tool' && a[1] === 'run') return pyRef('uv tool run', a.slice(2), UV_VALUE_FLAGS, '--from');
  if (prog === 'pipx' && a[0] === 'run') return pyRef('pipx run', a.slice(1), PIPX_VALUE_FLAGS, '--spec');
  if (prog === 'docker' || prog === 'podman' || prog === 'nerdctl') {
    const rest = a[0] === 'run' ? a.slice(1) : a[0] === 'container' && a[1] === 'run' ? a.slice(2) : undefined;
    return rest ? imageRef(prog, rest) : undefined;
  }
  return undefined;
}

/** Positional words and `--flag value` pairs; returns the first positional and the value of `specFlag`. */
function scan(words: string[], valueFlags: Set<string>, specFlag: string): { first?: string; spec?: string; flags: string[] } {
  const flags: string[] = [];
  let spec: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') return { first: words[i + 1], spec, flags };
    if (!w.startsWith('-') || w === '-') return { first: w, spec, flags };
    flags.push(w);
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(0, eq) : w;
    const value = eq > 0 ? w.slice(eq + 1) : valueFlags.has(w) ? words[++i] : undefined;
    if (name === specFlag || (specFlag === '--package' && name === '-p')) spec = value;
  }
  return { spec, flags };
}

function isLocalOrUrl(spec: string): boolean {
  return /^(?:\.{0,2}\/|~|[A-Za-z]:[\\/]|[a-z+]+:)/.test(spec) || spec.includes('\\');
}

function npmRef(runner: string, words: string[]): LaunchRef | undefined {
  const { first, spec, flags } = scan(words, NPM_VALUE_FLAGS, '--package');
  const word = spec ?? first;
  if (!word || isLocalOrUrl(word)) return undefined;
  const m = /^(@[^/@\s]+\/[^@\s]+|[^@\s]+)(?:@(.*))?$/.exec(word);
  if (!m) return undefined;
  const want = m[2];
  const exact = want !== undefined ? semver.valid(want) ?? undefined : undefined;
  return {
    type: 'package',
    ref: { ecosystem: 'npm', runner, name: m[1], version: exact, spec: exact ? undefined : want, pinned: exact !== undefined, silentInstall: flags.includes('-y') || flags.includes('--yes') },
  };
}

function pyRef(runner: string, words: string[], valueFlags: Set<string>, specFlag: string): LaunchRef | undefined {
  const { first, spec } = scan(words, valueFlags, specFlag);
  const word = spec ?? first;
  if (!word || isLocalOrUrl(word) || word.startsWith('git+')) return undefined;
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:(==|===|@)\s*([^\s,;]+)|([<>=!~][^;]*))?$/.exec(word);
  if (!m) return undefined;
  const name = m[1].toLowerCase().replace(/[-_.]+/g, '-');
  const ver = m[3];
  const exact = ver !== undefined && ver !== 'latest' && !ver.includes('*') ? ver : undefined;
  return {
    type: 'package',
    ref: { ecosystem: 'PyPI', runner, name, version: exact, spec: exact ? undefined : (ver ?? m[4]?.trim()), pinned: exact !== undefined, silentInstall: true },
  };
}

function imageRef(runner: string, words: string[]): LaunchRef | undefined {
  const runOptions: string[] = [];
  let image: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith('-')) {
      image = w;
      break;
    }
    runOptions.push(w);
    if (!w.includes('=') && DOCKER_VALUE_FLAGS.has(w) && i + 1 < words.length) runOptions.push(words[++i]);
  }
  if (!image || image.startsWith('$')) return undefined;
  const parsed = parseImage(image);
  return parsed ? { type: 'image', ref: { runner, image, runOptions, ...parsed } } : undefined;
}

export function parseImage(image: string): Omit<ImageRef, 'runner' | 'image' | 'runOptions'> | undefined {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) registry = parts.shift();
  const name = parts.pop();
  if (!name || !/^[a-z0-9][a-z0-9._-]*$/.test(name)) return undefined;
  const namespace = parts.length > 0 ? parts.join('/') : undefined;
  return { registry, namespace, name, tag, digest, pinned: digest !== undefined && /^sha256:[0-9a-f]{64}$/.test(digest) };
}
