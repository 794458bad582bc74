// License references from a Hugging Face card: SPDX ids where the hub id maps to one, names
// otherwise; `other` takes the card's license_name / license_link.
import type { LicenseRef } from '../../src/inventory/types.js';
import type { HfCard } from '../../src/parsers/hf-card.js';
import { hfLicenseSpdx } from './rules.js';

export function cardLicenses(card: HfCard | undefined, source = 'model card'): LicenseRef[] {
  if (!card) return [];
  const out: LicenseRef[] = [];
  for (const id of card.license) {
    if (id.toLowerCase() === 'other' || id.toLowerCase() === 'unknown') {
      if (card.licenseName || card.licenseLink) {
        out.push({ name: card.licenseName ?? id, ...(card.licenseLink ? { url: card.licenseLink } : {}), source });
      } else out.push({ name: id, source });
      continue;
    }
    const spdx = hfLicenseSpdx(id);
    out.push(spdx ? { spdx, source } : { name: id, ...(card.licenseLink ? { url: card.licenseLink } : {}), source });
  }
  return out;
}

/** the text used for the aibom:model:license / aibom:dataset:license mirror */
export function licenseLabels(licenses: LicenseRef[]): string[] {
  return licenses.map((l) => l.spdx ?? l.name ?? l.url ?? 'unknown');
}
