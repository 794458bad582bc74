// The scan's SHA-256 pool: small files hashed on the calling thread, larger ones streamed by worker threads;
// either way the digest is the file's, each file is hashed once, and an unreadable file fails alone.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HashPool } from '../../src/enrich/hash-pool.js';

const dir = mkdtempSync(join(tmpdir(), 'aibom-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('HashPool', () => {
  it('hashes small and large files, each once, and fails only the unreadable one', async () => {
    const files: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['small', randomBytes(1000)],
      ['edge', randomBytes(256 * 1024)],
      ['above', randomBytes(256 * 1024 + 1)],
      ['large', randomBytes(3 << 20)],
    ];
    for (const [n, b] of files) writeFileSync(join(dir, n), b);
    const pool = new HashPool(2);
    try {
      const digests = await Promise.all(files.map(([n]) => pool.sha256(join(dir, n))));
      expect(digests).toEqual(files.map(([, b]) => sha(b)));
      const again = await pool.sha256(join(dir, 'large'));
      expect(again).toBe(sha(files[4][1]));
      expect(pool.bytesHashed).toBe(files.reduce((n, [, b]) => n + b.length, 0));
      await expect(pool.sha256(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
      expect(await pool.sha256(join(dir, 'small'))).toBe(sha(files[1][1]));
    } finally {
      await pool.close();
    }
  });
});
