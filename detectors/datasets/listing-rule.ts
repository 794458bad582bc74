// The anti-flooding rule for text data files (listing-rule.yaml): pure, on path, size and location.
import type { FileRef } from '../../src/detect/types.js';
import { loadRuleYaml } from '../huggingface/rules.js';

interface ListingRule {
  minBytes: number;
  dataFolders: Set<string>;
}

let rule: ListingRule | undefined;

function listingRule(): ListingRule {
  if (rule) return rule;
  const d = loadRuleYaml('datasets', 'listing-rule.yaml');
  const folders = Array.isArray(d.dataFolders) ? d.dataFolders.filter((x): x is string => typeof x === 'string') : [];
  return (rule = { minBytes: typeof d.minBytes === 'number' ? d.minBytes : 4096, dataFolders: new Set(folders.map((s) => s.toLowerCase())) });
}

/** listed without looking at the folder: big enough, or in a data folder; never in dependencies */
export function listedByPathOrSize(file: Pick<FileRef, 'path' | 'size' | 'dependency'>): boolean {
  if (file.dependency) return false;
  const r = listingRule();
  if (file.size >= r.minBytes) return true;
  const folders = file.path.split('/').slice(0, -1).map((s) => s.toLowerCase().replace(/!$/, ''));
  return folders.some((s) => r.dataFolders.has(s) || s.startsWith('datasets--'));
}
