// Package names normalised per ecosystem so that lookups match however a manifest spells them.
export function normalizeEcosystem(ecosystem: string): string {
  return ecosystem.split(':')[0].trim().toLowerCase();
}

export function normalizeName(ecosystem: string, name: string): string {
  const eco = normalizeEcosystem(ecosystem);
  const n = name.trim();
  switch (eco) {
    case 'pypi':
      return n.toLowerCase().replace(/[-_.]+/g, '-'); // PEP 503
    case 'crates.io':
      return n.toLowerCase().replace(/_/g, '-');
    case 'npm':
    case 'nuget':
    case 'huggingface':
      return n.toLowerCase();
    default:
      return n; // Go, Maven, RubyGems: case-sensitive
  }
}
