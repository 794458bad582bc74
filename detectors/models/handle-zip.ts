// Zip-based model containers: PyTorch (torch.save zip), TorchScript, Keras 3 .keras, NumPy .npz.
// Only the central directory and a few small members (version, config.json, metadata.json, .npy
// headers) are read through the shared bounded zip reader.
import type { ScanFile } from '../../src/detect/types.js';
import { listZip, readZipEntry, zipSource, type RandomAccess, type ZipEntry } from '../../src/parsers/zip.js';
import { torchZipLayout } from '../../src/parsers/pytorch.js';
import { kerasConfigFacts } from '../../src/parsers/keras.js';
import { parseNpyHeader } from '../../src/parsers/numpy.js';
import { errorText } from '../../src/parsers/magic-reader.js';
import { emptyFacts, prop, type ModelFacts } from './asset.js';

const SMALL_MEMBER = 4 << 20;
const MAX_NPZ_MEMBERS = 1000;

/** The first `n` decompressed bytes of an entry (or all of it when smaller). */
async function entryPrefix(src: RandomAccess, e: ZipEntry, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  for await (const chunk of readZipEntry(src, e, { maxBytes: Math.max(n, e.uncompressedSize, 1) + (1 << 20) })) {
    parts.push(chunk);
    got += chunk.length;
    if (got >= n) break;
  }
  return Buffer.concat(parts).subarray(0, n);
}

async function entryText(src: RandomAccess, e: ZipEntry): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of readZipEntry(src, e, { maxBytes: SMALL_MEMBER })) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function zipFacts(file: ScanFile): Promise<ModelFacts> {
  const src = zipSource(file);
  const { entries, warnings } = await listZip(src, { maxEntries: 100_000 });
  const files = entries.filter((e) => !e.isDirectory);
  const names = files.map((e) => e.name);
  const byName = new Map(files.map((e) => [e.name, e] as const));
  const torch = torchZipLayout(names);
  let f: ModelFacts;
  try {
    if (torch) {
      f = emptyFacts(torch.format);
      prop(f, 'serialization', 'zip');
      prop(f, 'archive-name', torch.archiveName);
      prop(f, 'pickle-members', torch.pickleMembers);
      prop(f, 'storages', torch.storageCount);
      const v = torch.versionMember ? byName.get(torch.versionMember) : undefined;
      if (v && v.uncompressedSize <= 64) prop(f, 'format-version', (await entryText(src, v)).trim());
    } else if (byName.has('config.json') && (byName.has('metadata.json') || byName.has('model.weights.h5'))) {
      f = emptyFacts('keras');
      prop(f, 'serialization', 'keras-zip');
      const cfg = kerasConfigFacts(await entryText(src, byName.get('config.json') as ZipEntry));
      if (!cfg) f.warnings.push('config.json is not a Keras model config');
      prop(f, 'architecture', cfg?.className);
      prop(f, 'layers', cfg?.layerCount);
      if (cfg?.className) f.card = { modelArchitecture: cfg.className };
      const meta = byName.get('metadata.json');
      if (meta) {
        const m: unknown = JSON.parse(await entryText(src, meta));
        if (isRecord(m) && typeof m.keras_version === 'string') prop(f, 'keras-version', m.keras_version);
      }
    } else if (names.length > 0 && names.every((n) => n.endsWith('.npy'))) {
      f = emptyFacts('numpy');
      prop(f, 'serialization', 'npz');
      prop(f, 'tensors', names.length);
      let elems = 0;
      let known = true;
      const dtypes = new Set<string>();
      for (const e of files.slice(0, MAX_NPZ_MEMBERS)) {
        const h = parseNpyHeader(await entryPrefix(src, e, 4096), e.uncompressedSize, e.name);
        f.warnings.push(...h.warnings);
        if (h.dtype) dtypes.add(h.dtype);
        if (h.elements === undefined) known = false;
        else elems += h.elements;
        if (h.objectDtype) prop(f, 'object-dtype', true);
      }
      if (files.length > MAX_NPZ_MEMBERS) f.warnings.push(`only the first ${MAX_NPZ_MEMBERS} arrays were read`);
      else if (known) prop(f, 'parameters', elems);
      prop(f, 'dtypes', [...dtypes].sort());
      if (files.some((e) => e.method !== 0)) prop(f, 'compression', 'deflate');
    } else {
      f = emptyFacts('unknown');
      prop(f, 'serialization', 'zip');
      f.warnings.push(names.length === 0 ? 'zip archive with no readable entries' : 'zip archive without a known model layout');
    }
  } catch (e) {
    f = emptyFacts(torch?.format ?? 'unknown');
    f.warnings.push(`zip member unreadable: ${errorText(e)}`);
  }
  f.warnings.unshift(...warnings.map((w) => `zip: ${w}`));
  return f;
}
