// Reads and validates a policy file. Errors name the file, the key and the line.
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { ConfigError } from '../util/errors.js';
import { POLICY_SCHEMA, type Policy } from './schema.js';

let validator: ReturnType<Ajv['compile']> | undefined;

export interface LoadedPolicy {
  policy: Policy;
  path: string;
}

export function parsePolicy(text: string, path: string): Policy {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`${path}:${lineOf(e.pos[0]) ?? '?'}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const data = (doc.toJS({ maxAliasCount: 50 }) ?? {}) as unknown;
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(POLICY_SCHEMA);
  if (!validator(data)) {
    const msgs = (validator.errors ?? []).map((err) => {
      const segs = err.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      const extra = (err.params as { additionalProperty?: string }).additionalProperty;
      const node = doc.getIn(extra ? [...segs, extra] : segs, true);
      const keyNode = extra ? findKey(doc.getIn(segs, true), extra) : undefined;
      const range = (keyNode ?? node) as { range?: [number, number, number] } | undefined;
      const line = isNode(range) || range?.range ? lineOf(range?.range?.[0]) : undefined;
      const key = [...segs, ...(extra ? [extra] : [])].join('.') || '(top level)';
      const what = extra ? `unknown key "${extra}"` : `${err.message}${(err.params as { allowedValues?: unknown[] }).allowedValues ? ` (${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''}`;
      return `${path}:${line ?? '?'}: ${key}: ${what}`;
    });
    throw new ConfigError(`invalid policy:\n  ${[...new Set(msgs)].join('\n  ')}\nSee docs/policy.md for the format.`);
  }
  return data as Policy;
}

function findKey(map: unknown, key: string): unknown {
  const items = (map as { items?: { key?: { value?: unknown; range?: unknown } }[] } | undefined)?.items;
  return items?.find((i) => i.key?.value === key)?.key;
}

export async function loadPolicy(path: string): Promise<LoadedPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read policy file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Check the path given to --policy.`);
  }
  return { policy: parsePolicy(text, path), path };
}
