// Matches inventory assets against the advisory database: libraries by (ecosystem, name) and
// version, Hugging Face models by purl, any asset with a SHA-256 by known-bad artifact hashes.
import type { Asset } from '../inventory/types.js';
import { orderFor } from '../versions/index.js';
import { fixedVersions, isAffected } from '../versions/osv-range.js';
import { requirementMayBeAffected } from '../versions/requirement.js';
import type { AdvisoryStore } from './store.js';

export interface AdvisoryMatch {
  advisoryId: string;
  status: 'affected' | 'possibly-affected';
  /** the version the verdict is about (exact version or the requirement text) */
  version?: string;
  fixed: string[];
  /** why it matched: "package", "huggingface-repo", "sha256" */
  via: 'package' | 'huggingface-repo' | 'sha256';
}

/** "pkg:huggingface/org/name@rev" -> "org/name" */
export function huggingFaceRepo(purl: string | undefined): string | undefined {
  const m = /^pkg:huggingface\/([^@?#]+)/i.exec(purl ?? '');
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]).replace(/\/+$/, '');
  } catch {
    return m[1];
  }
}

function matchLibrary(store: AdvisoryStore, ecosystem: string, name: string, version?: string, spec?: string): AdvisoryMatch[] {
  const order = orderFor(ecosystem);
  const out: AdvisoryMatch[] = [];
  for (const row of store.affectedFor(ecosystem, name)) {
    const aff = { ranges: row.ranges, versions: row.versions };
    const fixed = fixedVersions(aff);
    if (version) {
      if (isAffected(version, aff, order) === true) out.push({ advisoryId: row.advisoryId, status: 'affected', version, fixed, via: 'package' });
    } else if (!spec || requirementMayBeAffected(ecosystem, spec, aff, order)) {
      out.push({ advisoryId: row.advisoryId, status: 'possibly-affected', version: spec, fixed, via: 'package' });
    }
  }
  return out;
}

export function matchAsset(store: AdvisoryStore, asset: Asset): AdvisoryMatch[] {
  const out: AdvisoryMatch[] = [];
  if (asset.kind === 'library') {
    out.push(...matchLibrary(store, asset.ecosystem, asset.name, asset.version, asset.versionSpec));
  }
  const repo = huggingFaceRepo(asset.purl);
  if (repo) {
    for (const row of store.affectedFor('HuggingFace', repo)) {
      const aff = { ranges: row.ranges, versions: row.versions };
      const rev = /@([^?#]+)/.exec(asset.purl ?? '')?.[1];
      const verdict = isAffected(rev ?? '', aff, undefined);
      if (verdict === true || (verdict === undefined && !rev)) {
        out.push({ advisoryId: row.advisoryId, status: 'affected', version: rev, fixed: [], via: 'huggingface-repo' });
      }
    }
  }
  const sha = asset.hashes?.sha256;
  if (sha && /^[0-9a-f]{64}$/i.test(sha)) {
    for (const h of store.advisoriesForHash(sha)) out.push({ advisoryId: h.advisoryId, status: 'affected', fixed: [], via: 'sha256' });
  }
  return out;
}
