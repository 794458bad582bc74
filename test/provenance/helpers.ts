// Shared paths and loaders for the provenance tests (fixtures only; never /work/shared).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Trust } from '../../src/provenance/types.js';

export const CORPUS = fileURLToPath(new URL('../../fixtures/model-signing/', import.meta.url));
export const OWN = fileURLToPath(new URL('../../fixtures/provenance/', import.meta.url));

export interface Case {
  id: string;
  kind: 'oms-model' | 'oms-bundle' | 'sigstore-bundle';
  model?: string;
  signature?: string;
  bundle?: string;
  artifact?: string;
  mode?: 'sigstore' | 'key' | 'certificate';
  expected: 'valid' | 'invalid';
  identity?: string;
  issuer?: string;
  trustedRoot?: string;
  publicKey?: string;
  certificateChain?: string[];
  ignorePaths?: string[];
  note?: string;
}

export function corpus(p: string): string {
  return join(CORPUS, p);
}

export function loadCases(): Case[] {
  return (JSON.parse(readFileSync(corpus('cases.json'), 'utf8')) as { cases: Case[] }).cases;
}

export function trustFor(c: Case): Trust {
  if (c.mode === 'key') return { method: 'key', publicKeyPem: readFileSync(corpus(c.publicKey ?? ''), 'utf8') };
  if (c.mode === 'certificate') return { method: 'certificate', caPems: (c.certificateChain ?? []).map((p) => readFileSync(corpus(p), 'utf8')) };
  return {
    method: 'sigstore',
    identity: c.identity ?? '',
    issuer: c.issuer ?? '',
    trustedRootJson: c.trustedRoot ? readFileSync(corpus(c.trustedRoot), 'utf8') : undefined,
  };
}
