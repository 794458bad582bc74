// System prompts in a parsed source file (Python, JavaScript, TypeScript): the values passed as a
// system prompt to SDK calls, whether each is a literal, and whether request data flows into it
// by f-string / template / concatenation / .format(). Syntax only: nothing is evaluated.
import { stringValue, type SyntaxNode, type Tree } from '../../src/parsers/source/tree-sitter.js';
import { isObj, loadData, ruleMeta, strList, type RuleMeta } from './data.js';

export interface SystemPromptConfig {
  rule: RuleMeta;
  keywords: string[];
  systemArguments: Set<string>;
  systemRoles: Set<string>;
  systemClasses: Set<string>;
  requestData: RegExp[];
  cases: Record<string, { match: string[]; noMatch: string[] }>;
}

export interface SystemPromptSite {
  line: number;
  /** the literal text when the prompt is a plain string (after resolving one variable) */
  literal?: string;
  literalLine?: number;
  /** the request-data expression that reaches the prompt */
  tainted?: string;
}

let config: SystemPromptConfig | undefined;

export function systemPromptConfig(): SystemPromptConfig {
  if (config) return config;
  const doc = loadData('agents', 'system-prompts.yml');
  const o = isObj(doc) ? doc : {};
  const cases: SystemPromptConfig['cases'] = {};
  if (isObj(o.cases)) {
    for (const [lang, c] of Object.entries(o.cases)) if (isObj(c)) cases[lang] = { match: strList(c.match), noMatch: strList(c['no-match']) };
  }
  config = {
    rule: ruleMeta(doc, 'system-prompts.yml'),
    keywords: strList(o.keywords).map((k) => k.toLowerCase()),
    systemArguments: new Set(strList(o.systemArguments)),
    systemRoles: new Set(strList(o.systemRoles)),
    systemClasses: new Set(strList(o.systemClasses)),
    requestData: strList(o.requestData).map((p) => new RegExp(p)),
    cases,
  };
  return config;
}

const STRING_TYPES = new Set(['string', 'template_string']);
const CALL_TYPES = new Set(['call', 'call_expression', 'new_expression']);
const ARGS_TYPES = new Set(['argument_list', 'arguments']);
/** the node types systemValues() and bindings() look at */
const VALUE_TYPES = ['keyword_argument', 'pair', ...CALL_TYPES, 'tuple', 'array'];
const BINDING_TYPES = ['assignment', 'variable_declarator'];

function keyText(n: SyntaxNode | null): string | undefined {
  if (!n) return undefined;
  if (STRING_TYPES.has(n.type)) return stringValue(n);
  return n.type === 'identifier' || n.type === 'property_identifier' ? n.text : undefined;
}

function lastName(fn: SyntaxNode | null): string | undefined {
  return fn ? trailingName(fn.text) : undefined;
}

const SPACE = /\s/;
const NAME_CHAR = /[\w$]/;
const NAME_START = /[A-Za-z_$]/;

/** What `/([A-Za-z_$][\w$]*)\s*$/.exec(text)?.[1]` gives (the name a callee's text ends with), read from the end:
 *  the regular expression tries every start position, and a callee can be a whole function of minified code,
 *  called many times in the file. */
export function trailingName(text: string): string | undefined {
  let end = text.length;
  while (end > 0 && SPACE.test(text[end - 1])) end--;
  let start = end;
  while (start > 0 && NAME_CHAR.test(text[start - 1])) start--;
  // the leftmost character of the run that can start a name (a digit cannot)
  while (start < end && !NAME_START.test(text[start])) start++;
  return start < end ? text.slice(start, end) : undefined;
}

/** Names bound once to a value in the file (x = ..., const x = ...), for one level of resolution. */
function bindings(tree: Tree): Map<string, SyntaxNode> {
  const map = new Map<string, SyntaxNode>();
  // the nodes of these types in document order, from one call into WebAssembly (a cursor walk visited every node)
  for (const n of tree.rootNode.descendantsOfType(BINDING_TYPES)) {
    if (!n) continue;
    const [l, r] =
      n.type === 'assignment' ? [n.childForFieldName('left'), n.childForFieldName('right')] : n.type === 'variable_declarator' ? [n.childForFieldName('name'), n.childForFieldName('value')] : [null, null];
    if (l?.type === 'identifier' && r && !map.has(l.text)) map.set(l.text, r);
  }
  return map;
}

/** The system-prompt value nodes of the file. */
function systemValues(tree: Tree, cfg: SystemPromptConfig): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const n of tree.rootNode.descendantsOfType(VALUE_TYPES)) {
    if (!n) continue;
    if (n.type === 'keyword_argument' && ARGS_TYPES.has(n.parent?.type ?? '')) {
      const name = n.childForFieldName('name')?.text ?? '';
      const call = n.parent?.parent ?? null;
      const cls = lastName(call?.childForFieldName('function') ?? null);
      if (cfg.systemArguments.has(name) || (name === 'content' && cls !== undefined && cfg.systemClasses.has(cls))) {
        const v = n.childForFieldName('value');
        if (v) out.push(v);
      }
    } else if (n.type === 'pair') {
      const key = keyText(n.childForFieldName('key'));
      const value = n.childForFieldName('value');
      const obj = n.parent;
      if (key === 'role' && value && STRING_TYPES.has(value.type) && cfg.systemRoles.has(stringValue(value) ?? '')) {
        for (const sib of obj?.namedChildren ?? []) {
          if (sib?.type === 'pair' && keyText(sib.childForFieldName('key')) === 'content') {
            const v = sib.childForFieldName('value');
            if (v) out.push(v);
          }
        }
      } else if (key !== undefined && value && cfg.systemArguments.has(key) && obj?.type === 'object' && ARGS_TYPES.has(obj.parent?.type ?? '')) {
        out.push(value);
      }
    } else if (CALL_TYPES.has(n.type)) {
      const cls = lastName(n.childForFieldName('function') ?? n.childForFieldName('constructor'));
      const first = n.childForFieldName('arguments')?.namedChildren[0];
      if (cls && cfg.systemClasses.has(cls) && first && first.type !== 'keyword_argument' && first.type !== 'object') out.push(first);
    } else if ((n.type === 'tuple' || n.type === 'array') && n.namedChildren.length === 2) {
      const [a, b] = n.namedChildren;
      if (a && b && STRING_TYPES.has(a.type) && cfg.systemRoles.has(stringValue(a) ?? '')) out.push(b);
    }
  }
  return out;
}

function judge(n: SyntaxNode, cfg: SystemPromptConfig, binds: Map<string, SyntaxNode>, depth: number): { literal?: string; literalNode?: SyntaxNode; tainted?: string } {
  const isRequest = (text: string): boolean => cfg.requestData.some((r) => r.test(text));
  if (depth > 4) return {};
  switch (n.type) {
    case 'string':
    case 'template_string': {
      const lit = stringValue(n);
      if (lit !== undefined) return { literal: lit, literalNode: n };
      for (const c of n.namedChildren) {
        if (c && (c.type === 'interpolation' || c.type === 'template_substitution')) {
          const expr = c.namedChildren[0];
          if (expr && (isRequest(expr.text) || judge(expr, cfg, binds, depth + 1).tainted)) return { tainted: expr.text };
        }
      }
      return {};
    }
    case 'concatenated_string':
    case 'binary_operator':
    case 'binary_expression':
    case 'parenthesized_expression': {
      for (const c of n.namedChildren) {
        if (!c) continue;
        const j = judge(c, cfg, binds, depth + 1);
        if (j.tainted) return j;
      }
      return {};
    }
    case 'identifier': {
      const bound = binds.get(n.text);
      if (bound && bound !== n) return judge(bound, cfg, binds, depth + 1);
      return isRequest(n.text) ? { tainted: n.text } : {};
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
        const args = n.childForFieldName('arguments')?.namedChildren ?? [];
        const hit = args.find((a) => a && (isRequest(a.text) || judge(a, cfg, binds, depth + 1).tainted));
        if (hit) return { tainted: hit.text };
      }
      return isRequest(n.text) ? { tainted: n.text } : {};
    }
    default:
      return isRequest(n.text) ? { tainted: n.text } : {};
  }
}

export function findSystemPrompts(tree: Tree, cfg: SystemPromptConfig = systemPromptConfig()): SystemPromptSite[] {
  const values = systemValues(tree, cfg);
  // most files that mention "system" pass no system prompt: the bindings walk runs only when one does
  if (values.length === 0) return [];
  const binds = bindings(tree);
  const seen = new Set<number>();
  const out: SystemPromptSite[] = [];
  for (const v of values) {
    if (seen.has(v.startIndex)) continue;
    seen.add(v.startIndex);
    const j = judge(v, cfg, binds, 0);
    const site: SystemPromptSite = { line: v.startPosition.row + 1 };
    if (j.literal !== undefined) {
      site.literal = j.literal;
      site.literalLine = (j.literalNode ?? v).startPosition.row + 1;
    }
    if (j.tainted) site.tainted = j.tainted;
    out.push(site);
  }
  return out;
}
