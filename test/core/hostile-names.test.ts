// File names with control and bidirectional characters (a hostile repository chooses its names): the terminal
// table and the Markdown summary show them escaped, never raw, and the XML BOM stays well-formed and valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../../src/index.js';
import { renderTable } from '../../src/emit/table.js';
import { toMarkdown } from '../../src/emit/markdown.js';
import { toCycloneDxJson, toCycloneDxXml } from '../../src/index.js';
import { toSarif } from '../../src/emit/sarif.js';
import { cycloneDxJsonErrors, cycloneDxXmlErrors, sarifErrors } from '../helpers/schema.js';
import { visibleText, wellFormed, xmlSafe } from '../../src/util/visible-text.js';
import { evaluatePolicy } from '../../src/policy/evaluate.js';
import { formatViolations } from '../../src/policy/run.js';

const NAMES = [
  'bell\u0007.safetensors',
  'esc\u001b]0;title\u0007.safetensors',
  'rtl\u202etxt.safetensors',
  'nonchar\ufffe.safetensors',
  'del\u007f\u0085.safetensors',
  'tab\there.safetensors',
  // ordinary names that are not URI references as they are
  'my model #1?.safetensors',
  'a:b%c@d.safetensors',
  'ünï.safetensors',
];

/** a safetensors file whose bytes differ per index (identical content would merge into one component) */
function model(i: number): Buffer {
  const header = Buffer.from(JSON.stringify({ w: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, __metadata__: { i: String(i) } }));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([len, header, Buffer.alloc(4)]);
}

// no C0 or C1 control character but the line breaks, and no bidirectional control
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('hostile file names', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aibom-names-'));
    NAMES.forEach((n, i) => writeFileSync(join(dir, n), model(i)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are shown escaped in the table and the Markdown summary', async () => {
    const { inventory } = await scan({ path: dir, now: new Date(0) });
    expect(inventory.assets.filter((a) => a.kind === 'model')).toHaveLength(NAMES.length);
    const table = renderTable(inventory, { color: false });
    const md = toMarkdown(inventory);
    expect(table).not.toMatch(RAW);
    expect(md).not.toMatch(RAW);
    expect(table).toContain('esc\\u{1B}]0;title\\u{7}.safetensors');
    expect(md).toContain('rtl\\u{202E}txt.safetensors');
    // colours are the table's own escape sequences, and only those
    const coloured = renderTable(inventory, { color: true });
    expect(coloured.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW);
  });

  it('are shown escaped in the policy verdict on stderr', async () => {
    const { inventory } = await scan({ path: dir, now: new Date(0) });
    const verdict = evaluatePolicy(inventory, { 'fail-on': 'low', models: { 'forbid-formats': ['safetensors'] } }, new Date(0));
    expect(verdict.passed).toBe(false);
    const text = formatViolations(verdict);
    expect(text).toContain('esc\\u{1B}]0;title\\u{7}.safetensors');
    expect(text).not.toMatch(RAW);
  });

  it('keep the XML BOM well-formed and valid, and the JSON BOM and SARIF valid', async () => {
    const { inventory } = await scan({ path: dir, now: new Date(0) });
    const xml = toCycloneDxXml(inventory, '1.6', { now: new Date(0) });
    expect(await cycloneDxXmlErrors(xml)).toEqual([]);
    expect(xml).toContain('bell\\u{7}.safetensors');
    // JSON escapes control characters itself: the names stay exact there
    const json = JSON.parse(toCycloneDxJson(inventory, '1.6', { now: new Date(0) }));
    expect(cycloneDxJsonErrors(json).slice(0, 3).join("\n")).toBe("");
    expect(JSON.stringify(json)).toContain('bell\\u0007.safetensors');
    const sarif = JSON.parse(toSarif(inventory));
    expect(sarifErrors(sarif)).toEqual([]);
    const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('my%20model%20%231%3F.safetensors');
    expect(uris).toContain('a%3Ab%25c@d.safetensors');
    expect(uris).toContain('%C3%BCn%C3%AF.safetensors');
    expect(uris.map((u: string) => decodeURIComponent(u)).sort()).toEqual([...NAMES].sort());
  });

  it('escape only what must be escaped', () => {
    expect(visibleText('héllo 世界 a|b')).toBe('héllo 世界 a|b');
    expect(visibleText('a\tb\nc\u0000d\u009b')).toBe('a b c\\u{0}d\\u{9B}');
    expect(wellFormed('a\ud800b\udc00 \ud83d\ude00')).toBe('a\ufffdb\ufffd \ud83d\ude00');
    expect(xmlSafe('<a b="x\u0001">\t\n\u0085 \ud83d\ude00 \ud800 \ufffe</a>')).toBe('<a b="x\\u{1}">\t\n\u0085 \ud83d\ude00 \\u{D800} \\u{FFFE}</a>');
  });
});
