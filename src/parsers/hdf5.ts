// HDF5 root-group attribute reader (enough for Keras .h5: model_config, keras_version, backend).
// A bounded walk: superblock (v0-v3) -> root object header (v1 or v2, with continuation blocks)
// -> attribute messages; fixed-length strings inline, variable-length strings via the global heap.
// Dense attribute storage (fractal heap) is read from its direct blocks; when any of this fails,
// readKerasH5 falls back to a bounded scan of the first bytes for the model_config JSON.
import { errorText, type ByteSource } from './magic-reader.js';
import { HDF5_LIMITS, decodeAttribute, readAt, readDenseAttributes, readUInt, type Geo } from './hdf5-attributes.js';

export { HDF5_LIMITS };

export interface Hdf5RootAttrs {
  superblockVersion?: number;
  /** string-valued root attributes */
  attributes: Record<string, string>;
  /** names of every root attribute seen, string or not */
  names: string[];
  /** the root group keeps its attributes in dense storage, which this reader does not walk */
  denseAttributes: boolean;
  warnings: string[];
}

interface Block {
  addr: number;
  len: number;
}

async function walkMessages(g: Geo, buf: Buffer, v2: boolean, creationOrder: boolean, out: Hdf5RootAttrs, more: Block[], dense: number[]): Promise<void> {
  let p = 0;
  const hdr = v2 ? 4 + (creationOrder ? 2 : 0) : 8;
  while (p + hdr <= buf.length) {
    const type = v2 ? buf[p] : buf.readUInt16LE(p);
    const size = v2 ? buf.readUInt16LE(p + 1) : buf.readUInt16LE(p + 2);
    const data = p + hdr;
    if (data + size > buf.length) throw new Error('object header message runs past its block');
    const m = buf.subarray(data, data + size);
    if (type === 0x0c) {
      try {
        await decodeAttribute(g, m, out);
      } catch (e) {
        out.warnings.push(`HDF5 attribute unreadable: ${errorText(e)}`);
      }
    } else if (type === 0x10) more.push({ addr: readUInt(m, 0, g.o), len: readUInt(m, g.o, g.l) });
    else if (type === 0x15) {
      const flags = m[1];
      const heapAddr = readUInt(m, 2 + ((flags & 1) !== 0 ? 2 : 0), g.o);
      if (heapAddr !== Number.MAX_SAFE_INTEGER) {
        out.denseAttributes = true;
        dense.push(heapAddr);
      }
    }
    p = data + size;
  }
}

/** Read the string attributes of the root group. Never throws for bad input. */
export async function readHdf5RootAttrs(src: ByteSource, sigOffset = 0): Promise<Hdf5RootAttrs> {
  const out: Hdf5RootAttrs = { attributes: {}, names: [], denseAttributes: false, warnings: [] };
  try {
    const sb = await src.range(sigOffset, sigOffset + 128);
    if (sb.length < 48) throw new Error('superblock truncated');
    const version = sb[8];
    out.superblockVersion = version;
    let o: number;
    let l: number;
    let root: number;
    let base: number;
    if (version === 0 || version === 1) {
      o = sb[13];
      l = sb[14];
      const addrs = version === 0 ? 24 : 28;
      base = readUInt(sb, addrs, o);
      root = readUInt(sb, addrs + 4 * o + o, o);
    } else if (version === 2 || version === 3) {
      o = sb[9];
      l = sb[10];
      base = readUInt(sb, 12, o);
      root = readUInt(sb, 12 + 3 * o, o);
    } else throw new Error(`unsupported HDF5 superblock version ${version}`);
    if (![2, 4, 8].includes(o) || ![2, 4, 8].includes(l)) throw new Error(`invalid HDF5 offset/length sizes ${o}/${l}`);
    const g: Geo = { src, base: base === 0 ? sigOffset : base, o, l };
    const head = await readAt(g, root, 32, 'root object header');
    const more: Block[] = [];
    const dense: number[] = [];
    let v2 = false;
    let creationOrder = false;
    if (head.subarray(0, 4).toString('latin1') === 'OHDR') {
      v2 = true;
      const flags = head[5];
      creationOrder = (flags & 0x04) !== 0;
      let p = 6 + ((flags & 0x20) !== 0 ? 16 : 0) + ((flags & 0x10) !== 0 ? 4 : 0);
      const sizeBytes = 1 << (flags & 3);
      const chunk0 = readUInt(head, p, sizeBytes);
      p += sizeBytes;
      if (chunk0 > HDF5_LIMITS.maxHeaderBlock) throw new Error(`root object header of ${chunk0} bytes exceeds the cap`);
      await walkMessages(g, await readAt(g, root + p, chunk0, 'root object header'), true, creationOrder, out, more, dense);
    } else if (head[0] === 1) {
      const size = head.readUInt32LE(8);
      if (size > HDF5_LIMITS.maxHeaderBlock) throw new Error(`root object header of ${size} bytes exceeds the cap`);
      await walkMessages(g, await readAt(g, root + 16, size, 'root object header'), false, false, out, more, dense);
    } else throw new Error(`unknown object header version ${head[0]} at ${root}`);
    for (let i = 0; i < more.length; i++) {
      if (i >= HDF5_LIMITS.maxContinuations) throw new Error('too many object header continuation blocks');
      const b = more[i];
      if (b.len > HDF5_LIMITS.maxHeaderBlock) throw new Error(`continuation block of ${b.len} bytes exceeds the cap`);
      let block = await readAt(g, b.addr, b.len, 'continuation block');
      if (v2) {
        if (block.subarray(0, 4).toString('latin1') !== 'OCHK') throw new Error('continuation block lacks OCHK');
        block = block.subarray(4, block.length - 4);
      }
      await walkMessages(g, block, v2, creationOrder, out, more, dense);
    }
    for (const heap of dense.slice(0, 1)) await readDenseAttributes(g, heap, out);
  } catch (e) {
    out.warnings.push(`HDF5 root group unreadable: ${errorText(e)}`);
  }
  return out;
}
