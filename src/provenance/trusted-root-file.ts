// The bundled Sigstore trusted root as text, and digests: no sigstore library here, so a scan that finds no
// signature never loads one (trusted-root.ts parses and checks the root when a signature is verified).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../util/package-root.js';

export const BUNDLED_TRUSTED_ROOT_PATH = ['src', 'provenance', 'data', 'trusted_root.json'] as const;

export function bundledTrustedRootJson(): string {
  return readFileSync(fromRoot(...BUNDLED_TRUSTED_ROOT_PATH), 'utf8');
}

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
