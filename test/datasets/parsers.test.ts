import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetTrailer, parseParquetFooter } from '../../src/parsers/parquet.js';
import { arrowFormatOf, parseArrowHead } from '../../src/parsers/arrow.js';
import { csvDelimiter, parseDelimited, parseJsonLines, splitDelimited } from '../../src/parsers/tabular.js';
import { parseDvc } from '../../src/parsers/dvc.js';
import { parseDatasetInfo } from '../../src/parsers/dataset-info.js';
import { FIXTURES } from '../huggingface/fixture-file.js';

const fx = (rel: string): Buffer => readFileSync(join(FIXTURES, 'datasets', rel));

describe('parquet', () => {
  it('reads rows, row groups and the schema from the footer', () => {
    const buf = fx('parquet/tiny.parquet');
    const t = parquetTrailer(buf.subarray(buf.length - 8), buf.length);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(parseParquetFooter(buf.subarray(buf.length - 8 - t.footerLength))).toEqual({
      ok: true,
      facts: {
        rows: 3,
        rowGroups: 1,
        version: 1,
        createdBy: 'aibom gen-datasets.py',
        columns: [
          { name: 'id', type: 'INT64' },
          { name: 'text', type: 'UTF8' },
          { name: 'score', type: 'DOUBLE' },
        ],
      },
    });
  });

  it('rejects bad trailers before allocating', () => {
    const big = fx('parquet/footer-beyond-size.parquet');
    expect(parquetTrailer(big.subarray(big.length - 8), big.length)).toEqual({
      ok: false,
      error: `parquet footer length 2147483632 exceeds the file size ${big.length}`,
    });
    const cut = fx('parquet/truncated-footer.parquet');
    expect(parquetTrailer(cut.subarray(cut.length - 8), cut.length)).toMatchObject({ ok: false, error: expect.stringMatching(/PAR1 missing/) });
    expect(parquetTrailer(Buffer.from('PAR1'), 4)).toEqual({ ok: false, error: 'parquet file too short (truncated)' });
    const enc = Buffer.concat([Buffer.from([1, 0, 0, 0]), Buffer.from('PARE')]);
    expect(parquetTrailer(enc, 100)).toMatchObject({ ok: false, error: expect.stringMatching(/encrypted/) });
    const huge = Buffer.alloc(8);
    huge.writeUInt32LE(32 << 20, 0);
    huge.write('PAR1', 4, 'latin1');
    expect(parquetTrailer(huge, 1 << 30)).toMatchObject({ ok: false, error: expect.stringMatching(/cap/) });
  });

  it('turns a garbage footer into an error', () => {
    const g = fx('parquet/garbage-footer.parquet');
    const t = parquetTrailer(g.subarray(g.length - 8), g.length);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    const r = parseParquetFooter(g.subarray(g.length - 8 - t.footerLength));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^parquet footer unreadable/);
  });
});

describe('arrow', () => {
  const COLUMNS = [
    { name: 'id', type: 'Int' },
    { name: 'text', type: 'Utf8' },
    { name: 'label', type: 'Bool' },
    { name: 'score', type: 'FloatingPoint' },
  ];
  it('reads the schema of a stream and of a file', () => {
    expect(parseArrowHead(fx('arrow/stream.arrow'))).toEqual({ ok: true, facts: { format: 'arrow-stream', columns: COLUMNS, columnCount: 4, schemaRead: true } });
    expect(parseArrowHead(fx('arrow/file.feather'))).toEqual({ ok: true, facts: { format: 'arrow-file', columns: COLUMNS, columnCount: 4, schemaRead: true } });
    expect(parseArrowHead(fx('arrow/v1.feather'))).toEqual({ ok: true, facts: { format: 'feather-v1', columns: [], columnCount: 0, schemaRead: false } });
  });
  it('reports truncated, hostile and foreign input', () => {
    expect(parseArrowHead(fx('arrow/truncated.arrow'))).toMatchObject({ ok: false, error: expect.stringMatching(/exceeds the bytes read/) });
    expect(parseArrowHead(fx('arrow/bad-offset.arrow'))).toMatchObject({ ok: false, error: expect.stringMatching(/^Arrow schema unreadable: flatbuffer offset/) });
    expect(parseArrowHead(Buffer.from('PAR1xxxx'))).toEqual({ ok: false, error: 'no Arrow IPC or Feather magic' });
    expect(arrowFormatOf(Buffer.from('ARROW1\0\0'))).toBe('arrow-file');
  });
  it('survives random bytes after a valid prefix', () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 200; i++) {
      const buf = Buffer.alloc(64 + (i % 64));
      for (let k = 0; k < buf.length; k++) buf[k] = rand();
      buf.writeUInt32LE(0xffffffff, 0);
      buf.writeInt32LE(buf.length - 8, 4);
      expect(() => parseArrowHead(buf)).not.toThrow();
    }
  });
});

describe('tabular', () => {
  it('splits quoted fields', () => {
    expect(splitDelimited('a,"b, c","d ""e""",', ',')).toEqual(['a', 'b, c', 'd "e"', '']);
    expect(csvDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(csvDelimiter('a,b;c')).toBe(',');
  });
  it('counts rows quote-aware when complete and estimates otherwise', () => {
    expect(parseDelimited('x,y\n1,"multi\nline"\n2,b\n', ',', 20, true)).toEqual({ ok: true, facts: { columns: ['x', 'y'], rows: 2, complete: true } });
    const csv = fx('text/train.csv').toString('utf8');
    expect(parseDelimited(csv, ',', csv.length, true)).toEqual({ ok: true, facts: { columns: ['id', 'text', 'label, quoted'], rows: 200, complete: true } });
    const est = parseDelimited(csv.slice(0, 1000), ',', csv.length, false);
    expect(est.ok && est.facts.rows).toBeGreaterThan(180);
    expect(est.ok && est.facts.rows).toBeLessThan(220);
    expect(parseDelimited('\n\n', ',', 2, true)).toEqual({ ok: false, error: 'empty header line' });
  });
  it('reads JSON Lines keys and rows', () => {
    const jl = fx('text/corpus.jsonl').toString('utf8');
    expect(parseJsonLines(jl, jl.length, true)).toEqual({ ok: true, facts: { columns: ['prompt', 'completion'], rows: 120, complete: true } });
    expect(parseJsonLines('{"a": \n', 7, true)).toEqual({ ok: false, error: 'first line is not valid JSON (truncated or not JSON Lines)' });
  });
});

describe('dvc', () => {
  it('reads outs', () => {
    expect(parseDvc(fx('dvc/images.dvc').toString())).toEqual({
      ok: true,
      outs: [{ path: 'images', md5: 'b6923e1e4ad16ea1a7e2a328842d56a2.dir', size: 1048576, nfiles: 12, directory: true, remote: undefined }],
    });
    expect(parseDvc(fx('dvc/broken.dvc').toString())).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid \.dvc YAML/) });
    expect(parseDvc('deps: []\n')).toEqual({ ok: false, error: '.dvc file has no outs list' });
  });
});

describe('dataset-info', () => {
  it('reads features, splits and license', () => {
    const r = parseDatasetInfo(readFileSync(join(FIXTURES, 'huggingface', 'dataset-card', 'dataset_info.json'), 'utf8'));
    expect(r).toEqual({
      ok: true,
      value: [
        {
          builderName: 'parquet',
          configName: 'default',
          description: 'Synthetic support chats.',
          homepage: 'https://example.com/acme-support',
          license: ['cc-by-4.0'],
          version: '0.0.0',
          features: [
            { name: 'id', type: 'int64' },
            { name: 'text', type: 'string' },
            { name: 'score', type: 'float64' },
          ],
          splits: [{ name: 'train', examples: 3, bytes: 120 }],
          downloadSize: 309,
          datasetSize: 120,
        },
      ],
    });
    expect(parseDatasetInfo('{"default": {"splits": {}}, "other": 3}', true)).toMatchObject({ ok: true, value: [{ splits: [] }] });
    expect(parseDatasetInfo('"x"')).toEqual({ ok: false, error: 'dataset info is not a JSON object' });
  });
});
