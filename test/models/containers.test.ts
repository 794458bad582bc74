import { describe, expect, it } from 'vitest';
import { parseNpyHeader } from '../../src/parsers/numpy.js';
import { readKerasH5 } from '../../src/parsers/keras.js';
import { readHdf5RootAttrs } from '../../src/parsers/hdf5.js';
import { torchZipLayout } from '../../src/parsers/pytorch.js';
import { FACTS, detectOne, fixture, p } from './helpers.js';

describe('NumPy', () => {
  it('reads dtype and shape of an .npy', async () => {
    const f = FACTS['arr.npy'];
    const n = parseNpyHeader(await fixture('models/arr.npy').head(4096));
    expect(n.warnings).toEqual([]);
    expect(n.dtype).toBe(f.dtype);
    expect(n.shape).toEqual(f.shape);
    expect(n.elements).toBe(f.elements);
    expect(n.objectDtype).toBe(false);
    const a = await detectOne('models/arr.npy');
    expect(a.format).toBe('numpy');
    expect(p(a, 'shape')).toBe('(3,4)');
    expect(p(a, 'parameters')).toBe('12');
  });
  it('flags an object dtype', async () => {
    const n = parseNpyHeader(await fixture('models/obj.npy').head(4096));
    expect(n.dtype).toBe(FACTS['obj.npy'].dtype);
    expect(n.objectDtype).toBe(true);
    expect(p(await detectOne('models/obj.npy'), 'object-dtype')).toBe('true');
  });
  it.each(['arrs.npz', 'arrs-z.npz'])('reads every array header of %s', async (name) => {
    const f = FACTS[name];
    const a = await detectOne(`models/${name}`);
    expect(a.format).toBe('numpy');
    expect(a.warnings).toBeUndefined();
    expect(p(a, 'tensors')).toBe(String(f.arrays));
    expect(p(a, 'parameters')).toBe(String(f.elements));
    expect(p(a, 'dtypes')).toEqual(f.dtypes);
  });
  it('a truncated header is a warning', () => {
    const n = parseNpyHeader(Buffer.from('\x93NUMPY\x01\x00\xff\x00{', 'latin1'));
    expect(n.warnings[0]).toMatch(/truncated/);
  });
});

describe('Keras and HDF5', () => {
  it.each(['keras-v1.h5', 'keras-latest.h5'])('reads root attributes of %s by the HDF5 walk', async (name) => {
    const f = FACTS[name];
    const k = await readKerasH5(fixture(`models/${name}`));
    expect(k.warnings).toEqual([]);
    expect(k.via).toBe('attributes');
    expect(k.modelConfig).toBe(f.model_config);
    expect(k.kerasVersion).toBe(f.keras_version);
    expect(k.backend).toBe(f.backend);
    expect(k.className).toBe(f.class_name);
    const a = await detectOne(`models/${name}`);
    expect(a.format).toBe('keras');
    expect(p(a, 'architecture')).toBe('Sequential');
    expect(p(a, 'keras-version')).toBe('2.11.0');
    expect(p(a, 'layers')).toBe('2');
  });
  it('reads attributes kept in dense storage (fractal heap)', async () => {
    const f = FACTS['keras-dense.h5'];
    const attrs = await readHdf5RootAttrs(fixture('models/keras-dense.h5'));
    expect(attrs.warnings).toEqual([]);
    expect(attrs.denseAttributes).toBe(true);
    expect(attrs.names).toHaveLength(f.attributes as number);
    const k = await readKerasH5(fixture('models/keras-dense.h5'));
    expect(k.via).toBe('attributes');
    expect(k.modelConfig).toBe(f.model_config);
    expect(k.kerasVersion).toBe('2.11.0');
  });
  it('a plain HDF5 file is format hdf5', async () => {
    const attrs = await readHdf5RootAttrs(fixture('models/plain.h5'));
    expect(attrs.attributes).toEqual({ title: 'not keras' });
    const a = await detectOne('models/plain.h5');
    expect(a.format).toBe('hdf5');
  });
  it('falls back to a bounded scan when the attribute walk fails', async () => {
    const buf = Buffer.from(await fixture('models/keras-v1.h5').range(0, 1 << 20));
    buf.writeUInt32LE(0xdeadbeef, 8 + 16 + 4 * 8 + 8); // corrupt the root object header address (superblock v0)
    const k = await readKerasH5({ size: buf.length, range: async (s, e) => buf.subarray(s, e) });
    expect(k.warnings.join(' ')).toMatch(/HDF5 root group unreadable/);
    expect(k.via).toBe('scan');
    expect(k.modelConfig).toBe(FACTS['keras-v1.h5'].model_config);
  });
  it('reads a Keras 3 .keras archive', async () => {
    const f = FACTS['tiny.keras'];
    const a = await detectOne('models/tiny.keras');
    expect(a.format).toBe('keras');
    expect(p(a, 'architecture')).toBe(f.class_name);
    expect(p(a, 'keras-version')).toBe(f.keras_version);
  });
});

describe('PyTorch and pickles', () => {
  it('recognises the torch.save zip layout', async () => {
    const f = FACTS['linear.pt'];
    const layout = torchZipLayout(f.members as string[]);
    expect(layout?.format).toBe('pytorch');
    const a = await detectOne('models/linear.pt');
    expect(a.format).toBe('pytorch');
    expect(p(a, 'archive-name')).toBe(f.archive_name);
    expect(p(a, 'storages')).toBe(String(f.storages));
    expect(p(a, 'pickle-members')).toEqual(f.pickles);
    expect(p(a, 'serialization')).toBe('zip');
    expect(a.warnings).toBeUndefined();
  });
  it('recognises TorchScript', async () => {
    const f = FACTS['scripted.pt'];
    const a = await detectOne('models/scripted.pt');
    expect(a.format).toBe('torchscript');
    expect(p(a, 'archive-name')).toBe(f.archive_name);
    expect(p(a, 'pickle-members')).toEqual(f.pickles);
    expect(p(a, 'storages')).toBe(String(f.storages));
  });
  it('recognises the legacy torch.save format', async () => {
    const a = await detectOne('models/legacy.pth');
    expect(a.format).toBe('pytorch');
    expect(p(a, 'serialization')).toBe('legacy-pickle');
  });
  it('identifies pickles and joblib files by magic', async () => {
    const pk = await detectOne('models/logreg.pkl');
    expect(pk.format).toBe('pickle');
    expect(p(pk, 'pickle-protocol')).toBe(String(FACTS['logreg.pkl'].protocol));
    expect((await detectOne('models/logreg.joblib')).format).toBe('joblib');
    const z = await detectOne('models/logreg-z.joblib');
    expect(z.format).toBe('joblib');
    expect(p(z, 'compression')).toBe(FACTS['logreg-z.joblib'].compression);
    const p0 = await detectOne('models/proto0.pickle');
    expect(p0.format).toBe('pickle');
    expect(p(p0, 'pickle-protocol')).toBe('0-1');
  });
  it('a zip without central directory is a warning, not a crash', async () => {
    const a = await detectOne('models/broken-zip.pt');
    expect(a.warnings?.join(' ')).toMatch(/zip/);
  });
});
