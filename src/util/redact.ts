// Secrets are never printed or stored. What leaves the process is a redacted form
// (a short prefix and the last 4 characters) and the SHA-256 of the secret, so two
// reports can tell whether they saw the same key without revealing it.
import { createHash } from 'node:crypto';

export interface RedactedSecret {
  redacted: string;
  sha256: string;
  length: number;
}

const PREFIX_RE = /^([A-Za-z]{2,8}[-_](?:[A-Za-z]{2,8}[-_])?)/;

export function redactSecret(secret: string): RedactedSecret {
  const sha256 = createHash('sha256').update(secret, 'utf8').digest('hex');
  const prefixMatch = PREFIX_RE.exec(secret);
  // never reveal more than a recognisable vendor prefix and 4 trailing characters
  const prefix = prefixMatch && prefixMatch[1].length <= secret.length / 3 ? prefixMatch[1] : '';
  const tail = secret.length >= 16 ? secret.slice(-4) : '';
  return { redacted: `${prefix}****${tail}`, sha256, length: secret.length };
}

/** Replace every occurrence of each secret in a text by its redacted form. */
export function redactIn(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (s.length === 0) continue;
    out = out.split(s).join(redactSecret(s).redacted);
  }
  return out;
}
