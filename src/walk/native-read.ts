// The optional native file reader (src/native/fastread.c, built at install time by scripts/build-native.mjs).
// It reads many small files of one folder in one call; without it (not built, Windows, the GitHub Action's
// bundle, AIBOM_NATIVE=0) the same files are read one by one from JavaScript, with the same results.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fromRoot } from '../util/package-root.js';

export interface NativeReader {
  /** Reads names[start..] in dir into buf, back to back; out[i] gets the byte count, NATIVE_UNREADABLE or
   *  NATIVE_LARGE (at least `limit` bytes). Returns the index of the first name not handled (buf was full). */
  readSmallFiles(dir: string, names: readonly string[], start: number, limit: number, buf: Buffer, out: Int32Array): number;
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
    if (typeof mod.readSmallFiles !== 'function') {
      why = 'built without readSmallFiles';
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

/** why nativeReader() is undefined ('' when it is available), for AIBOM_SCAN_DEBUG */
export function nativeReaderStatus(): string {
  return nativeReader() ? 'native' : `JavaScript (native reader ${why})`;
}
