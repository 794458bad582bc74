// PEP 508 requirement strings ("name[extra]>=1,<2; python_version>'3.8'"), reduced to name and version.
import type { ManifestDep } from './types.js';

const REQ = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;

/** An exact pin: ==1.2.3 or ===1.2.3 without wildcards. */
export function exactPin(spec: string): string | undefined {
  const m = /^\s*===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*$/.exec(spec);
  return m && !m[1].includes('*') ? m[1] : undefined;
}

/** Parse one requirement; undefined when it is not a requirement (URL, path, option). */
export function parsePep508(req: string): Pick<ManifestDep, 'name' | 'version' | 'spec'> | undefined {
  const noMarker = req.split(';')[0];
  const m = REQ.exec(noMarker);
  if (!m) return undefined;
  let rest = m[3].trim();
  if (rest.startsWith('@')) return { name: m[1], spec: rest };
  rest = rest.replace(/^\((.*)\)$/, '$1').trim();
  if (rest !== '' && !/^[<>=!~]/.test(rest)) return undefined;
  const version = exactPin(rest);
  return version ? { name: m[1], version } : { name: m[1], spec: rest || undefined };
}
