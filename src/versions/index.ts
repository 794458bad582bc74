// The version ordering for an OSV ecosystem name ("PyPI", "npm", "Debian:12" -> base name).
import { goOrder } from './go.js';
import { mavenOrder } from './maven.js';
import { nugetOrder } from './nuget.js';
import { pep440Order } from './pep440.js';
import { rubygemsOrder } from './rubygems.js';
import { semverOrder } from './semver.js';
import type { VersionOrder } from './types.js';

export type { VersionOrder } from './types.js';

const ORDERS: Record<string, VersionOrder> = {
  pypi: pep440Order,
  npm: semverOrder('npm'),
  'crates.io': semverOrder('crates.io'),
  go: goOrder,
  maven: mavenOrder,
  nuget: nugetOrder,
  rubygems: rubygemsOrder,
};

/** the ordering for an ecosystem, or undefined when versions of that ecosystem cannot be ordered */
export function orderFor(ecosystem: string): VersionOrder | undefined {
  return ORDERS[ecosystem.split(':')[0].toLowerCase()];
}

export const SUPPORTED_ECOSYSTEMS = ['PyPI', 'npm', 'Go', 'Maven', 'crates.io', 'NuGet', 'RubyGems'] as const;
