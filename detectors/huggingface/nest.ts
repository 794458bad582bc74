// After the walk: assets that lie under a folder asset (HF model folder, dataset folder) and have no
// parent yet get the deepest such folder as parent, through a partial the reducer merges.
import type { Asset } from '../../src/inventory/types.js';

function pathOfKey(key: string): string | undefined {
  const m = /^(file|folder):(.*)$/.exec(key);
  return m ? m[2] : undefined;
}

/** partials nesting every unparented `kind` asset under the deepest containing folder asset */
export function nestUnderFolders(assets: Asset[], kind: 'model' | 'dataset', isFolder: (a: Asset) => boolean, detector: string): Asset[] {
  const dirs = [...new Set(assets.filter((a) => a.kind === kind && !a.partial && a.key.startsWith('folder:') && isFolder(a)).map((a) => a.key.slice(7)))]
    .sort((a, b) => b.length - a.length); // deepest folder wins
  if (dirs.length === 0) return [];
  const parented = new Set(assets.filter((a) => a.parent !== undefined).map((a) => a.key));
  const out = new Map<string, Asset>();
  for (const a of assets) {
    if (a.kind !== kind || a.partial || parented.has(a.key) || out.has(a.key)) continue;
    const path = pathOfKey(a.key);
    if (path === undefined) continue;
    const dir = dirs.find((d) => d !== path && (d === '.' ? path !== '.' : path.startsWith(`${d}/`)));
    if (dir === undefined) continue;
    const base = { key: a.key, name: a.name, locations: [], partial: true, parent: `folder:${dir}`, detectors: [detector] };
    if (a.kind === 'model') out.set(a.key, { ...base, kind: 'model', format: a.format, present: a.present });
    else if (a.kind === 'dataset') out.set(a.key, { ...base, kind: 'dataset', format: a.format, present: a.present });
  }
  return [...out.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
