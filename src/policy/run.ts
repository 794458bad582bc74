// Policy for a scan: which file applies, what trust it implies for signatures, and how violations read.
import { visibleText } from '../util/visible-text.js';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Trust } from '../provenance/types.js';
import { ConfigError } from '../util/errors.js';
import { loadPolicy, type LoadedPolicy } from './load.js';
import type { Verdict } from './evaluate.js';

/** --policy FILE, else .aibom.yml (or .aibom.yaml) at the scanned folder's root, else none */
export async function findPolicy(explicit: string | undefined, scanRoot: string, cwd: string): Promise<LoadedPolicy | undefined> {
  if (explicit) return loadPolicy(resolve(cwd, explicit));
  const base = existsSync(scanRoot) && statSync(scanRoot).isDirectory() ? scanRoot : dirname(scanRoot);
  for (const name of ['.aibom.yml', '.aibom.yaml']) {
    const p = join(base, name);
    if (existsSync(p)) return loadPolicy(p);
  }
  return undefined;
}

/** the signature trust a policy's require-signature block names (files relative to the policy file) */
export async function trustFromPolicy(lp: LoadedPolicy): Promise<Trust | undefined> {
  const rs = lp.policy.models?.['require-signature'];
  if (!rs) return undefined;
  const rel = (p: string) => resolve(dirname(lp.path), p);
  const read = async (p: string, what: string) => {
    try {
      return await readFile(rel(p), 'utf8');
    } catch {
      throw new ConfigError(`${lp.path}: models.require-signature.${what}: cannot read ${rel(p)}`);
    }
  };
  if (rs.key) return { method: 'key', publicKeyPem: await read(rs.key, 'key') };
  if (rs.ca?.length) return { method: 'certificate', caPems: await Promise.all(rs.ca.map((c) => read(c, 'ca'))) };
  const id = rs.identities?.[0];
  if (id) return { method: 'sigstore', identity: id.identity, issuer: id.issuer };
  return undefined;
}

export function formatViolations(v: Verdict): string {
  if (v.passed) return `policy: passed${v.suppressed.length ? ` (${v.suppressed.length} finding(s) suppressed)` : ''}\n`;
  const lines = [`policy: FAILED with ${v.violations.length} violation(s):`];
  // paths and messages quote scanned names: control characters are shown escaped (visible-text.ts)
  for (const x of v.violations) lines.push(`  ✗ [${x.severity}] ${x.rule}${visibleText(`${x.path ? ` ${x.path}` : ''}: ${x.message}`)}`);
  if (v.suppressed.length) lines.push(`  (${v.suppressed.length} finding(s) suppressed by the policy)`);
  return lines.join('\n') + '\n';
}
