// Static inspection of a Jinja chat template: parse with @huggingface/jinja's parser (never render)
// and walk the syntax tree for constructs that reach Python internals. A template the parser cannot
// read is still checked with a plain text scan so an exotic syntax cannot hide a payload.
import { parse, tokenize } from '@huggingface/jinja';

export interface TemplateRules {
  attributes: string[];
  filters: string[];
  globals: string[];
  calls: string[];
}

export interface TemplateConstruct {
  /** dunder | attribute | filter | global | call | string */
  kind: string;
  /** the name or literal that matched */
  detail: string;
}

export interface TemplateInspection {
  constructs: TemplateConstruct[];
  parseError?: string;
}

const DUNDER = /^__\w+__$/;
const DUNDER_IN_TEXT = /__(class|mro|subclasses|globals|builtins|import|init|base|bases|dict|getattribute|code|self|func|reduce|reduce_ex|loader|spec)__/g;
const MAX_NODES = 200_000;

function isNode(v: unknown): v is Record<string, unknown> & { type: string } {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

function identName(v: unknown): string | undefined {
  return isNode(v) && v.type === 'Identifier' && typeof v.value === 'string' ? v.value : undefined;
}

export function inspectTemplate(source: string, rules: TemplateRules): TemplateInspection {
  const found = new Map<string, TemplateConstruct>();
  const add = (kind: string, detail: string): void => {
    found.set(`${kind}:${detail}`, { kind, detail });
  };
  const attrs = new Set(rules.attributes);
  const filters = new Set(rules.filters);
  const globals = new Set(rules.globals);
  const calls = new Set(rules.calls);
  const checkName = (name: string, asProperty: boolean): void => {
    if (DUNDER.test(name)) add('dunder', name);
    else if (asProperty && attrs.has(name)) add('attribute', name);
    else if (calls.has(name)) add('call', name);
  };

  let program: unknown;
  try {
    program = parse(tokenize(source));
  } catch (err) {
    for (const m of source.matchAll(DUNDER_IN_TEXT)) add('dunder', m[0]);
    return { constructs: [...found.values()], parseError: (err as Error).message.slice(0, 200) };
  }
  const stack: unknown[] = [program];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const x of node) stack.push(x);
      continue;
    }
    if (!isNode(node)) continue;
    visited++;
    switch (node.type) {
      case 'MemberExpression': {
        const prop = identName(node.property);
        if (prop !== undefined && node.computed !== true) checkName(prop, true);
        const obj = identName(node.object);
        if (obj !== undefined && globals.has(obj)) add('global', obj);
        break;
      }
      case 'Identifier':
        if (typeof node.value === 'string') checkName(node.value, false);
        break;
      case 'StringLiteral':
        if (typeof node.value === 'string' && (DUNDER.test(node.value) || attrs.has(node.value))) add('string', node.value);
        break;
      case 'FilterExpression': {
        const f = node.filter;
        const name = identName(f) ?? (isNode(f) && f.type === 'CallExpression' ? identName(f.callee) : undefined);
        if (name !== undefined && filters.has(name)) add('filter', name);
        break;
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'type' && typeof v === 'object' && v !== null) stack.push(v);
  }
  return { constructs: [...found.values()].sort((a, b) => `${a.kind}:${a.detail}`.localeCompare(`${b.kind}:${b.detail}`)) };
}
