// Keras model configs (config.json of a .keras zip, model_config of a legacy .h5): Lambda layers
// carry serialized Python bytecode, and a layer `module` outside keras/tensorflow is imported on load.
// The JSON is walked as data; nothing is deserialised.
import { loadRules } from './rules.js';

export interface KerasRisks {
  lambdas: string[];
  foreignModules: string[];
  parseError?: string;
}

const MAX_NODES = 500_000;

export function kerasConfigRisks(json: string, rules = loadRules()): KerasRisks {
  const out: KerasRisks = { lambdas: [], foreignModules: [] };
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (err) {
    out.parseError = (err as Error).message.slice(0, 200);
    return out;
  }
  const lambdaClasses = new Set(rules.kerasLambdaClasses);
  const allowed = rules.kerasAllowedModules;
  const lambdas = new Set<string>();
  const modules = new Set<string>();
  const stack: unknown[] = [root];
  let n = 0;
  while (stack.length > 0 && n++ < MAX_NODES) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const o = v as Record<string, unknown>;
    if (typeof o.class_name === 'string' && lambdaClasses.has(o.class_name)) {
      const cfg = o.config;
      const name = typeof cfg === 'object' && cfg !== null && typeof (cfg as Record<string, unknown>).name === 'string' ? String((cfg as Record<string, unknown>).name) : o.class_name;
      lambdas.add(name);
    }
    if (typeof o.module === 'string' && o.module.length > 0 && !allowed.some((p) => o.module === p || String(o.module).startsWith(`${p}.`))) modules.add(o.module);
    for (const x of Object.values(o)) if (typeof x === 'object' && x !== null) stack.push(x);
  }
  out.lambdas = [...lambdas].sort();
  out.foreignModules = [...modules].sort();
  return out;
}
