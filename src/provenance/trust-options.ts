// The signature trust options shared by `aibom verify` and `aibom scan` (no sigstore library here: a scan
// loads one only when it finds a signature).
import { readFile } from 'node:fs/promises';
import type { Trust } from './types.js';

export class Usage extends Error {}

/** the signature trust options, shared by `aibom verify` and `aibom scan` */
export const TRUST_ARG_OPTIONS = {
  identity: { type: 'string' },
  issuer: { type: 'string' },
  'identity-regex': { type: 'boolean' },
  'trusted-root': { type: 'string' },
  key: { type: 'string' },
  ca: { type: 'string', multiple: true },
} as const;

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new Usage(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function trustFrom(v: Record<string, string | boolean | string[] | undefined>): Promise<Trust> {
  const keyless = v.identity !== undefined || v.issuer !== undefined;
  const chosen = [keyless, v.key !== undefined, Array.isArray(v.ca) && v.ca.length > 0].filter(Boolean).length;
  if (chosen !== 1) throw new Usage('choose exactly one of --identity/--issuer, --key or --ca');
  if (keyless) {
    if (typeof v.identity !== 'string' || typeof v.issuer !== 'string') throw new Usage('--identity and --issuer go together');
    const trustedRootJson = typeof v['trusted-root'] === 'string' ? await readText(v['trusted-root'], 'trusted root') : undefined;
    return { method: 'sigstore', identity: v.identity, issuer: v.issuer, identityRegex: v['identity-regex'] === true, trustedRootJson };
  }
  if (v['trusted-root'] !== undefined || v['identity-regex'] !== undefined) throw new Usage('--trusted-root and --identity-regex apply to keyless verification only');
  if (typeof v.key === 'string') return { method: 'key', publicKeyPem: await readText(v.key, 'public key') };
  const cas = Array.isArray(v.ca) ? v.ca : [];
  return { method: 'certificate', caPems: await Promise.all(cas.map((p) => readText(p, 'CA certificate'))) };
}
