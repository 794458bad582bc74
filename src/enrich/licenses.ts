// License enrichment: normalises every asset's licenses in place (SPDX id, name, URL, category)
// and raises findings per advisories/license-rules.yml (unknown, non-commercial, use-restricted,
// copyleft, missing). HF `license: other` + license_name/license_link arrive as {name, url}.
import type { Asset, Finding, LicenseRef } from '../inventory/types.js';
import { classifyLicense, licenseRestrictions } from '../licenses/classify.js';
import { licenseData } from '../licenses/table.js';

function label(l: LicenseRef): string {
  return l.spdx ?? l.name ?? 'unknown';
}

function fill(template: string, asset: Asset, l?: LicenseRef): string {
  return template.replace('{name}', asset.name).replace('{license}', l ? label(l) : '');
}

function locationOf(asset: Asset): Finding['location'] {
  return asset.locations[0] ?? { path: asset.key.replace(/^file:/, '') };
}

export function enrichLicenses(inv: { assets: Asset[] }): { findings: Finding[] } {
  const data = licenseData();
  const findings: Finding[] = [];
  for (const asset of inv.assets) {
    if (asset.partial) continue;
    const licenses = (asset.licenses ?? []).map(classifyLicense);
    if (asset.licenses) asset.licenses = licenses;
    const restrictions = [...new Set(licenses.map(licenseRestrictions).filter((r): r is string => !!r))];
    if (restrictions.length > 0) asset.properties = { ...asset.properties, 'aibom:license-restrictions': restrictions };
    if (licenses.length === 0) {
      const m = data.missing;
      // a part (a file of a model folder, an archive member) is covered by what contains it
      if (m.kinds.includes(asset.kind) && !(asset.kind === 'model' && !asset.present) && !asset.parent) {
        findings.push({
          ruleId: m.ruleId,
          severity: m.severity,
          title: fill(m.title, asset),
          message: `No license was found for ${asset.name} in its card, metadata or LICENSE file.`,
          location: locationOf(asset),
          subject: asset.key,
          recommendation: m.recommendation,
          detector: 'enrich/licenses',
          category: 'license',
        });
      }
      continue;
    }
    for (const l of licenses) {
      const rule = data.findings.find((r) => r.category === l.category);
      if (!rule || (rule.kinds.length > 0 && !rule.kinds.includes(asset.kind))) continue;
      const restriction = licenseRestrictions(l);
      findings.push({
        ruleId: rule.ruleId,
        severity: rule.severity,
        title: fill(rule.title, asset, l),
        message: `${asset.name} is licensed under ${label(l)}${l.url ? ` (${l.url})` : ''}, category ${l.category}${restriction ? `; notable restrictions: ${restriction}` : ''}.`,
        location: locationOf(asset),
        subject: asset.key,
        recommendation: rule.recommendation,
        detector: 'enrich/licenses',
        category: 'license',
        properties: { 'aibom:license-category': l.category ?? 'unknown', ...(l.source ? { 'aibom:license-source': l.source } : {}) },
      });
    }
  }
  return { findings };
}
