// Classifies one license reference: SPDX ids and expressions (spdx-expression-parse), Hugging Face
// license ids, the AI licenses outside SPDX (Llama, Gemma, OpenRAIL...) and free-text names.
// Fills spdx / name / url / category; never throws.
import parseSpdx from 'spdx-expression-parse';
import type { LicenseRef } from '../inventory/types.js';
import { licenseData, licenseKey, LICENSE_CATEGORIES, type LicenseCategory, type LicenseEntry } from './table.js';

/** higher = more restrictive; OR takes the least restrictive option, AND the most */
const RANK: Record<LicenseCategory, number> = Object.fromEntries(LICENSE_CATEGORIES.map((c, i) => [c, i])) as Record<LicenseCategory, number>;

export function spdxIdCategory(id: string): LicenseCategory {
  const data = licenseData();
  const entry = data.bySpdx.get(id.toLowerCase());
  if (entry) return entry.category;
  if (/^(LicenseRef|DocumentRef)-/i.test(id)) return 'unknown';
  return data.spdxRules.find((r) => r.re.test(id))?.category ?? 'unknown';
}

function expressionCategory(info: parseSpdx.Info): LicenseCategory {
  if ('license' in info) return spdxIdCategory(info.license);
  const l = expressionCategory(info.left);
  const r = expressionCategory(info.right);
  const pick = info.conjunction === 'or' ? Math.min(RANK[l], RANK[r]) : Math.max(RANK[l], RANK[r]);
  return LICENSE_CATEGORIES[pick];
}

function tryParse(text: string): parseSpdx.Info | undefined {
  try {
    return parseSpdx(text);
  } catch {
    return undefined;
  }
}

/** the table entry for a name / HF id / alias, if any */
export function findLicense(text: string): LicenseEntry | undefined {
  return licenseData().index.get(licenseKey(text));
}

function fromEntry(ref: LicenseRef, e: LicenseEntry): LicenseRef {
  return {
    ...ref,
    ...(e.spdx ? { spdx: e.spdx } : {}),
    name: e.spdx ? (ref.name ?? e.name) : e.name,
    ...(ref.url || e.url || e.spdx ? { url: ref.url ?? e.url ?? `https://spdx.org/licenses/${e.spdx}.html` } : {}),
    category: e.category,
  };
}

function fromSpdx(ref: LicenseRef, expr: string, info: parseSpdx.Info): LicenseRef {
  const simple = 'license' in info && !info.exception && !info.plus ? info.license : undefined;
  const entry = simple ? licenseData().bySpdx.get(simple.toLowerCase()) : undefined;
  const url = ref.url ?? (simple && !/^(LicenseRef|DocumentRef)-/.test(simple) ? `https://spdx.org/licenses/${simple}.html` : undefined);
  return {
    ...ref,
    spdx: expr,
    ...(ref.name || entry ? { name: ref.name ?? entry?.name } : {}),
    ...(url ? { url } : {}),
    category: expressionCategory(info),
  };
}

export function classifyLicense(ref: LicenseRef): LicenseRef {
  const data = licenseData();
  const spdx = ref.spdx?.trim();
  if (spdx) {
    const info = tryParse(spdx);
    if (info) return fromSpdx(ref, spdx, info);
    const e = findLicense(spdx) ?? data.bySpdx.get(spdx.toLowerCase());
    if (e) return fromEntry({ ...ref, spdx: undefined }, e);
  }
  const name = ref.name?.trim();
  if (name) {
    const e = findLicense(name);
    if (e && e.id !== 'unknown') return fromEntry(ref, e);
    const alias = data.textAliases.get(name.toLowerCase());
    if (alias) return fromSpdx(ref, alias, { license: alias });
    const info = /^[A-Za-z0-9.+-]+(\s+(AND|OR|WITH)\s+[A-Za-z0-9.+()-]+)*$/.test(name) ? tryParse(name) : undefined;
    if (info && expressionCategory(info) !== 'unknown') return fromSpdx({ ...ref, name: undefined }, name, info);
    if (e) return fromEntry(ref, e);
    if (name.toLowerCase() === 'other') return { ...ref, name: 'Other', category: 'unknown' };
    return { ...ref, name, category: 'unknown' };
  }
  return { ...ref, category: ref.category ?? 'unknown' };
}

/** notable restrictions of a classified license (Llama's 700M MAU clause...) */
export function licenseRestrictions(ref: LicenseRef): string | undefined {
  const e = (ref.name && findLicense(ref.name)) || (ref.spdx ? licenseData().bySpdx.get(ref.spdx.toLowerCase()) : undefined);
  return e ? e.restrictions : undefined;
}
