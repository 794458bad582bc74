// The one filesystem walk shared by every detector. It honours .gitignore (nested, as git does) and
// --exclude, never enters .git, never follows a symlink out of the root or into a folder (so it cannot
// loop), and turns unreadable or vanished entries into warnings.
import { stat, realpath } from 'node:fs/promises';
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { FileRef } from '../detect/types.js';
import type { ScanWarning } from '../inventory/types.js';
import { extOf } from '../detect/memory-file.js';
import { dependencyContext, readOwner } from './dependency-dirs.js';
import { isIgnored, makeLayer, type IgnoreLayer } from './ignore-stack.js';

export interface WalkOptions {
  /** absolute path of a folder or a single file */
  root: string;
  gitignore: boolean;
  excludes: readonly string[];
  signal?: AbortSignal;
  onWarning(w: ScanWarning): void;
  /** called for every regular file seen (walked or not), for progress */
  onFile?(): void;
}

export interface WalkedFile {
  ref: FileRef;
  /** absolute path to read */
  abs: string;
}

const ALWAYS_SKIP = new Set(['.git', '.hg', '.svn']);

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return 'permission denied';
  if (err?.code === 'ENOENT') return 'vanished during the scan';
  return err?.message ?? String(e);
}

export async function* walk(opts: WalkOptions): AsyncGenerator<WalkedFile> {
  const rootStat = await stat(opts.root);
  if (rootStat.isFile()) {
    const name = basename(opts.root);
    opts.onFile?.();
    yield { abs: opts.root, ref: { path: name, name, ext: extOf(name), size: rootStat.size } };
    return;
  }
  const realRoot = await realpath(opts.root);
  const owners = new Map<string, Promise<string | undefined>>();
  const base: IgnoreLayer[] = opts.excludes.length > 0 ? [makeLayer('', opts.excludes.join('\n'))] : [];
  yield* walkDir(opts, realRoot, '', base, owners);
}

async function* walkDir(
  opts: WalkOptions,
  realRoot: string,
  rel: string,
  inherited: IgnoreLayer[],
  owners: Map<string, Promise<string | undefined>>,
): AsyncGenerator<WalkedFile> {
  if (opts.signal?.aborted) return;
  const absDir = rel === '' ? opts.root : join(opts.root, rel);
  let entries: Dirent[];
  try {
    // synchronous directory and stat calls: a walk of 100k entries is dominated by per-call overhead,
    // and the sync calls avoid the thread-pool round trip of the promise API
    entries = readdirSync(absDir, { withFileTypes: true });
  } catch (e) {
    opts.onWarning({ path: rel || '.', message: `cannot read folder: ${errText(e)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let layers = inherited;
  if (opts.gitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    try {
      layers = [...inherited, makeLayer(rel, readFileSync(join(absDir, '.gitignore'), 'utf8'))];
    } catch (e) {
      opts.onWarning({ path: rel ? `${rel}/.gitignore` : '.gitignore', message: `cannot read .gitignore: ${errText(e)}` });
    }
  }
  const files: { name: string; childRel: string; link: boolean }[] = [];
  const dirs: string[] = [];
  for (const e of entries) {
    if (ALWAYS_SKIP.has(e.name)) continue;
    const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      if (!isIgnored(layers, childRel, true)) dirs.push(childRel);
    } else if (e.isFile() || e.isSymbolicLink()) {
      if (!isIgnored(layers, childRel, false)) files.push({ name: e.name, childRel, link: e.isSymbolicLink() });
    }
  }
  const inDependency = dependencyContext(rel === '' ? 'x' : `${rel}/x`) !== undefined;
  for (const f of files) {
    {
      // a link is resolved now (it may point out of the root); a regular file's size is read only when a
      // detector looks at it: most files of a source tree are rejected by name alone
      const linked = f.link ? statEntry(opts, realRoot, f.childRel, true) : undefined;
      if (f.link && !linked) continue;
      opts.onFile?.();
      const abs = join(opts.root, f.childRel);
      const ref: FileRef = linked
        ? { path: f.childRel, name: f.name, ext: extOf(f.name), size: linked.size }
        : lazySizeRef(f.childRel, f.name, abs);
      const dep = inDependency ? dependencyContext(f.childRel) : undefined;
      if (dep) {
        let owner: Promise<string | undefined> | undefined;
        if (dep.packageDir) {
          owner = owners.get(dep.packageDir);
          if (!owner) owners.set(dep.packageDir, (owner = readOwner(opts.root, dep.packageDir)));
        }
        ref.dependency = { dir: dep.dir, owner: owner ? await owner : undefined };
      }
      yield { abs, ref };
    }
  }
  for (const d of dirs) yield* walkDir(opts, realRoot, d, layers, owners);
}

function lazySizeRef(path: string, name: string, abs: string): FileRef {
  let size: number | undefined;
  return {
    path,
    name,
    ext: extOf(name),
    get size(): number {
      if (size === undefined) {
        try {
          size = lstatSync(abs).size;
        } catch {
          size = 0; // vanished: the read that follows reports it
        }
      }
      return size;
    },
    set size(v: number) {
      size = v;
    },
  };
}

function statEntry(opts: WalkOptions, realRoot: string, rel: string, link: boolean): { size: number } | undefined {
  const abs = join(opts.root, rel);
  try {
    if (!link) return lstatSync(abs);
    // a symlink is followed only when it resolves to a regular file inside the root; folders are never
    // entered through links, so loops are impossible
    const target = realpathSync(abs);
    const inside = toPosix(relative(realRoot, target));
    if (inside.startsWith('../') || inside === '..' || inside.startsWith('/')) {
      opts.onWarning({ path: rel, message: 'symlink points outside the scanned folder: not followed' });
      return undefined;
    }
    const st = statSync(target);
    return st.isFile() ? st : undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (link && (code === 'ELOOP' || code === 'ENOENT')) {
      opts.onWarning({ path: rel, message: code === 'ELOOP' ? 'symlink loop: not followed' : 'dangling symlink: not followed' });
    } else {
      opts.onWarning({ path: rel, message: `cannot read file: ${errText(e)}` });
    }
    return undefined;
  }
}
