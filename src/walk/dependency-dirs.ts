// Installed dependencies (node_modules, site-packages, .venv, vendor) are part of the supply chain:
// model and dataset detectors look inside them and record which package shipped the file.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const DEP_DIR_NAMES = new Set(['node_modules', 'site-packages', 'dist-packages', '.venv', 'venv', 'vendor', 'bower_components', '.tox']);

export function isDependencyDirName(name: string): boolean {
  return DEP_DIR_NAMES.has(name);
}

/** For a relative path, the dependency folder it lies under and the first package folder inside it. */
export function dependencyContext(rel: string): { dir: string; packageDir?: string } | undefined {
  const parts = rel.split('/');
  let found = -1;
  for (let i = parts.length - 2; i >= 0; i--) {
    if (DEP_DIR_NAMES.has(parts[i])) {
      found = i;
      break;
    }
  }
  if (found < 0) return undefined;
  const dir = parts.slice(0, found + 1).join('/');
  const depName = parts[found];
  let pkgParts: string[] | undefined;
  if (depName === 'node_modules') {
    const first = parts[found + 1];
    if (first && found + 1 < parts.length - 1) pkgParts = first.startsWith('@') && found + 2 < parts.length - 1 ? [first, parts[found + 2]] : [first];
  } else if (depName === 'site-packages' || depName === 'dist-packages') {
    const first = parts[found + 1];
    if (first && found + 1 < parts.length - 1) pkgParts = [first];
  } else if (depName === 'vendor') {
    // Go modules vendor/<host>/<org>/<repo>, Ruby vendor/bundle/...: the first two levels name the package
    const first = parts[found + 1];
    if (first && found + 1 < parts.length - 1) pkgParts = [first];
  }
  return { dir, packageDir: pkgParts ? [...parts.slice(0, found + 1), ...pkgParts].join('/') : undefined };
}

/** Reads name@version of the package that owns `packageDir` (relative), from package.json or *.dist-info/METADATA. */
export async function readOwner(root: string, packageDir: string): Promise<string | undefined> {
  const abs = join(root, packageDir);
  try {
    const pkg = JSON.parse(await readFile(join(abs, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
    if (typeof pkg.name === 'string') return typeof pkg.version === 'string' ? `${pkg.name}@${pkg.version}` : pkg.name;
  } catch {
    /* not an npm package */
  }
  // Python: site-packages/<module>/ is owned by a sibling <dist>-<version>.dist-info whose top_level.txt or name matches
  const slash = packageDir.lastIndexOf('/');
  const parent = join(root, packageDir.slice(0, slash));
  const mod = packageDir.slice(slash + 1).toLowerCase().replace(/[-_.]+/g, '_');
  try {
    const entries = await readdir(parent);
    for (const e of entries) {
      if (!e.endsWith('.dist-info')) continue;
      const m = /^(.+?)-([^-]+)\.dist-info$/.exec(e);
      if (!m) continue;
      const distName = m[1].toLowerCase().replace(/[-_.]+/g, '_');
      let matches = distName === mod;
      if (!matches) {
        try {
          const top = await readFile(join(parent, e, 'top_level.txt'), 'utf8');
          matches = top.split(/\r?\n/).some((l) => l.trim().toLowerCase() === mod);
        } catch {
          /* no top_level.txt */
        }
      }
      if (!matches) continue;
      try {
        const meta = await readFile(join(parent, e, 'METADATA'), 'utf8');
        const name = /^Name:\s*(.+)$/m.exec(meta)?.[1]?.trim();
        const version = /^Version:\s*(.+)$/m.exec(meta)?.[1]?.trim();
        if (name) return version ? `${name}@${version}` : name;
      } catch {
        return `${m[1]}@${m[2]}`;
      }
      return `${m[1]}@${m[2]}`;
    }
  } catch {
    /* unreadable */
  }
  return undefined;
}
