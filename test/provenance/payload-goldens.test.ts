// Reproduces the 21 in-toto statements model_signing writes for its test models
// (fixtures/model-signing/payload-goldens): the models are rebuilt here exactly as its
// tests/conftest.py builds them, then enumerated, hashed and serialized by our code.
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeResources } from '../../src/provenance/manifest-check.js';
import { enumerateModel } from '../../src/provenance/model-files.js';
import { buildStatement, checkSubjectDigest, parseStatement, rootDigest } from '../../src/provenance/statement.js';
import type { Serialization } from '../../src/provenance/types.js';
import { corpus } from './helpers.js';

const KNOWN_MODEL_TEXT = 'This is a simple model';

function build(kind: string): string {
  const base = mkdtempSync(join(tmpdir(), 'aibom-golden-'));
  const root = join(base, 'root');
  mkdirSync(root);
  switch (kind) {
    case 'sample_model_file':
      writeFileSync(join(root, 'file'), KNOWN_MODEL_TEXT);
      return join(root, 'file');
    case 'empty_model_file':
      writeFileSync(join(root, 'file'), '');
      return join(root, 'file');
    case 'sample_model_folder':
      for (let i = 0; i < 2; i++) {
        mkdirSync(join(root, `d${i}`));
        for (let j = 0; j < 3; j++) writeFileSync(join(root, `d${i}`, `f${i}${j}`), `This is file f${i}${j} in d${i}.`);
      }
      for (let i = 0; i < 4; i++) writeFileSync(join(root, `f${i}`), `This is file f${i} in root.`);
      return root;
    case 'empty_model_folder':
      return root;
    case 'model_folder_with_empty_file':
      writeFileSync(join(root, 'empty_file'), '');
      return root;
    case 'deep_model_folder': {
      let cur = root;
      for (let i = 0; i < 5; i++) mkdirSync((cur = join(cur, `d${i}`)));
      for (let i = 0; i < 4; i++) writeFileSync(join(cur, `f${i}`), `This is file f${i}.`);
      return root;
    }
    case 'symlink_model_folder': {
      mkdirSync(join(base, 'external'));
      writeFileSync(join(base, 'external', 'file'), KNOWN_MODEL_TEXT);
      symlinkSync(join(base, 'external', 'file'), join(root, 'symlink_file'));
      return root;
    }
  }
  throw new Error(`unknown model ${kind}`);
}

const MODELS = ['deep_model_folder', 'empty_model_file', 'empty_model_folder', 'model_folder_with_empty_file', 'sample_model_file', 'sample_model_folder', 'symlink_model_folder'];
const VARIANTS: [string, Omit<Serialization, 'ignorePaths'>][] = [
  ['', { method: 'files', hashType: 'sha256', allowSymlinks: true }],
  ['_shard', { method: 'shards', hashType: 'sha256', shardSize: 1_000_000_000, allowSymlinks: true }],
  ['_small_shards', { method: 'shards', hashType: 'sha256', shardSize: 8, allowSymlinks: true }],
];
const GOLDENS = MODELS.flatMap((m) => VARIANTS.map(([suffix, s]) => [m, m + suffix, s] as const));

describe('payload goldens', () => {
  it('covers all 21 goldens', () => expect(GOLDENS).toHaveLength(21));

  it.each(GOLDENS)('%s -> %s', async (model, golden, ser) => {
    const expected = JSON.parse(readFileSync(corpus(`model-signing/payload-goldens/${golden}`), 'utf8')) as {
      subject: { name: string }[];
    };
    const s: Serialization = { ...ser, ignorePaths: [] };
    const en = await enumerateModel(build(model), { ignore: [], allowSymlinks: true });
    const resources = await computeResources(en, s, '.');
    expect(buildStatement(expected.subject[0].name, resources, s)).toEqual(expected);
    // and our parser reads the golden back to the same resources and a matching subject digest
    const parsed = parseStatement(Buffer.from(JSON.stringify(expected)));
    expect(parsed.resources).toEqual(resources);
    expect(() => checkSubjectDigest(parsed)).not.toThrow();
    expect(parsed.subjectDigest).toBe(rootDigest(resources));
  });
});
