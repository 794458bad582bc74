// Secret formats (detectors/agents/secret-patterns.yml) found in text: keyword prefilter first,
// then the regex. Callers get the matched value only to redact it; it is never printed or stored.
import { loadData, objList, reqStr, strList, isObj } from './data.js';

export interface SecretPattern {
  id: string;
  name: string;
  regex: RegExp;
  keywords: string[];
  match: string[];
  noMatch: string[];
}

export interface SecretHit {
  patternId: string;
  name: string;
  value: string;
  index: number;
}

let compiled: SecretPattern[] | undefined;

export function secretPatterns(): SecretPattern[] {
  if (compiled) return compiled;
  const doc = loadData('agents', 'secret-patterns.yml');
  const list = objList(isObj(doc) ? doc.patterns : undefined, 'secret-patterns.yml patterns');
  compiled = list.map((o) => {
    const id = reqStr(o, 'id', 'secret pattern');
    return {
      id,
      name: reqStr(o, 'name', id),
      regex: new RegExp(reqStr(o, 'regex', id), 'g'),
      keywords: strList(o.keywords).map((k) => k.toLowerCase()),
      match: strList(o.match),
      noMatch: strList(o['no-match']),
    };
  });
  return compiled;
}

/** Every secret in the text; overlapping hits keep the longest. */
export function findSecrets(text: string): SecretHit[] {
  const lower = text.toLowerCase();
  const hits: SecretHit[] = [];
  for (const p of secretPatterns()) {
    if (!p.keywords.some((k) => lower.includes(k))) continue;
    p.regex.lastIndex = 0;
    for (let m = p.regex.exec(text); m; m = p.regex.exec(text)) {
      if (m[0].length === 0) {
        p.regex.lastIndex++;
        continue;
      }
      hits.push({ patternId: p.id, name: p.name, value: m[0], index: m.index });
      if (hits.length > 1000) break;
    }
  }
  hits.sort((a, b) => a.index - b.index || b.value.length - a.value.length);
  const out: SecretHit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.index < last.index + last.value.length) continue;
    out.push(h);
  }
  return out;
}

/** 1-based line of a character offset (line starts indexed once per text: thousands of hits stay linear) */
export { lineAt } from '../../src/parsers/manifests/lines.js';
