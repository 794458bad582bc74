// The optional native file reader (src/native/fastread.c, built at install time by scripts/build-native.mjs).
// One call lists a folder, one call reads many small files of it, and a thread of its own lists and reads the
// next folders of the walk while JavaScript scans the current one (FolderPrefetcher); without it (not built,
// Windows, the GitHub Action's bundle, AIBOM_NATIVE=0) the walk uses readdirSync and the files are read one by
// one from JavaScript, with the same results.
import { createRequire } from 'node:module';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { fromRoot } from '../util/package-root.js';
import type { KeywordAutomaton } from '../detect/content-keywords.js';

export interface NativeReader {
  /** Reads names[start..] in dir into buf, back to back; out[i] gets the byte count, NATIVE_UNREADABLE or
   *  NATIVE_LARGE (at least `limit` bytes). Returns the index of the first name not handled (buf was full). */
  readSmallFiles(dir: string, names: readonly string[], start: number, limit: number, buf: Buffer, out: Int32Array): number;
  /** a folder's entries (no . and ..) joined by NUL, and their kinds (KIND_*, 4: unknown, ask lstat); throws
   *  an Error whose `code` is the errno name */
  readDir(dir: string): [string, Uint8Array];
  /** queues a folder for this thread's reader thread, which lists it and reads its regular files below fileLimit
   *  bytes (maxBytes in all) ahead of the walk; returns the id to take it with. Absent from a reader built from
   *  older sources. */
  prefetchStart?(dir: string, fileLimit: number, maxBytes: number, filter?: PrefetchFilter | null, keywords?: PrefetchKeywords | null): number;
  /** the detectors' keyword automaton (KeywordSet tables, copied): with it, prefetchTake() gives each file's bits */
  prefetchKeywords?(delta: Int32Array, accept: Int32Array, fold: Uint8Array, numbers: Int32Array): PrefetchKeywords;
  /** which regular files prefetchStart() reads: lowercased extensions ('.py'; '' for none) and names, name
   *  prefixes and endings (lowercasing is ASCII only there: a file it leaves out is read by the caller when wanted) */
  prefetchFilter?(exts: readonly string[], names: readonly string[], prefixes: readonly string[], suffixes: readonly string[]): PrefetchFilter;
  /** hands a queued folder over, reading it here when the reader thread has not started it, else waiting for it:
   *  [names, kinds, sizes, data, masks?, classes?] (names and kinds as readDir(); masks with keywords, per file
   *  its bits; classes with a filter, per entry CLASS_SPECIAL, CLASS_NONE or the index of the one filter extension
   *  that alone matches the file's name); sizes: per entry the byte count of a file read whole into data (back to
   *  back, in entry order), or PREFETCH_UNREADABLE, PREFETCH_LARGE (at least fileLimit bytes), PREFETCH_NOT_READ.
   *  Throws as readDir(). */
  prefetchTake?(id: number): [string, Uint8Array, Int32Array, Buffer, Int32Array | undefined, Int32Array?];
  /** forgets a queued folder the walk will not take */
  prefetchDrop?(id: number): void;
  /** folders read by the reader thread, and by prefetchTake() itself because the reader had not started them */
  prefetchStats?(): [number, number];
}

/** a native handle made by prefetchFilter() */
export type PrefetchFilter = { readonly __prefetchFilter: unique symbol };
/** a native handle made by prefetchKeywords() */
export type PrefetchKeywords = { readonly __prefetchKeywords: unique symbol };

/** prefetchTake(): the file could not be opened or read there (the JavaScript path reads it and reports why) */
export const PREFETCH_UNREADABLE = -1;
/** prefetchTake(): the file has at least fileLimit bytes */
export const PREFETCH_LARGE = -2;
/** prefetchTake(): not read (not a regular file, or the folder's byte budget was used up) */
export const PREFETCH_NOT_READ = -3;

/** a file's class (FolderContent.classes): a name, prefix or suffix of the read-ahead filter matches its name, or
 *  the name is not plain ASCII, or the entry is not a regular file; it is judged by its name */
export const CLASS_SPECIAL = -1;
/** a file's class: nothing of the read-ahead filter matches its name, so no detector's hints select it */
export const CLASS_NONE = -2;

/** the file could not be read natively: the caller reads it from JavaScript, which reports the error */
export const NATIVE_UNREADABLE = -1;
/** the file has at least `limit` bytes */
export const NATIVE_LARGE = -2;

/** where `npm install` builds the native reader */
export function nativeReaderFile(): string {
  return fromRoot('src', 'native', 'build', 'Release', 'aibom_fastread.node');
}

let loaded: NativeReader | null | undefined;
let why = '';

/** the native reader, or undefined (AIBOM_NATIVE=0, not built, cannot load); loaded once per thread */
export function nativeReader(): NativeReader | undefined {
  if (loaded !== undefined) return loaded ?? undefined;
  loaded = null;
  if (process.env.AIBOM_NATIVE === '0') {
    why = 'disabled (AIBOM_NATIVE=0)';
    return undefined;
  }
  try {
    const file = nativeReaderFile();
    if (!existsSync(file)) {
      why = 'not built (npm install builds it where a C compiler is available)';
      return undefined;
    }
    const mod = createRequire(import.meta.url)(file) as Partial<NativeReader>;
    if (typeof mod.readSmallFiles !== 'function' || typeof mod.readDir !== 'function') {
      why = 'built from older sources (npm install rebuilds it)';
      return undefined;
    }
    loaded = mod as NativeReader;
  } catch (e) {
    why = `cannot be loaded: ${(e as Error).message}`;
  }
  return loaded ?? undefined;
}

/** forgets the loaded reader, so the next nativeReader() looks at AIBOM_NATIVE again (tests) */
export function resetNativeReader(): void {
  loaded = undefined;
  why = '';
}

/** how files are read: 'native', or JavaScript and why the native reader is not used (AIBOM_SCAN_DEBUG) */
export function nativeReaderStatus(): string {
  return nativeReader() ? 'native' : `JavaScript (native reader ${why})`;
}

export const KIND_OTHER = 0;
export const KIND_FILE = 1;
export const KIND_DIR = 2;
export const KIND_LINK = 3;
const KIND_UNKNOWN = 4;

/** the bytes of some of a folder's files, read ahead (FolderPrefetcher.take()): file k's content is
 *  data[start[k], start[k] + size[k]) when size[k] >= 0, else size[k] is one of the PREFETCH_* codes */
export interface FolderContent {
  data: Buffer;
  start: Int32Array;
  size: Int32Array;
  /** per file read, its keyword bits (when the read-ahead was given the detectors' keyword automaton) */
  mask?: Int32Array;
  /** per file, its class when the read-ahead used a filter: CLASS_SPECIAL, CLASS_NONE, or k >= 0 when the
   *  extension exts[k] alone selects it (no name, prefix or suffix of the filter matches; ASCII name) */
  classes?: Int32Array;
  /** the filter's extensions, which classes index */
  exts?: readonly string[];
}

/** the read-ahead bytes of some of the files `c` describes, in the order of `pick` (indexes into c's files; a
 *  negative index is a file that was not read). The bytes stay where they are. */
export function pickContent(c: FolderContent, pick: ArrayLike<number>): FolderContent {
  const n = pick.length;
  const start = new Int32Array(n);
  const size = new Int32Array(n);
  const bits = c.mask;
  const mask = bits && new Int32Array(n);
  const cls = c.classes;
  const classes = cls && new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = pick[k];
    if (i < 0) {
      size[k] = PREFETCH_NOT_READ;
      if (classes) classes[k] = CLASS_SPECIAL;
      continue;
    }
    start[k] = c.start[i];
    size[k] = c.size[i];
    if (mask && bits) mask[k] = bits[i];
    if (classes && cls) classes[k] = cls[i];
  }
  const out: FolderContent = { data: c.data, start, size };
  if (mask) out.mask = mask;
  if (classes && c.exts) {
    out.classes = classes;
    out.exts = c.exts;
  }
  return out;
}

/** a folder's entries in JavaScript string order, with their kinds (KIND_*), and when read ahead the bytes
 *  of its small regular files (indexed like names) */
export interface Listing {
  names: string[];
  kinds: Uint8Array;
  content?: FolderContent;
}

/** A folder's entries, sorted by name (JavaScript string order), with their kinds (KIND_*): one native call
 *  where available, else readdirSync. Throws as readdirSync does (the error's `code` is the errno name). */
export function listFolder(absDir: string): Listing {
  const native = nativeReader();
  if (native) {
    const [joined, k] = native.readDir(absDir);
    return finishListing(absDir, joined, k);
  }
  const entries = readdirSync(absDir, { withFileTypes: true });
  const names = entries.map((e) => e.name);
  const kinds = Uint8Array.from(entries, (e) => (e.isFile() ? KIND_FILE : e.isDirectory() ? KIND_DIR : e.isSymbolicLink() ? KIND_LINK : KIND_OTHER));
  return inJsOrder({ names, kinds });
}

/** files at least this large are not read ahead (the pre-check reads them when a detector wants them) */
export const PREFETCH_FILE_LIMIT = 64 * 1024;
/** bytes read ahead per folder at most (the walk keeps a few folders ahead) */
export const PREFETCH_FOLDER_BYTES = 4 * 1024 * 1024;

/** Which files to read ahead, from the detectors' selection hints (see readAheadHints() in src/detect/select.ts):
 *  everything (undefined, or `all`), or the files with these extensions, names, name prefixes or endings, except in a
 *  folder whose path (lowercased, with a slash on both sides) contains one of `folders`, where everything is read. */
export interface ReadAheadSpec {
  all: boolean;
  exts: readonly string[];
  names: readonly string[];
  prefixes: readonly string[];
  suffixes: readonly string[];
  folders: readonly string[];
}

/** what the walk reads ahead: which files (in ordinary folders and in installed-dependency folders, where fewer
 *  detectors look), and the keyword automaton to run over them */
export interface ReadAhead {
  files: ReadAheadSpec;
  dependencies: ReadAheadSpec;
  keywords?: KeywordAutomaton;
}

/** Folders listed and read ahead of the walk by the native reader's thread; undefined without the native reader
 *  (or with one built from older sources). `spec`: which files to read, in ordinary folders and in installed-
 *  dependency folders (where fewer detectors look); without it every small regular file is read. */
export function folderPrefetcher(spec?: ReadAhead): FolderPrefetcher | undefined {
  const native = nativeReader();
  if (typeof native?.prefetchStart !== 'function' || typeof native.prefetchTake !== 'function' || typeof native.prefetchDrop !== 'function' || typeof native.prefetchFilter !== 'function' || typeof native.prefetchKeywords !== 'function') return undefined;
  return new FolderPrefetcher(native as Required<NativeReader>, spec);
}

interface Chosen {
  filter?: PrefetchFilter;
  /** the extensions the filter was given (a file's class indexes them) */
  exts: readonly string[];
  folders: readonly string[];
}

export class FolderPrefetcher {
  readonly #native: Required<NativeReader>;
  /** queued folders by absolute path: the reader's id, and the extensions of the filter used */
  readonly #queued = new Map<string, { id: number; exts?: readonly string[] }>();
  readonly #files?: Chosen;
  readonly #dependencies?: Chosen;
  readonly #keywords: PrefetchKeywords | null = null;
  constructor(native: Required<NativeReader>, spec?: ReadAhead) {
    this.#native = native;
    const k = spec?.keywords;
    if (k) this.#keywords = native.prefetchKeywords(k.delta, k.accept, k.fold, k.numbers);
    const choose = (s: ReadAheadSpec): Chosen | undefined => {
      if (s.all) return undefined;
      const exts = [...s.exts];
      return { filter: native.prefetchFilter(exts, s.names, s.prefixes, s.suffixes), exts, folders: s.folders };
    };
    if (spec) {
      this.#files = choose(spec.files);
      this.#dependencies = choose(spec.dependencies);
    }
  }
  get size(): number {
    return this.#queued.size;
  }
  /** queues a folder (rel: its display path, '' for the scan root; dependency: it lies in an installed-dependency
   *  folder) */
  start(absDir: string, rel: string, dependency: boolean): void {
    if (this.#queued.has(absDir)) return;
    const chosen = dependency ? this.#dependencies : this.#files;
    let filter = chosen?.filter;
    if (filter && chosen && chosen.folders.length > 0) {
      const d = `/${rel.toLowerCase()}/`;
      if (chosen.folders.some((f) => d.includes(f))) filter = undefined;
    }
    const id = this.#native.prefetchStart(absDir, PREFETCH_FILE_LIMIT, PREFETCH_FOLDER_BYTES, filter ?? null, this.#keywords);
    this.#queued.set(absDir, filter ? { id, exts: chosen?.exts } : { id });
  }
  /** listFolder() of a queued folder, with its bytes (waits for the reader if needed); undefined when the folder
   *  was not queued. Throws as listFolder(). */
  take(absDir: string): Listing | undefined {
    const q = this.#queued.get(absDir);
    if (q === undefined) return undefined;
    this.#queued.delete(absDir);
    const [joined, k, size, data, mask, classes] = this.#native.prefetchTake(q.id);
    const start = new Int32Array(size.length);
    for (let i = 0, at = 0; i < size.length; i++) {
      start[i] = at;
      if (size[i] > 0) at += size[i];
    }
    const content: FolderContent = { data, start, size };
    if (mask) content.mask = mask;
    if (classes && q.exts) {
      content.classes = classes;
      content.exts = q.exts;
    }
    return finishListing(absDir, joined, k, content);
  }
  /** forgets every folder still queued (the walk stopped) */
  close(): void {
    for (const q of this.#queued.values()) this.#native.prefetchDrop(q.id);
    this.#queued.clear();
  }
}

function finishListing(absDir: string, joined: string, kinds: Uint8Array, content?: FolderContent): Listing {
  const names = kinds.length === 0 ? [] : joined.split('\0');
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== KIND_UNKNOWN) continue;
    // the file system did not give the type (some network and FUSE file systems): ask, as Node's readdir does
    try {
      const st = lstatSync(absDir.endsWith('/') ? absDir + names[i] : `${absDir}/${names[i]}`);
      kinds[i] = st.isFile() ? KIND_FILE : st.isDirectory() ? KIND_DIR : st.isSymbolicLink() ? KIND_LINK : KIND_OTHER;
    } catch {
      kinds[i] = KIND_OTHER; // vanished meanwhile
    }
  }
  return inJsOrder(content ? { names, kinds, content } : { names, kinds });
}

/** Both listings come sorted by bytes, which is JavaScript's order unless a name has a character beyond U+FFFF. */
function inJsOrder(l: Listing): Listing {
  const { names, kinds, content } = l;
  let sorted = true;
  for (let i = 1; i < names.length && sorted; i++) if (!(names[i - 1] < names[i])) sorted = false;
  if (sorted) return l;
  const order = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const out: Listing = { names: order.map((i) => names[i]), kinds: Uint8Array.from(order, (i) => kinds[i]) };
  if (content) out.content = pickContent(content, order);
  return out;
}
