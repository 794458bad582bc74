// Git LFS pointer files (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): small text files
// of `key value` lines, `version` first, then keys sorted; `oid sha256:<64 hex>` and `size <bytes>`.
export const LFS_MAX_POINTER = 1024;
const VERSION_PREFIXES = ['version https://git-lfs.github.com/spec/', 'version https://hawser.github.com/spec/'];

export interface LfsPointer {
  version: string;
  sha256: string;
  size: number;
}

/** cheap check on the first bytes: does this look like it means to be an LFS pointer? */
export function isLfsPointer(head: Buffer): boolean {
  const s = head.subarray(0, 64).toString('latin1');
  return VERSION_PREFIXES.some((p) => s.startsWith(p));
}

export type LfsResult = { ok: true; pointer: LfsPointer } | { ok: false; error: string };

export function parseLfsPointer(buf: Buffer): LfsResult {
  if (buf.length > LFS_MAX_POINTER) return { ok: false, error: `LFS pointer larger than ${LFS_MAX_POINTER} bytes` };
  const lines = buf.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const fields = new Map<string, string>();
  for (const line of lines) {
    const m = /^([a-z0-9.-]+) (.*)$/.exec(line);
    if (!m) return { ok: false, error: 'malformed LFS pointer line' };
    if (fields.has(m[1])) return { ok: false, error: `duplicate LFS pointer key "${m[1]}"` };
    fields.set(m[1], m[2]);
  }
  const version = fields.get('version');
  if (lines[0] === undefined || !lines[0].startsWith('version ') || version === undefined) {
    return { ok: false, error: 'LFS pointer does not start with a version line' };
  }
  const oid = /^sha256:([0-9a-f]{64})$/.exec(fields.get('oid') ?? '');
  if (!oid) return { ok: false, error: 'LFS pointer oid is missing or not sha256:<64 hex>' };
  const sizeText = fields.get('size') ?? '';
  const size = /^\d{1,16}$/.test(sizeText) ? Number(sizeText) : NaN;
  if (!Number.isSafeInteger(size)) return { ok: false, error: 'LFS pointer size is missing or not a number' };
  return { ok: true, pointer: { version, sha256: oid[1], size } };
}
