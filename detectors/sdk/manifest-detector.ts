// sdk/manifest: AI packages (and with --all-dependencies every package) declared in manifests and lockfiles.
import type { LibraryAsset, ScanWarning } from '../../src/inventory/types.js';
import type { DetectContext, DetectResult, Detector, FileRef, ScanFile } from '../../src/detect/types.js';
import { LOCKS_FOR, manifestKind, parseManifest } from '../../src/parsers/manifests/index.js';
import type { ManifestDep, ManifestKind, ManifestResult } from '../../src/parsers/manifests/index.js';
import { lineOf } from '../../src/parsers/manifests/lines.js';
import { libraryAsset, mergeSighting } from './library.js';
import { loadPackageTable, normalizeName } from './packages.js';

const ID = 'sdk/manifest';
const MAX_INCLUDE_DEPTH = 5;
const LOCK_MAX_BYTES = 16 << 20;

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(0, i + 1) : '';
}

/** requirements -r includes in the same folder that the walk would not scan on their own (base.in, common.txt). */
async function followIncludes(file: ScanFile, res: ManifestResult, warnings: ScanWarning[], depth = 0, seen = new Set<string>()): Promise<{ dep: ManifestDep; path: string }[]> {
  const out: { dep: ManifestDep; path: string }[] = [];
  for (const inc of res.includes ?? []) {
    const name = inc.replace(/^\.\//, '');
    if (name.includes('/') || name.includes('\\')) {
      warnings.push({ path: file.path, message: `requirements include ${inc} is outside this folder: not followed (it is scanned when it lies in the scan)` });
      continue;
    }
    if (manifestKind(name) === 'requirements' || seen.has(name) || depth >= MAX_INCLUDE_DEPTH) continue;
    seen.add(name);
    const buf = await file.sibling(name);
    if (!buf) {
      warnings.push({ path: file.path, message: `requirements include ${inc} not found or too large` });
      continue;
    }
    const sub = parseManifest('requirements', buf.toString('utf8'));
    const path = dirOf(file.path) + name;
    for (const w of sub.warnings) warnings.push({ path, message: w });
    for (const dep of sub.deps) out.push({ dep, path });
    out.push(...(await followIncludes(file, sub, warnings, depth + 1, seen)));
  }
  return out;
}

/** Exact versions from a lockfile next to the manifest: normalised name -> version (only when unambiguous). */
async function lockedVersions(file: ScanFile, kind: ManifestKind): Promise<Map<string, string>> {
  const pins = new Map<string, string>();
  const candidates = LOCKS_FOR[kind];
  if (!candidates) return pins;
  const present = new Set(await file.siblings());
  for (const lockName of candidates) {
    const lockKind = manifestKind(lockName);
    if (!present.has(lockName) || !lockKind) continue;
    const buf = await file.sibling(lockName, LOCK_MAX_BYTES);
    if (!buf) continue;
    const ambiguous = new Set<string>();
    for (const d of parseManifest(lockKind, buf.toString('utf8')).deps) {
      if (!d.version) continue;
      const k = normalizeName(d.ecosystem, d.name);
      // package-lock v2+: the top-level node_modules/<name> entry is the one the manifest resolves to
      const topLevel = d.anchor === `"node_modules/${d.name}"`;
      const prev = pins.get(k);
      if (prev === undefined || topLevel) pins.set(k, d.version);
      else if (prev !== d.version && !ambiguous.has(k)) ambiguous.add(k);
    }
    for (const k of ambiguous) if (kind !== 'package-json') pins.delete(k);
    return pins;
  }
  return pins;
}

export const manifestDetector: Detector = {
  id: ID,
  group: 'source',
  description: 'AI SDK and ML packages declared in manifests and lockfiles (pip, Poetry, uv, Pipenv, conda, npm, yarn, pnpm, Go, Maven, Gradle, Cargo, NuGet, Bundler)',
  scansDependencies: false,
  wants(file: FileRef): boolean {
    return manifestKind(file.name) !== undefined;
  },
  // selection hint: every extension a manifest name can have (src/parsers/manifests/index.ts: EXACT and patterns)
  extensions: ['', '.toml', '.lock', '.json', '.yaml', '.yml', '.mod', '.sum', '.xml', '.config', '.props', '.rb', '.locked', '.txt', '.in', '.gradle', '.kts', '.csproj', '.fsproj', '.vbproj'],
  async detect(file: ScanFile, ctx: DetectContext): Promise<DetectResult> {
    const kind = manifestKind(file.name);
    if (!kind) return {};
    const text = await file.text(LOCK_MAX_BYTES);
    if (text === undefined) return { warnings: [{ path: file.path, message: `${kind}: too large or binary, not read` }] };
    if (kind === 'go-sum' && (await file.siblings()).includes('go.mod')) return {}; // go.mod is authoritative
    const res = parseManifest(kind, text);
    const warnings: ScanWarning[] = res.warnings.map((message) => ({ path: file.path, message: `${kind}: ${message}` }));
    const entries: { dep: ManifestDep; path: string; text?: string }[] = res.deps.map((dep) => ({ dep, path: file.path, text }));
    if (kind === 'requirements') entries.push(...(await followIncludes(file, res, warnings)));
    const pins = res.lock ? new Map<string, string>() : await lockedVersions(file, kind);
    const table = loadPackageTable();
    const byKey = new Map<string, LibraryAsset>();
    for (const { dep, path, text: src } of entries) {
      if (ctx.signal.aborted) break;
      const pkg = table.byName(dep.ecosystem, dep.name);
      if (!pkg && !ctx.options.allDependencies) continue;
      const version = dep.version ?? pins.get(normalizeName(dep.ecosystem, dep.name));
      const line = dep.line ?? (dep.anchor && src ? lineOf(src, dep.anchor) : undefined);
      const asset = libraryAsset({
        ecosystem: dep.ecosystem,
        name: dep.name,
        version,
        spec: dep.spec,
        pkg,
        location: line ? { path, line } : { path },
        evidence: 'manifest',
        detector: ID,
        scope: dep.scope,
      });
      const prev = byKey.get(asset.key);
      if (prev) mergeSighting(prev, asset);
      else byKey.set(asset.key, asset);
    }
    return { assets: [...byKey.values()], warnings };
  },
};
