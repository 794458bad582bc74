// Tells key-shaped placeholders (YOUR_KEY_HERE, sk-xxxx..., 000000, abcdef123456) from keys that
// could be real. Applied to the captured secret before any finding is raised.

const WORDS = /your|example|placeholder|replace|change.?me|insert|dummy|sample|redacted|here|xxxx|\*\*\*|\.\.\.|<|>|\$\{|abcdef|123456|qwerty|secret_?key|api_?key/i;

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** The part after a vendor prefix (sk-proj-, hf_, gsk_...), where randomness is expected. */
function body(secret: string): string {
  const m = /^(?:[A-Za-z0-9]{1,8}[-_](?:[A-Za-z0-9]{1,8}[-_])?(?:v1[-_])?)?(.*)$/.exec(secret);
  return m && m[1].length >= 16 ? m[1] : secret;
}

export function isPlaceholder(secret: string): boolean {
  if (WORDS.test(secret)) return true;
  if (/(.)\1{5,}/.test(secret)) return true;
  const b = body(secret);
  const minEntropy = /^[0-9a-f]+$/i.test(b) ? 2.8 : 3.0;
  return entropy(b) < minEntropy;
}

/** Generic assignments need more evidence: letters and digits and high entropy. */
export function looksRandom(secret: string): boolean {
  return /[0-9]/.test(secret) && /[A-Za-z]/.test(secret) && entropy(secret) >= 3.5;
}
