// Invisible Unicode in instruction files and prompts (classes in detectors/agents/hidden-unicode.yml):
// runs of hidden characters per line, with the hidden text decoded where an encoding is known and
// everything shown escaped so it cannot hide again.
import type { Severity } from '../../src/inventory/types.js';
import { isObj, loadData, objList, optStr, reqStr, severityOf, strList } from './data.js';

export interface HiddenClass {
  id: string;
  name: string;
  ranges: [number, number][];
  severity: Severity;
  decode?: 'tag' | 'variation-selector';
  minRun: number;
  allowInScript: number[];
}

export interface HiddenLine {
  line: number;
  /** class ids seen on the line */
  classes: HiddenClass[];
  count: number;
  /** hidden text recovered from tag / variation-selector runs, raw (escape before showing) */
  decoded: string[];
  /** the code points, U+XXXX, first few */
  codepoints: string[];
}

interface HiddenData {
  classes: HiddenClass[];
  /** any character of any class: the cheap prefilter */
  any: RegExp;
  match: string[];
  noMatch: string[];
}

let loaded: HiddenData | undefined;

function numbers(v: unknown): number[] {
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

export function hiddenUnicodeData(): HiddenData {
  if (loaded) return loaded;
  const doc = loadData('agents', 'hidden-unicode.yml');
  const root = isObj(doc) ? doc : {};
  const classes = objList(root.classes, 'hidden-unicode.yml classes').map((o): HiddenClass => {
    const id = reqStr(o, 'id', 'hidden class');
    const ranges = (Array.isArray(o.ranges) ? o.ranges : []).map((r) => numbers(r)).filter((r) => r.length === 2) as [number, number][];
    const decode = optStr(o, 'decode');
    return {
      id,
      name: reqStr(o, 'name', id),
      ranges,
      severity: severityOf(o.severity, id),
      decode: decode === 'tag' || decode === 'variation-selector' ? decode : undefined,
      minRun: typeof o.minRun === 'number' ? o.minRun : 1,
      allowInScript: numbers(o.allowInScript),
    };
  });
  const cases = isObj(root.cases) ? root.cases : {};
  const hex = (n: number): string => `\\u{${n.toString(16)}}`;
  const any = new RegExp(`[${classes.flatMap((c) => c.ranges.map(([a, b]) => `${hex(a)}-${hex(b)}`)).join('')}]`, 'u');
  loaded = { classes, any, match: strList(cases.match), noMatch: strList(cases['no-match']) };
  return loaded;
}

function classOf(cp: number, classes: HiddenClass[]): HiddenClass | undefined {
  return classes.find((c) => c.ranges.some(([a, b]) => cp >= a && cp <= b));
}

const SCRIPT_CONTEXT = /[\p{Extended_Pictographic}\p{M}]|[^\p{ASCII}\P{L}]/u;

function decodeRun(cls: HiddenClass, cps: number[]): string | undefined {
  if (cls.decode === 'tag') {
    const s = cps.filter((c) => c >= 0xe0020 && c <= 0xe007e).map((c) => String.fromCharCode(c - 0xe0000)).join('');
    return s.length ? s : undefined;
  }
  if (cls.decode === 'variation-selector') {
    const bytes = cps.map((c) => (c >= 0xfe00 && c <= 0xfe0f ? c - 0xfe00 : c - 0xe0100 + 16));
    const s = Buffer.from(bytes).toString('utf8');
    return s.length ? s : undefined;
  }
  return undefined;
}

/** Hidden characters line by line. At most `maxLines` lines are reported. */
export function findHiddenUnicode(text: string, maxLines = 200): HiddenLine[] {
  const { classes, any } = hiddenUnicodeData();
  const out: HiddenLine[] = [];
  if (!any.test(text)) return out;
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length && out.length < maxLines; ln++) {
    if (!any.test(lines[ln])) continue;
    const chars = Array.from(lines[ln]);
    let hit: HiddenLine | undefined;
    let i = 0;
    while (i < chars.length) {
      const cp = chars[i].codePointAt(0) ?? 0;
      const cls = classOf(cp, classes);
      if (!cls || (cp === 0xfeff && ln === 0 && i === 0)) {
        i++;
        continue;
      }
      let j = i;
      const run: number[] = [];
      while (j < chars.length && classOf(chars[j].codePointAt(0) ?? 0, classes) === cls) run.push(chars[j++].codePointAt(0) ?? 0);
      const prev = i > 0 ? chars[i - 1] : '';
      const allowed = run.every((c) => cls.allowInScript.includes(c)) && SCRIPT_CONTEXT.test(prev);
      if (run.length >= cls.minRun && !allowed) {
        hit ??= { line: ln + 1, classes: [], count: 0, decoded: [], codepoints: [] };
        if (!hit.classes.includes(cls)) hit.classes.push(cls);
        hit.count += run.length;
        const d = decodeRun(cls, run);
        if (d) hit.decoded.push(d);
        for (const c of run) {
          const u = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
          if (hit.codepoints.length < 8 && !hit.codepoints.includes(u)) hit.codepoints.push(u);
        }
      }
      i = j;
    }
    if (hit) out.push(hit);
  }
  return out;
}

/** Printable ASCII stays; everything else becomes \u{...}, so shown text cannot hide anything. */
export function escapeVisible(s: string, max = 240): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    out += ch === '\\' ? '\\\\' : cp >= 0x20 && cp <= 0x7e ? ch : `\\u{${cp.toString(16).toUpperCase()}}`;
    if (out.length >= max) return `${out.slice(0, max)}...`;
  }
  return out;
}

/** The text with every hidden character of the known classes removed (for the text rules). */
export function stripHidden(text: string): string {
  const { classes } = hiddenUnicodeData();
  let out = '';
  for (const ch of text) if (!classOf(ch.codePointAt(0) ?? 0, classes)) out += ch;
  return out;
}
