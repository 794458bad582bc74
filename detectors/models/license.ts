// A license string read from model metadata -> LicenseRef (SPDX id when it is one, case-insensitively).
import { createRequire } from 'node:module';
import type { LicenseRef } from '../../src/inventory/types.js';

let ids: Map<string, string> | undefined;

function spdxIds(): Map<string, string> {
  if (ids) return ids;
  ids = new Map();
  try {
    const list: unknown = createRequire(import.meta.url)('spdx-license-ids');
    if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') ids.set(id.toLowerCase(), id);
  } catch {
    /* the list is optional: without it licenses stay names */
  }
  return ids;
}

export function licenseRef(value: string, source: string): LicenseRef {
  const v = value.trim().slice(0, 200);
  const id = spdxIds().get(v.toLowerCase());
  return id ? { spdx: id, source } : { name: v, source };
}
