export { classifyLicense, findLicense, licenseRestrictions, spdxIdCategory } from './classify.js';
export { licenseData, LICENSE_CATEGORIES, type LicenseCategory, type LicenseEntry } from './table.js';
