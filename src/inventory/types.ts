// The neutral inventory: what a scan found, independent of any output format.
// Emitters (CycloneDX, SARIF, table, Markdown) are pure functions of this model.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Where something was seen. `path` is relative to the scan root, POSIX separators.
 *  Archive members are written `archive.zip!/member/path` (nested: `a.tar!/b.zip!/c`). */
export interface Location {
  path: string;
  line?: number;
  column?: number;
  endLine?: number;
  /** a short excerpt, already redacted; never a secret */
  snippet?: string;
}

export interface Hashes {
  sha256?: string;
}

export interface LicenseRef {
  /** SPDX id or expression when there is one */
  spdx?: string;
  /** a name when no SPDX id applies (e.g. "llama3.1", "Gemma Terms of Use") */
  name?: string;
  url?: string;
  /** permissive | weak-copyleft | copyleft | non-commercial | restricted-use | proprietary | unknown */
  category?: string;
  /** where the license was read (model card, GGUF general.license, package metadata, LICENSE file) */
  source?: string;
}

export type AssetKind = 'model' | 'dataset' | 'library' | 'service' | 'container' | 'file';

export interface AssetBase {
  /** stable identity; equal keys are merged by the reducer; used to derive the bom-ref */
  key: string;
  kind: AssetKind;
  name: string;
  version?: string;
  group?: string;
  purl?: string;
  description?: string;
  /** every place this asset was seen (files, lines) */
  locations: Location[];
  hashes?: Hashes;
  size?: number;
  licenses?: LicenseRef[];
  /** `aibom:`-namespaced facts (docs/properties.md); values are strings, lists are repeated properties */
  properties?: Record<string, string | string[]>;
  /** problems reading this asset (truncated, malformed, unreadable...) */
  warnings?: string[];
  /** key of the containing asset (archive, HF model folder, sharded set) */
  parent?: string;
  externalReferences?: { type: string; url: string; comment?: string }[];
  /** detector ids that contributed */
  detectors?: string[];
  /** a fragment that only adds facts (parent, properties) to an asset another detector emits with
   *  the same key; a partial that never meets its full asset is dropped with a warning */
  partial?: boolean;
}

export interface ModelCardFacts {
  task?: string;
  architectureFamily?: string;
  modelArchitecture?: string;
  datasets?: string[];
  baseModel?: string[];
  languages?: string[];
  useCases?: string[];
  limitations?: string[];
}

export interface ModelAsset extends AssetBase {
  kind: 'model';
  /** safetensors | gguf | onnx | pytorch | torchscript | pickle | joblib | numpy | keras | hdf5 | tf-savedmodel | tflite | coreml | huggingface | lfs-pointer | unknown ... */
  format: string;
  /** false for remote references (from_pretrained("org/name")) and LFS pointers */
  present: boolean;
  card?: ModelCardFacts;
}

export interface DatasetAsset extends AssetBase {
  kind: 'dataset';
  format: string;
  present: boolean;
  classification?: string;
  contentsUrl?: string;
}

export interface LibraryAsset extends AssetBase {
  kind: 'library';
  /** OSV ecosystem name: PyPI, npm, Go, Maven, crates.io, NuGet, RubyGems */
  ecosystem: string;
  /** exact version when known (lockfile or == pin) */
  version?: string;
  /** the declared requirement when not exact (">=1.2", "^4") */
  versionSpec?: string;
  /** true when the package is an AI/ML package per detectors' data */
  ai: boolean;
}

export interface ServiceAsset extends AssetBase {
  kind: 'service';
  provider?: string;
  endpoints: string[];
  authenticated?: boolean;
  trustBoundary?: boolean;
  /** model ids seen in calls to this service */
  models?: string[];
}

export interface ContainerAsset extends AssetBase {
  kind: 'container';
}

export interface FileAsset extends AssetBase {
  kind: 'file';
  /** agent-instructions | prompt | mcp-config | signature | ... */
  role: string;
}

export type Asset = ModelAsset | DatasetAsset | LibraryAsset | ServiceAsset | ContainerAsset | FileAsset;

export interface Finding {
  /** rule id, e.g. AIBOM-PICKLE-DANGEROUS-GLOBAL, AIBOM-SECRET-OPENAI, GHSA-xxxx (advisories) */
  ruleId: string;
  severity: Severity;
  /** one line a reviewer can act on */
  title: string;
  /** details: globals, constructs, paths; never a secret */
  message: string;
  location: Location;
  /** key of the asset it affects, when there is one */
  subject?: string;
  recommendation?: string;
  /** the detector that raised it */
  detector?: string;
  /** finding category, used to group rules in SARIF and policy: serialization, secret, shadow-ai, mcp, agent, vulnerability, provenance, license, model-reference, archive, scan-error */
  category?: string;
  properties?: Record<string, string>;
  /** advisory details when the finding comes from the vulnerability database */
  advisory?: AdvisoryRef;
}

export interface AdvisoryRef {
  id: string;
  aliases: string[];
  source?: { name: string; url?: string };
  cvss?: { vector?: string; score?: number; method?: string }[];
  fixedVersions?: string[];
  affectedVersion?: string;
  /** "affected" when a pinned version matches; "possibly-affected" for an unpinned range */
  status?: 'affected' | 'possibly-affected';
  published?: string;
  modified?: string;
  references?: string[];
}

export interface ScanWarning {
  path?: string;
  message: string;
}

export interface Inventory {
  /** absolute path of what was scanned (never emitted in BOMs; display uses `rootName`) */
  root: string;
  rootName: string;
  assets: Asset[];
  findings: Finding[];
  warnings: ScanWarning[];
  stats: ScanStats;
  /** `aibom:`-namespaced facts about the scan itself (database age, trusted root...) */
  properties?: Record<string, string>;
}

export interface ScanStats {
  filesWalked: number;
  filesInspected: number;
  bytesHashed: number;
  archivesOpened: number;
  durationMs: number;
}
