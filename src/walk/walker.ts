// The one filesystem walk shared by every detector. It honours .gitignore (nested, as git does) and
// --exclude, never enters .git, never follows a symlink out of the root or into a folder (so it cannot
// loop), and turns unreadable or vanished entries into warnings.
import { stat, realpath } from 'node:fs/promises';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { FileRef } from '../detect/types.js';
import type { ScanWarning } from '../inventory/types.js';
import { extOf } from '../detect/memory-file.js';
import { dependencyContext, isDependencyDirName, readOwner } from './dependency-dirs.js';
import { isIgnored, makeLayer, type IgnoreLayer } from './ignore-stack.js';
import { readSmallSync, type PrefetchingRef } from './fs-file.js';
import { folderPrefetcher, KIND_DIR, KIND_FILE, KIND_LINK, listFolder, pickContent, type FolderContent, type FolderPrefetcher, type Listing, type ReadAhead } from './native-read.js';

export interface WalkOptions {
  /** absolute path of a folder or a single file */
  root: string;
  gitignore: boolean;
  excludes: readonly string[];
  signal?: AbortSignal;
  onWarning(w: ScanWarning): void;
  /** called for every regular file seen (walked or not), for progress */
  onFile?(): void;
  /** which files the native reader reads ahead (the runner gives its detectors' selection hints); without it,
   *  every small regular file */
  readAhead?: ReadAhead;
}

/** One folder's files to scan, as the walk found them: the unit the runner hands to scan workers. A file's
 *  FileRef is made where the file is scanned (folderRefs()), so a worker pays for the refs of its own files. */
export interface WalkedFolder {
  /** absolute folder path ending with the path separator */
  absDir: string;
  /** display path of the folder, POSIX, '' for the scan root */
  rel: string;
  /** the sorted names of every entry of the folder (absent when the scan root is a single file: its folder
   *  is not part of the scan, and siblings() reads it when asked) */
  listing?: readonly string[];
  /** the files to scan, in walk order */
  names: string[];
  /** sizes known to the walk (files reached through a symbolic link are stat'ed); others are read lazily */
  sizes?: (number | undefined)[];
  /** the dependency folder the files lie under, with the owning package (the same for every file of a folder) */
  dependency?: { dir: string; owner?: string };
  /** the bytes of files read ahead by the walk (native reader only), indexed like names */
  content?: FolderContent;
}

/** The FileRef of file i of a walked folder (lazily sized unless the walk knows the size). */
export function folderRef(f: WalkedFolder, i: number): FileRef {
  const name = f.names[i];
  const path = f.rel === '' ? name : `${f.rel}/${name}`;
  const size = f.sizes?.[i];
  const ref: FileRef = size !== undefined ? { path, name, ext: extOf(name), size } : new LazySizeRef(path, name, f.absDir + name);
  if (f.dependency) ref.dependency = f.dependency;
  return ref;
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

/** The walk, one folder at a time: depth first, files of a folder before its subfolders, names in order. */
export async function* walkFolders(opts: WalkOptions): AsyncGenerator<WalkedFolder> {
  const rootStat = await stat(opts.root);
  if (rootStat.isFile()) {
    const name = basename(opts.root);
    opts.onFile?.();
    const absDir = opts.root.slice(0, opts.root.length - name.length);
    yield { absDir, rel: '', names: [name], sizes: [rootStat.size] };
    return;
  }
  const realRoot = await realpath(opts.root);
  const owners = new Map<string, Promise<string | undefined>>();
  const base: IgnoreLayer[] = opts.excludes.length > 0 ? [makeLayer('', opts.excludes.join('\n'))] : [];
  // depth first, files of a folder before its subfolders, names in order: an explicit stack (subfolders
  // pushed in reverse) gives the same order as recursion without nesting generators
  // queued: handed to the read-ahead already
  const stack: { rel: string; layers: IgnoreLayer[]; forced: boolean; queued?: boolean }[] = [{ rel: '', layers: base, forced: false }];
  // with the native reader, the next folders on the stack are listed and their small files read by its thread
  // while this thread scans the current one (only folders the walk will enter: they are on the stack)
  const ahead = folderPrefetcher(opts.readAhead);
  try {
    for (let top = stack.pop(); top; top = stack.pop()) {
      if (opts.signal?.aborted) return;
      const r = await readFolder(opts, realRoot, top, base, owners, ahead);
      for (let k = r.dirs.length - 1; k >= 0; k--) stack.push({ rel: r.dirs[k].rel, layers: r.layers, forced: r.dirs[k].forced });
      if (ahead) {
        for (let k = stack.length - 1; k >= 0 && k >= stack.length - AHEAD && ahead.size < AHEAD; k--) {
          const next = stack[k];
          if (next.queued) continue;
          next.queued = true;
          ahead.start(join(opts.root, next.rel), next.rel, dependencyContext(`${next.rel}/x`) !== undefined);
        }
      }
      if (r.folder) yield r.folder;
    }
  } finally {
    ahead?.close();
  }
}

/** folders listed and read ahead of the walk at most (each holds up to PREFETCH_FOLDER_BYTES) */
const AHEAD = 4;

/** `forced`: the folder lies in an installed-dependency folder that .gitignore excludes (node_modules,
 *  .venv ...). Those are supply chain, so they are walked anyway and only --exclude applies inside them. */
async function readFolder(
  opts: WalkOptions,
  realRoot: string,
  at: { rel: string; layers: IgnoreLayer[]; forced: boolean },
  excludes: IgnoreLayer[],
  owners: Map<string, Promise<string | undefined>>,
  ahead?: FolderPrefetcher,
): Promise<{ folder?: WalkedFolder; dirs: { rel: string; forced: boolean }[]; layers: IgnoreLayer[] }> {
  const { rel, forced } = at;
  const inherited = at.layers;
  const absDir = rel === '' ? opts.root : join(opts.root, rel);
  let entries: Listing;
  try {
    // synchronous directory and stat calls: a walk of 100k entries is dominated by per-call overhead, and the
    // sync calls avoid the thread-pool round trip of the promise API; a folder read ahead by the native reader
    // is ready by now, or nearly
    entries = ahead?.take(absDir) ?? listFolder(absDir);
  } catch (e) {
    opts.onWarning({ path: rel || '.', message: `cannot read folder: ${errText(e)}` });
    return { dirs: [], layers: inherited };
  }
  const listing: readonly string[] = entries.names;
  const kinds = entries.kinds;
  const content = entries.content;
  /** per file of names: its index in the listing (-1: a link, not read ahead), when the listing was read ahead */
  let read: Int32Array | undefined;
  let layers = inherited;
  const gitignoreAt = opts.gitignore && !forced ? listing.indexOf('.gitignore') : -1;
  if (gitignoreAt >= 0 && kinds[gitignoreAt] === KIND_FILE) {
    try {
      layers = [...inherited, makeLayer(rel, readFileSync(join(absDir, '.gitignore'), 'utf8'))];
    } catch (e) {
      opts.onWarning({ path: rel ? `${rel}/.gitignore` : '.gitignore', message: `cannot read .gitignore: ${errText(e)}` });
    }
  }
  const names: string[] = [];
  let sizes: (number | undefined)[] | undefined;
  const dirs: { rel: string; forced: boolean }[] = [];
  const fileLayers = forced ? excludes : layers;
  for (let i = 0; i < listing.length; i++) {
    const name = listing[i];
    const kind = kinds[i];
    if (ALWAYS_SKIP.has(name)) continue;
    // the display path only where it is needed: folders, ignore rules, links (most entries are plain files)
    const childRel = kind === KIND_FILE && fileLayers.length === 0 ? '' : rel === '' ? name : `${rel}/${name}`;
    if (kind === KIND_DIR) {
      if (isIgnored(excludes, childRel, true)) continue; // --exclude always wins
      if (forced || !isIgnored(layers, childRel, true)) dirs.push({ rel: childRel, forced });
      else if (isDependencyDirName(name)) dirs.push({ rel: childRel, forced: true });
    } else if (kind === KIND_FILE) {
      if (fileLayers.length > 0 && isIgnored(fileLayers, childRel, false)) continue;
      opts.onFile?.();
      if (content) (read ??= new Int32Array(listing.length))[names.length] = i;
      names.push(name);
      sizes?.push(undefined);
    } else if (kind === KIND_LINK) {
      if (fileLayers.length > 0 && isIgnored(fileLayers, childRel, false)) continue;
      // a link is resolved now (it may point out of the root); a regular file's size is read only when a
      // detector looks at it: most files of a source tree are rejected by their name or content alone
      const linked = linkTarget(opts, realRoot, childRel);
      if (!linked) continue;
      opts.onFile?.();
      sizes ??= names.map(() => undefined);
      if (content) (read ??= new Int32Array(listing.length))[names.length] = -1;
      names.push(name);
      sizes.push(linked.size);
    }
  }
  if (names.length === 0) return { dirs, layers };
  const folder: WalkedFolder = { absDir: absDir.endsWith(sep) ? absDir : absDir + sep, rel, listing, names };
  if (sizes) folder.sizes = sizes;
  if (content && read) folder.content = pickContent(content, read.subarray(0, names.length));
  const dep = dependencyContext(rel === '' ? 'x' : `${rel}/x`);
  if (dep) {
    let owner: Promise<string | undefined> | undefined;
    if (dep.packageDir) {
      owner = owners.get(dep.packageDir);
      if (!owner) owners.set(dep.packageDir, (owner = readOwner(opts.root, dep.packageDir)));
    }
    folder.dependency = { dir: dep.dir, owner: owner ? await owner : undefined };
  }
  return { folder, dirs, layers };
}

/** a FileRef whose size is read (lstat) only when something asks for it; a class, so that the
 *  accessor lives on the prototype and 100k refs cost no per-object accessor pairs */
class LazySizeRef implements PrefetchingRef {
  readonly ext: string;
  dependency?: FileRef['dependency'];
  #prefetched?: Buffer | 'large';
  #size: number | undefined;
  constructor(
    readonly path: string,
    readonly name: string,
    private readonly abs: string,
  ) {
    this.ext = extOf(name);
  }
  get size(): number {
    if (this.#size === undefined) {
      try {
        // a small file is read whole (open, read, close) instead of stat'ed: a detector that asks the size
        // almost always reads the file next, and the content is kept for it
        const small = readSmallSync(this.abs);
        this.#prefetched = small ?? 'large';
        this.#size = small ? small.length : statSync(this.abs).size;
      } catch {
        try {
          this.#size = statSync(this.abs).size; // unreadable: the read that follows reports it
        } catch {
          this.#size = 0; // vanished: the read that follows reports it
        }
      }
    }
    return this.#size;
  }
  set size(v: number) {
    this.#size = v;
  }
  holdContent(content: Buffer | 'large'): void {
    this.#prefetched = content;
    if (content !== 'large') this.#size = content.length;
  }
  takePrefetched(): Buffer | 'large' | undefined {
    const p = this.#prefetched;
    if (p !== 'large') this.#prefetched = undefined;
    return p;
  }
}

export function lazySizeRef(path: string, name: string, abs: string): FileRef {
  return new LazySizeRef(path, name, abs);
}

/** the target of a symlinked file, when it may be scanned: a regular file inside the root */
function linkTarget(opts: WalkOptions, realRoot: string, rel: string): { size: number } | undefined {
  const abs = join(opts.root, rel);
  try {
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
    if (code === 'ELOOP' || code === 'ENOENT') {
      opts.onWarning({ path: rel, message: code === 'ELOOP' ? 'symlink loop: not followed' : 'dangling symlink: not followed' });
    } else {
      opts.onWarning({ path: rel, message: `cannot read file: ${errText(e)}` });
    }
    return undefined;
  }
}
