// Archive members see the small members of their own folder read before them as siblings (src/walk/archive.ts),
// and an archive of thousands of small members stays linear.
import { describe, expect, it } from 'vitest';
import { expandArchive, type MemberSink } from '../../src/walk/archive.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/walk/archive-policy.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import { makeZip } from '../helpers/zip-writer.js';

async function siblingsSeen(zip: Buffer, wanted: (name: string) => boolean): Promise<Map<string, { names: string[]; config?: string }>> {
  const seen = new Map<string, { names: string[]; config?: string }>();
  const sink: MemberSink = {
    wants: (ref) => wanted(ref.name),
    member: async (f) => {
      const config = await f.sibling('config.json');
      seen.set(f.path, { names: await f.siblings(), config: config?.toString() });
    },
    finding: () => {},
    warning: () => {},
  };
  await expandArchive(memoryFile('a.zip', zip), 1, DEFAULT_ARCHIVE_LIMITS, sink);
  return seen;
}

describe('archive member siblings', () => {
  it('are the small members of the same folder read before it', async () => {
    const zip = makeZip([
      { name: 'other/config.json', data: Buffer.from('{"other":1}') },
      { name: 'm/config.json', data: Buffer.from('{"m":1}') },
      { name: 'm/model.bin', data: Buffer.from('weights') },
      { name: 'm/README.md', data: Buffer.from('# later') },
      { name: 'm/sub/config.json', data: Buffer.from('{"sub":1}') },
      { name: 'm/sub/x.bin', data: Buffer.from('x') },
      { name: 'top.bin', data: Buffer.from('t') },
    ]);
    const seen = await siblingsSeen(zip, (n) => n.endsWith('.bin'));
    expect(seen.get('a.zip!/m/model.bin')).toEqual({ names: ['config.json', 'model.bin'], config: '{"m":1}' });
    expect(seen.get('a.zip!/m/sub/x.bin')).toEqual({ names: ['config.json', 'x.bin'], config: '{"sub":1}' });
    expect(seen.get('a.zip!/top.bin')).toEqual({ names: ['top.bin'], config: undefined });
  });

  it('stay linear with 20 000 small members that detectors want', async () => {
    // every member copied the siblings of its folder out of all members read so far: ~25 s for this archive, over
    // this test's 20 s (it takes ~2 s now)
    const n = 20_000;
    const zip = makeZip(Array.from({ length: n }, (_, i) => ({ name: `d${i % 40}/f${i}.json`, data: Buffer.from(`{"i":${i}}`) })));
    const seen = await siblingsSeen(zip, (name) => name.endsWith('.json'));
    expect(seen.size).toBe(n);
    expect(seen.get(`a.zip!/d0/f${n - 40}.json`)?.names).toHaveLength(n / 40);
  }, 20_000);
});
