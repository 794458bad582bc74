// The Sigstore trusted root: the bundled public-good root (src/provenance/data/trusted_root.json,
// see docs/provenance.md for its SHA-256 and date) or a user-given file. Checked before use:
// every authority must say since when it is valid (sigstore-js would silently accept a missing start).
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type KeyFinderFunc, type TrustMaterial } from '@sigstore/verify';
import { CheckFailure } from './types.js';

/** SHA-256 of the bundled file (also recorded in docs/provenance.md; a test keeps them equal). */
export const BUNDLED_TRUSTED_ROOT_SHA256 = '6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66';

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function fail(message: string): never {
  throw new CheckFailure('trust-root', message);
}

function requireStart(list: unknown, field: string, validForOf: (e: Record<string, unknown>) => unknown): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) fail(`trusted root ${field} is not a list`);
  list.forEach((e, i) => {
    const start = obj(validForOf(obj(e) ?? {}))?.start;
    if (typeof start !== 'string' || Number.isNaN(Date.parse(start))) fail(`trusted root ${field}[${i}] has no validFor.start`);
  });
}

/** Parse and check a trusted_root.json text into sigstore-js trust material. */
export function loadTrustMaterial(text: string, keys?: KeyFinderFunc): TrustMaterial {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`trusted root is not JSON (${(e as Error).message})`);
  }
  const root = obj(json);
  if (!root) fail('trusted root is not a JSON object');
  if (typeof root.mediaType !== 'string' || !root.mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
    fail(`trusted root mediaType ${JSON.stringify(root.mediaType)} is not a Sigstore trusted root`);
  }
  requireStart(root.tlogs, 'tlogs', (e) => obj(e.publicKey)?.validFor);
  requireStart(root.ctlogs, 'ctlogs', (e) => obj(e.publicKey)?.validFor);
  requireStart(root.certificateAuthorities, 'certificateAuthorities', (e) => e.validFor);
  requireStart(root.timestampAuthorities, 'timestampAuthorities', (e) => e.validFor);
  try {
    return toTrustMaterial(TrustedRoot.fromJSON(json), keys);
  } catch (e) {
    fail(`trusted root cannot be used (${(e as Error).message})`);
  }
}
