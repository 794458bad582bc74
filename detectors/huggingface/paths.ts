// Display-path helpers shared by the Hugging Face and dataset detectors, and the repo id that the
// Hugging Face cache layout (`models--org--name/snapshots/<revision>/...`) carries.
import { PackageURL } from 'packageurl-js';

/** folder part of a display path; '.' for files at the scan root */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

export function joinPath(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** last segment of a folder path, without an archive marker; undefined for the scan root */
export function folderName(dir: string): string | undefined {
  if (dir === '.') return undefined;
  const last = dir.slice(dir.lastIndexOf('/') + 1).replace(/!$/, '');
  return last.length > 0 ? last : undefined;
}

export interface HubId {
  repoType: 'model' | 'dataset';
  org?: string;
  name: string;
  revision?: string;
}

const CACHE_RE = /(?:^|\/)(models|datasets)--([^/]+)\/snapshots\/([0-9a-f]{40})(?:\/|$)/;

/** the repo id of a folder inside a Hugging Face hub cache, when the path has that layout */
export function hubIdFromPath(dir: string): HubId | undefined {
  const m = CACHE_RE.exec(dir);
  if (!m) return undefined;
  const parts = m[2].split('--');
  if (parts.length > 2 || parts.some((p) => p.length === 0)) return undefined;
  return {
    repoType: m[1] === 'models' ? 'model' : 'dataset',
    org: parts.length === 2 ? parts[0] : undefined,
    name: parts[parts.length - 1],
    revision: m[3],
  };
}

const REPO_ID_RE = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

/** `org/name` as a HubId when it is shaped like a hub repo id */
export function hubIdFromString(id: string, repoType: 'model' | 'dataset'): HubId | undefined {
  if (!REPO_ID_RE.test(id) || id.includes('..')) return undefined;
  const [org, name] = id.split('/');
  return { repoType, org, name };
}

export function hubDisplayId(id: HubId): string {
  return id.org ? `${id.org}/${id.name}` : id.name;
}

/** pkg:huggingface/<org>/<name>[@revision] (models only: the purl type has no dataset flavour) */
export function hubPurl(id: HubId): string | undefined {
  if (id.repoType !== 'model') return undefined;
  return new PackageURL('huggingface', id.org, id.name, id.revision, undefined, undefined).toString();
}

export function hubUrl(id: HubId): string {
  return `https://huggingface.co/${id.repoType === 'dataset' ? 'datasets/' : ''}${hubDisplayId(id)}`;
}
