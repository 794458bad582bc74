// The tree-sitter runtime and grammars are WebAssembly, and V8 runs WebAssembly in two tiers: Liftoff, a fast
// one-pass compiler, and TurboFan, which recompiles a function once it has run enough ("dynamic tiering"). A
// scan of a source tree usually parses a few hundred small AI-using files: there, TurboFan's recompilation is
// pure cost (~0.25 s of CPU on the 100k-file bench tree, on the same two cores as the scan), and the small parses
// run twice as fast without it. A scan that parses megabytes of source needs TurboFan: Liftoff code parses a
// large file ~1.6x slower.
//
// So there are two engines, each its own copy of the runtime (the Emscripten module keeps its state per
// evaluation of its JavaScript):
// - the quick engine, whose WebAssembly is compiled by Liftoff alone, ahead of use (V8 flags --liftoff-only and
//   --no-wasm-lazy-compilation, set for the duration of a synchronous compile and restored right after);
// - the optimizing engine, loaded as usual (Liftoff first, TurboFan for hot functions).
// Parsing starts on the quick engine and moves to the optimizing one for good once QUICK_PARSE_CHARS characters
// would have been parsed (AIBOM_QUICK_PARSE_CHARS; 0 turns the quick engine off). Both give the same trees.
//
// V8 flags are process-wide and part of the code-cache check (v8.cachedDataVersionTag()): the quick engine is used
// only when node runs without WebAssembly flags of its own, and only while restoring the flags brings the tag back
// to its value before the compile (src/boot/cached-load.ts does not write a code cache whose tag changed).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as v8 from 'node:v8';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

export type Runtime = typeof TreeSitter;

export interface Engine {
  ts: Runtime;
  dir: string;
  quick: boolean;
  languages: Map<string, Promise<TreeSitter.Language>>;
  parsers: Map<string, TreeSitter.Parser>;
  /** parses run on this engine (tests, AIBOM_SCAN_DEBUG) */
  parses: number;
}

const DEFAULT_QUICK_PARSE_CHARS = 512 << 10;

/** read once, when this module loads */
const QUICK_PARSE_CHARS = ((): number => {
  const v = process.env.AIBOM_QUICK_PARSE_CHARS;
  if (v === undefined || v === '') return DEFAULT_QUICK_PARSE_CHARS;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_QUICK_PARSE_CHARS;
})();

const QUICK_FLAGS = ['--liftoff-only', '--no-wasm-lazy-compilation'];
/** V8's defaults for the flags QUICK_FLAGS set or imply (--liftoff-only turns tier-up and dynamic tiering off) */
const RESTORE_FLAGS = ['--no-liftoff-only', '--wasm-lazy-compilation', '--wasm-tier-up', '--wasm-dynamic-tiering'];

/** false once a quick compile could not restore V8's flags exactly (or could not set them): no more quick compiles */
let quickWorks = true;

/** node was started with WebAssembly or Liftoff flags of its own: they are left alone */
const USER_WASM_FLAGS = /wasm|liftoff/.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`);

/** A custom section appended to the quick engine's modules ("aibom-liftoff", empty): V8 shares a compiled module
 *  between byte-identical instantiations, so the quick and the optimizing engine's modules must differ. */
const MARK = Buffer.from([0, 14, 13, ...Buffer.from('aibom-liftoff', 'latin1')]);

/** `bytes` compiled by Liftoff alone, every function ahead of use; undefined when the flags cannot be set and
 *  restored exactly (the caller then loads the module as usual) */
function compileQuick(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | undefined {
  if (!quickWorks) return undefined;
  const tag = v8.cachedDataVersionTag();
  try {
    for (const f of QUICK_FLAGS) v8.setFlagsFromString(f);
  } catch {
    quickWorks = false;
    return undefined;
  }
  try {
    return new WebAssembly.Module(bytes);
  } catch {
    return undefined; // the ordinary load then reports what is wrong with the module
  } finally {
    for (const f of RESTORE_FLAGS) v8.setFlagsFromString(f);
    if (v8.cachedDataVersionTag() !== tag) quickWorks = false;
  }
}

function marked(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length + MARK.length);
  out.set(bytes, 0);
  out.set(MARK, bytes.length);
  return out;
}

/** modules compiled by compileQuick(), kept alive so that V8's module cache hands them to Language.load() */
const quickModules: WebAssembly.Module[] = [];

async function loadEngine(quick: boolean): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@vscode/tree-sitter-wasm');
  const dir = dirname(main);
  // a fresh evaluation: the runtime's JavaScript holds one WebAssembly instance per evaluation
  delete require.cache[main];
  const ts = require(main) as Runtime;
  const options: { locateFile: (file: string) => string; instantiateWasm?: unknown } = { locateFile: (file: string) => join(dir, file) };
  if (quick) {
    const module = compileQuick(marked(readFileSync(join(dir, 'tree-sitter.wasm'))));
    if (module) {
      // Emscripten's hook: the instance is made here; it is handed over asynchronously, as Emscripten expects
      options.instantiateWasm = (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => unknown) => {
        const instance = new WebAssembly.Instance(module, imports);
        queueMicrotask(() => receive(instance, module));
        return {};
      };
    }
  }
  await ts.Parser.init(options as Parameters<Runtime['Parser']['init']>[0]);
  return { ts, dir, quick, languages: new Map(), parsers: new Map(), parses: 0 };
}

let quickEngine: Promise<Engine> | undefined;
let optimizingEngine: Promise<Engine> | undefined;
/** characters of the texts handed to the quick engine so far (counted when handed out: several files wait for
 *  the engine at once, and a text its caller finds already parsed counts as well) */
let quickChars = 0;
/** the quick engine is done with: every parse from now on runs on the optimizing engine */
let moved = false;

/** The engine to parse a text of `chars` characters with (see the top of this file). */
export function engineFor(chars: number): Promise<Engine> {
  if (!moved && quickWorks && !USER_WASM_FLAGS && quickChars + chars <= QUICK_PARSE_CHARS) {
    quickChars += chars;
    quickEngine ??= loadEngine(true);
    return quickEngine;
  }
  moved = true;
  optimizingEngine ??= loadEngine(false);
  return optimizingEngine;
}

/** Counts a parse on `engine`. */
export function noteParse(engine: Engine): void {
  engine.parses++;
}

/** A grammar of `engine`, loaded once. The quick engine compiles it by Liftoff alone first, from the same marked
 *  bytes that Language.load() then instantiates (V8 reuses the compiled module). */
export function engineLanguage(engine: Engine, file: string): Promise<TreeSitter.Language> {
  let p = engine.languages.get(file);
  if (!p) {
    // read at once (a grammar is 0.2-5 MB): an asynchronous read would cost the load one more turn of the loop
    const bytes = readFileSync(join(engine.dir, file));
    let input: Uint8Array = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (engine.quick) {
      const mine = marked(input);
      const module = compileQuick(mine);
      if (module) quickModules.push(module);
      input = mine;
    }
    p = engine.ts.Language.load(input);
    engine.languages.set(file, p);
  }
  return p;
}

/** Parses run on each engine so far, and whether quick compiles still work (tests, AIBOM_SCAN_DEBUG). */
export async function engineStats(): Promise<{ quick: number; optimizing: number; quickWorks: boolean }> {
  const q = quickEngine ? await quickEngine : undefined;
  const o = optimizingEngine ? await optimizingEngine : undefined;
  return { quick: q?.parses ?? 0, optimizing: o?.parses ?? 0, quickWorks };
}
