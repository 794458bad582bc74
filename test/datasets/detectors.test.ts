import { describe, expect, it } from 'vitest';
import { datasetDetectors, datasetInfoDetector, dvcDetector, folderLinkDetector, parquetDetector, arrowDetector, tabularDetector } from '../../detectors/datasets/index.js';
import { modelFolderDetector } from '../../detectors/huggingface/index.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import type { Asset, DatasetAsset } from '../../src/inventory/types.js';
import { ctx, fixtureFile } from '../huggingface/fixture-file.js';

const DS = 'datasets';

describe('datasetDetectors', () => {
  it('exports the dataset detectors, all scanning dependencies', () => {
    expect(datasetDetectors.map((d) => d.id)).toEqual(['dataset/parquet', 'dataset/arrow', 'dataset/tabular', 'dataset/dataset-info', 'dataset/dvc', 'dataset/folder-link']);
    expect(datasetDetectors.every((d) => d.scansDependencies === true)).toBe(true);
  });
});

describe('dataset/parquet', () => {
  it('lists a parquet file with rows and schema', async () => {
    const r = await parquetDetector.detect(fixtureFile(DS, 'parquet/tiny.parquet'), ctx());
    expect(r.assets).toEqual([
      {
        key: 'file:parquet/tiny.parquet',
        kind: 'dataset',
        name: 'tiny.parquet',
        format: 'parquet',
        present: true,
        locations: [{ path: 'parquet/tiny.parquet' }],
        detectors: ['dataset/parquet'],
        properties: {
          'aibom:dataset:format': 'parquet',
          'aibom:dataset:rows': '3',
          'aibom:dataset:row-groups': '1',
          'aibom:dataset:column-count': '3',
          'aibom:dataset:columns': ['id', 'text', 'score'],
          'aibom:dataset:schema': ['id: INT64', 'text: UTF8', 'score: DOUBLE'],
          'aibom:dataset:created-by': 'aibom gen-datasets.py',
        },
      },
    ]);
  });

  it('keeps hostile parquet files as assets with a warning', async () => {
    const expected: [string, RegExp][] = [
      ['parquet/truncated-footer.parquet', /PAR1 missing/],
      ['parquet/footer-beyond-size.parquet', /footer length 2147483632 exceeds the file size 309/],
      ['parquet/garbage-footer.parquet', /^parquet footer unreadable/],
      ['parquet/not-parquet.parquet', /header magic PAR1 missing/],
    ];
    for (const [rel, msg] of expected) {
      const r = await parquetDetector.detect(fixtureFile(DS, rel), ctx());
      expect(r.assets).toHaveLength(1);
      expect(r.assets?.[0]).toMatchObject({ key: `file:${rel}`, kind: 'dataset', format: 'parquet', present: true });
      expect(r.assets?.[0].warnings).toHaveLength(1);
      expect(r.assets?.[0].warnings?.[0]).toMatch(msg);
    }
  });

  it('reads only the trailer and the footer, never the whole file', async () => {
    const file = fixtureFile(DS, 'parquet/tiny.parquet');
    const reads: [number, number][] = [];
    const spy = { ...file, range: async (s: number, e: number) => (reads.push([s, e]), file.range(s, e)), stream: () => { throw new Error('stream used'); } };
    await parquetDetector.detect(spy, ctx());
    expect(reads[0]).toEqual([301, 309]);
    expect(reads).toHaveLength(2);
    expect(reads[1][1]).toBe(309);
  });

  it('leaves LFS pointers to the LFS detector', async () => {
    expect(await parquetDetector.detect(fixtureFile('huggingface', 'lfs/train.parquet'), ctx())).toEqual({});
  });
});

describe('dataset/arrow', () => {
  it('lists arrow and feather files with their schema', async () => {
    const r = await arrowDetector.detect(fixtureFile(DS, 'arrow/file.feather'), ctx());
    expect(r.assets?.[0]).toEqual({
      key: 'file:arrow/file.feather',
      kind: 'dataset',
      name: 'file.feather',
      format: 'feather',
      present: true,
      locations: [{ path: 'arrow/file.feather' }],
      detectors: ['dataset/arrow'],
      properties: {
        'aibom:dataset:format': 'feather',
        'aibom:dataset:arrow-layout': 'arrow-file',
        'aibom:dataset:column-count': '4',
        'aibom:dataset:columns': ['id', 'text', 'label', 'score'],
        'aibom:dataset:schema': ['id: Int', 'text: Utf8', 'label: Bool', 'score: FloatingPoint'],
      },
    });
    const bad = await arrowDetector.detect(fixtureFile(DS, 'arrow/bad-offset.arrow'), ctx());
    expect(bad.assets?.[0]).toMatchObject({ format: 'arrow', warnings: [expect.stringMatching(/^Arrow schema unreadable/)] });
  });
});

describe('dataset/tabular', () => {
  it('lists a big csv with columns and exact rows', async () => {
    const r = await tabularDetector.detect(fixtureFile(DS, 'text/train.csv'), ctx());
    expect(r.assets?.[0].properties).toEqual({
      'aibom:dataset:format': 'csv',
      'aibom:dataset:column-count': '3',
      'aibom:dataset:columns': ['id', 'text', 'label, quoted'],
      'aibom:dataset:rows': '200',
    });
  });

  it('lists a small file in a data folder, skips a small test fixture', async () => {
    const tsv = await tabularDetector.detect(fixtureFile(DS, 'text/data/small.tsv'), ctx());
    expect(tsv.assets?.[0]).toMatchObject({ key: 'file:text/data/small.tsv', format: 'tsv', properties: { 'aibom:dataset:columns': ['word', 'count'], 'aibom:dataset:rows': '2' } });
    expect(await tabularDetector.detect(fixtureFile(DS, 'text/test/fixtures/users.csv'), ctx())).toEqual({});
  });

  it('lists a small file next to a dataset card or dataset_info.json', async () => {
    const f = memoryFile('ds/tiny.csv', 'a,b\n1,2\n', { siblings: { 'dataset_info.json': '{}' } });
    expect((await tabularDetector.detect(f, ctx())).assets?.[0]).toMatchObject({ key: 'file:ds/tiny.csv', properties: { 'aibom:dataset:rows': '1' } });
  });

  it('estimates rows of big files from a sample and warns on broken content', async () => {
    const line = '{"text": "' + 'y'.repeat(90) + '"}\n';
    const big = memoryFile('corpus/big.jsonl', line.repeat(100_000));
    const r = await tabularDetector.detect(big, ctx());
    expect(r.assets?.[0].properties).toEqual({
      'aibom:dataset:format': 'jsonl',
      'aibom:dataset:column-count': '1',
      'aibom:dataset:columns': ['text'],
      'aibom:dataset:rows-estimate': '100000',
    });
    const broken = await tabularDetector.detect(fixtureFile(DS, 'text/data/broken.jsonl'), ctx());
    expect(broken.assets?.[0].warnings).toEqual(['first line is not valid JSON (truncated or not JSON Lines)']);
    const bin = await tabularDetector.detect(memoryFile('data/x.csv', Buffer.from([0, 1, 2, 3])), ctx());
    expect(bin.assets?.[0].warnings).toEqual(['binary content in a csv file']);
  });

  it('skips dependency folders unless next to a dataset card', async () => {
    const dep = { dir: 'node_modules/tz', owner: 'tz@1.0.0' };
    const f = memoryFile('node_modules/tz/data/zones.csv', 'zone,offset\n'.repeat(1000), { dependency: dep });
    expect(await tabularDetector.detect(f, ctx())).toEqual({});
  });
});

describe('dataset/dataset-info and dataset cards', () => {
  it('describes the folder from dataset_info.json', async () => {
    const r = await datasetInfoDetector.detect(fixtureFile('huggingface', 'dataset-card/dataset_info.json'), ctx());
    expect(r.assets).toEqual([
      {
        key: 'folder:dataset-card',
        kind: 'dataset',
        name: 'dataset-card',
        format: 'huggingface',
        present: true,
        locations: [{ path: 'dataset-card/dataset_info.json' }],
        detectors: ['dataset/dataset-info'],
        description: 'Synthetic support chats.',
        licenses: [{ spdx: 'CC-BY-4.0', source: 'dataset_info.json' }],
        externalReferences: [{ type: 'website', url: 'https://example.com/acme-support' }],
        properties: {
          'aibom:dataset:format': 'huggingface',
          'aibom:dataset:configs': ['default'],
          'aibom:dataset:builder': 'parquet',
          'aibom:dataset:splits': ['train=3'],
          'aibom:dataset:rows': '3',
          'aibom:dataset:version': '0.0.0',
          'aibom:dataset:bytes': '120',
          'aibom:dataset:column-count': '3',
          'aibom:dataset:columns': ['id', 'text', 'score'],
          'aibom:dataset:schema': ['id: int64', 'text: string', 'score: float64'],
          'aibom:dataset:license': ['CC-BY-4.0'],
        },
      },
    ]);
  });

  it('makes the same folder key from the dataset card', async () => {
    const r = await modelFolderDetector.detect(fixtureFile('huggingface', 'dataset-card/README.md'), ctx());
    expect(r.assets).toEqual([
      {
        key: 'folder:dataset-card',
        kind: 'dataset',
        name: 'dataset-card',
        format: 'huggingface',
        present: true,
        locations: [{ path: 'dataset-card/README.md' }],
        detectors: ['huggingface/model-folder'],
        licenses: [{ spdx: 'CC-BY-4.0', source: 'dataset card' }],
        properties: {
          'aibom:dataset:format': 'huggingface',
          'aibom:dataset:license': ['CC-BY-4.0'],
          'aibom:dataset:task-categories': ['text-generation', 'question-answering'],
          'aibom:dataset:size-categories': ['n<1K'],
          'aibom:dataset:configs': ['default'],
          'aibom:dataset:languages': ['en'],
          'aibom:dataset:pretty-name': 'Acme Support Chats',
          'aibom:huggingface:tags': ['synthetic'],
        },
      },
    ]);
  });

  it('uses the hub cache id for a cached dataset repo', async () => {
    const rev = 'f'.repeat(40);
    const f = memoryFile(`hub/datasets--acme--chats/snapshots/${rev}/README.md`, '---\ntask_categories: [translation]\n---\n');
    const r = await modelFolderDetector.detect(f, ctx());
    expect(r.assets?.[0]).toMatchObject({ name: 'acme/chats', version: rev, contentsUrl: 'https://huggingface.co/datasets/acme/chats' });
  });
});

describe('dataset/folder-link', () => {
  it('nests data files under the deepest dataset folder', () => {
    const ds = (key: string, extra: Partial<DatasetAsset> = {}): DatasetAsset => ({ key, kind: 'dataset', name: key, format: 'parquet', present: true, locations: [], ...extra });
    const assets: Asset[] = [
      ds('folder:repo'),
      ds('folder:repo/sub'),
      ds('file:repo/data/train.parquet'),
      ds('file:repo/sub/x.csv'),
      ds('file:other/y.csv'),
      ds('file:repo/z.csv', { parent: 'a.zip' }),
      ds('file:repo/w.csv'),
      ds('file:repo/w.csv', { partial: true, parent: 'folder:elsewhere' }),
    ];
    const r = folderLinkDetector.finish?.({ assets, findings: [] });
    expect(r?.assets?.map((a) => [a.key, a.parent, a.partial])).toEqual([
      ['file:repo/data/train.parquet', 'folder:repo', true],
      ['file:repo/sub/x.csv', 'folder:repo/sub', true],
      ['folder:repo/sub', 'folder:repo', true],
    ]);
    expect(folderLinkDetector.finish?.({ assets: [ds('file:a.csv')], findings: [] })).toEqual({ assets: [] });
  });
});

describe('dataset/dvc', () => {
  it('lists each out: data file, model and directory', async () => {
    const csv = await dvcDetector.detect(fixtureFile(DS, 'dvc/data.csv.dvc'), ctx());
    expect(csv.assets).toEqual([
      {
        key: 'file:dvc/data.csv',
        kind: 'dataset',
        name: 'data.csv',
        format: 'csv',
        present: false,
        size: 14445097,
        locations: [{ path: 'dvc/data.csv.dvc' }],
        detectors: ['dataset/dvc'],
        properties: {
          'aibom:dvc:file': 'dvc/data.csv.dvc',
          'aibom:dvc:md5': '3863d0e317dee0a55c4e59d2ec0eef33',
          'aibom:content': 'tracked by DVC, content not present',
          'aibom:dataset:format': 'csv',
        },
      },
    ]);
    const model = await dvcDetector.detect(fixtureFile(DS, 'dvc/model.pt.dvc'), ctx());
    expect(model.assets?.[0]).toMatchObject({ key: 'file:dvc/model.pt', kind: 'model', format: 'pytorch', properties: { 'aibom:dvc:remote': 's3store', 'aibom:model:format': 'pytorch' } });
    const dir = await dvcDetector.detect(fixtureFile(DS, 'dvc/images.dvc'), ctx());
    expect(dir.assets?.[0]).toMatchObject({ key: 'folder:dvc/images', kind: 'dataset', format: 'directory', properties: { 'aibom:dvc:nfiles': '12' } });
  });

  it('warns on broken .dvc files and escaping paths', async () => {
    const broken = await dvcDetector.detect(fixtureFile(DS, 'dvc/broken.dvc'), ctx());
    expect(broken.assets).toBeUndefined();
    expect(broken.warnings?.[0]).toMatchObject({ path: 'dvc/broken.dvc', message: expect.stringMatching(/^dataset\/dvc: invalid \.dvc YAML/) });
    const esc = await dvcDetector.detect(memoryFile('p/x.dvc', 'outs:\n- path: ../../etc/passwd\n- path: ok.csv\n', { siblings: { 'ok.csv': 'a' } }), ctx());
    expect(esc.assets?.map((a) => [a.key, a.kind === 'dataset' && a.present])).toEqual([['file:p/ok.csv', true]]);
    expect(esc.warnings).toEqual([{ path: 'p/x.dvc', message: 'dataset/dvc: 1 out path(s) leave the folder; ignored' }]);
  });
});
