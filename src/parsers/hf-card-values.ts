// Narrowing helpers for JSON/YAML that enters as `unknown` (model cards, configs, dataset metadata).
// Every list is capped so hostile input cannot make an output grow without bound.

export const MAX_LIST = 256;
export const MAX_STRING = 1024;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** a non-empty trimmed string (capped), or undefined */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t.length > 0 ? t.slice(0, MAX_STRING) : undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** a string or a list of strings, as a de-duplicated list (order kept, capped) */
export function strList(v: unknown): string[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const out: string[] = [];
  for (const item of items.slice(0, MAX_LIST)) {
    const s = str(item);
    if (s !== undefined && !out.includes(s)) out.push(s);
  }
  return out;
}

/** a non-negative safe integer (numbers or digit strings), or undefined */
export function count(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'bigint' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** parse JSON text into `unknown`, or an error message */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
