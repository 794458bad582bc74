// The optional native file reader (src/native/fastread.c, built at install time by scripts/build-native.mjs).
// One call lists a folder, one call reads many small files of it; without it (not built, Windows, the GitHub
// Action's bundle, AIBOM_NATIVE=0) the walk uses readdirSync and the files are read one by one from JavaScript,
// with the same results.
import { createRequire } from 'node:module';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { fromRoot } from '../util/package-root.js';

export interface NativeReader {
  /** Reads names[start..] in dir into buf, back to back; out[i] gets the byte count, NATIVE_UNREADABLE or
   *  NATIVE_LARGE (at least `limit` bytes). Returns the index of the first name not handled (buf was full). */
  readSmallFiles(dir: string, names: readonly string[], start: number, limit: number, buf: Buffer, out: Int32Array): number;
  /** a folder's entries (no . and ..) joined by NUL, and their kinds (KIND_*, 4: unknown, ask lstat); throws
   *  an Error whose `code` is the errno name */
  readDir(dir: string): [string, Uint8Array];
}

/** the file could not be read natively: the caller reads it from JavaScript, which reports the error */
export const NATIVE_UNREADABLE = -1;
/** the file has at least `limit` bytes */
export const NATIVE_LARGE = -2;

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
    const file = fromRoot('src', 'native', 'build', 'Release', 'aibom_fastread.node');
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

/** A folder's entries, sorted by name (JavaScript string order), with their kinds (KIND_*): one native call
 *  where available, else readdirSync. Throws as readdirSync does (the error's `code` is the errno name). */
export function listFolder(absDir: string): { names: string[]; kinds: Uint8Array } {
  let names: string[];
  let kinds: Uint8Array;
  const native = nativeReader();
  if (native) {
    const [joined, k] = native.readDir(absDir);
    names = k.length === 0 ? [] : joined.split('\0');
    kinds = k;
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
  } else {
    const entries = readdirSync(absDir, { withFileTypes: true });
    names = entries.map((e) => e.name);
    kinds = Uint8Array.from(entries, (e) => (e.isFile() ? KIND_FILE : e.isDirectory() ? KIND_DIR : e.isSymbolicLink() ? KIND_LINK : KIND_OTHER));
  }
  // both lists come sorted by bytes, which is JavaScript's order unless a name has a character beyond U+FFFF
  let sorted = true;
  for (let i = 1; i < names.length && sorted; i++) if (!(names[i - 1] < names[i])) sorted = false;
  if (sorted) return { names, kinds };
  const order = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  return { names: order.map((i) => names[i]), kinds: Uint8Array.from(order, (i) => kinds[i]) };
}
