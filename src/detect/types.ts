// The detector contract. A detector is chosen per file by a cheap, pure `wants`, then reads the
// file through bounded accessors. It never opens files itself and never throws for bad input:
// malformed content becomes a warning on an asset or a finding.
import type { Asset, Finding, ScanWarning } from '../inventory/types.js';

export type DetectorGroup = 'model' | 'dataset' | 'source' | 'config' | 'agent' | 'serialization' | 'secret';

/** What the walk knows about a file before anything is read. */
export interface FileRef {
  /** display path relative to the scan root, POSIX; archive members `a.zip!/m/x.pt` */
  path: string;
  /** last path segment, as written */
  name: string;
  /** lower-case extension including the dot (".safetensors"), "" when none; ".tar.gz" style double extensions as ".gz" */
  ext: string;
  size: number;
  /** the file lies under node_modules, site-packages, .venv, vendor...; owner is "name@version" when found */
  dependency?: { dir: string; owner?: string };
  /** set for archive members: the display path of the archive */
  archive?: string;
}

export interface ScanFile extends FileRef {
  /** at most n bytes from the start */
  head(n: number): Promise<Buffer>;
  /** bytes [start, end) clamped to the file; at most `end-start` bytes are allocated */
  range(start: number, end: number): Promise<Buffer>;
  /** the whole content as chunks; the caller decides how much to keep */
  stream(): AsyncIterable<Buffer>;
  /** UTF-8 text when the file is at most maxBytes (default 2 MiB) and not binary; otherwise undefined */
  text(maxBytes?: number): Promise<string | undefined>;
  /** the SHA-256 of the content, computed once per file per scan (shared by every detector) */
  sha256(): Promise<string>;
  /** read a sibling file of the same folder (same archive for members), bounded; undefined when absent */
  sibling(name: string, maxBytes?: number): Promise<Buffer | undefined>;
  /** names of the entries in this file's folder (same archive for members) */
  siblings(): Promise<string[]>;
  /** true when `relPath` (relative to this file's folder, inside it) is a symbolic link on disk; archive
   *  members and in-memory files have no links (link members are already reported by the walk) */
  isSymlinkNearby?(relPath: string): Promise<boolean>;
}

export interface DetectContext {
  signal: AbortSignal;
  /** scan options that detectors may consult */
  options: {
    allDependencies: boolean;
  };
}

export interface DetectResult {
  assets?: Asset[];
  findings?: Finding[];
  warnings?: ScanWarning[];
}

/** Detector.bulk: what holds for a file classed by its extension alone (see there). */
export interface BulkDeclaration {
  /** extensions (lower case, among the detector's `extensions` hint) for which wants() depends on nothing but the
   *  extension and whether the file lies in an installed-dependency folder */
  exts: readonly string[];
  /** the keyword bits (prefilterMaskBytes(), detectors/shadow-ai/prefilter.ts) without any of which rejects() is
   *  true for such a file of extension `ext` in a folder with this listing; 0 when rejects() is true for every
   *  such file whatever its content; undefined when neither can be said */
  gate(ext: string, listing: readonly string[] | undefined): number | undefined;
  /** name endings that wants() or rejects() treat apart (".d.ts"): the native reader classes such files as
   *  special, so they are always judged one by one */
  except?: readonly string[];
}

export interface Detector {
  /** 'model/safetensors', 'sdk/python-import', 'shadow-ai/endpoint' */
  id: string;
  group: DetectorGroup;
  /** one line for `aibom detectors` and docs */
  description: string;
  /** pure and cheap: path, name, extension, size; no I/O */
  wants(file: FileRef): boolean;
  /** optional selection hints: wants() can only be true for files whose `ext` is one of `extensions`, whose
   *  name is one of `names`, starts with one of `prefixes` or ends with one of `suffixes` (all compared
   *  case-insensitively), or whose
   *  folder path contains one of `folders` at folder boundaries (".cursor/rules" matches "a/.cursor/rules/b").
   *  The runner indexes hinted detectors once per scan and calls wants() only on candidates; a detector
   *  with no hint at all is offered every file. A wrong hint loses findings (test/core/detector-select.test.ts
   *  compares the index with calling every wants()). */
  extensions?: readonly string[];
  /** optional selection hint (see `extensions`): file names, any case */
  names?: readonly string[];
  /** optional selection hint (see `extensions`): file name prefixes, any case */
  prefixes?: readonly string[];
  /** optional selection hint (see `extensions`): folder paths, POSIX, matched at folder boundaries, any case */
  folders?: readonly string[];
  /** optional selection hint (see `extensions`): file name endings longer than an extension (".prompt.md"), any
   *  case: a file whose name ends with one is a candidate whatever its extension hint says */
  suffixes?: readonly string[];
  /** optional, pure, synchronous and cheap: true only when detect() would report nothing at all (no asset,
   *  finding or warning) for this file, judged from its whole content (`content`, at most 256 KiB, valid only
   *  during the call: it may be a view of a reused buffer) and its
   *  folder's sorted entry names (`listing`, when the walk has them). The runner reads each small file once
   *  and skips the detectors that reject it, without building a ScanFile or awaiting anything, so a source
   *  tree where 99% of files use no AI costs little more than reading it. A false `true` loses findings
   *  (test/detectors/rejects.test.ts runs every detector on every fixture file and checks). */
  rejects?(file: FileRef, content: Buffer, listing: readonly string[] | undefined): boolean;
  /** optional, with rejects(): lets the runner judge the ordinary files of some extensions a folder at a time
   *  (settleFolder). It applies to a file the native reader read ahead and classed by its extension alone: no
   *  detector's name, prefix or suffix hint (nor an `except` ending) matches its name, which is plain ASCII,
   *  and its folder matches no folder hint. For such a file the runner calls neither wants() nor rejects() when
   *  the declaration settles it. A wrong declaration loses findings (test/core/bulk.test.ts checks every one
   *  against wants() and rejects() on generated names and the fixtures' contents). */
  bulk?: BulkDeclaration;
  detect(file: ScanFile, ctx: DetectContext): Promise<DetectResult>;
  /** source-code detectors skip dependency folders unless asked; model/dataset detectors look everywhere */
  scansDependencies?: boolean;
  /** called once after all files, for detectors that correlate across files (e.g. undeclared imports) */
  finish?(all: { assets: Asset[]; findings: Finding[] }): DetectResult;
}
