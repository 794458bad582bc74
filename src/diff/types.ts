// What `aibom diff` reports: the result of diffBoms(old, new), also its JSON output.

export interface ComponentSummary {
  ref: string;
  name: string;
  type: string;
  version?: string;
  purl?: string;
  /** aibom:model:format / aibom:dataset:format when present */
  format?: string;
  sha256?: string;
  licenses: string[];
  paths: string[];
}

/** The same path holds different content: possible tampering, shown first. */
export interface HashChange {
  path: string;
  ref: string;
  name: string;
  type: string;
  oldSha256: string;
  newSha256: string;
}

export interface VersionChange {
  ref: string;
  name: string;
  purl?: string;
  oldVersion?: string;
  newVersion?: string;
}

export interface LicenseChange {
  ref: string;
  name: string;
  type: string;
  old: string[];
  new: string[];
  added: string[];
  removed: string[];
}

export interface ServiceSummary {
  ref: string;
  name: string;
  provider?: string;
  endpoints: string[];
  models: string[];
}

export interface EndpointChange {
  url: string;
  /** the service (name) that lists it */
  service: string;
}

export interface VulnSummary {
  id: string;
  severity?: string;
  title?: string;
  /** display names of the affected components (or the location for project-level findings) */
  affects: string[];
  location?: string;
}

export interface AddedRemoved<T> {
  added: T[];
  removed: T[];
}

export interface BomDiff {
  old: { specVersion: string; components: number; services: number; vulnerabilities: number };
  new: { specVersion: string; components: number; services: number; vulnerabilities: number };
  hashChanges: HashChange[];
  models: AddedRemoved<ComponentSummary>;
  datasets: AddedRemoved<ComponentSummary>;
  libraries: AddedRemoved<ComponentSummary> & { versionChanged: VersionChange[] };
  otherComponents: AddedRemoved<ComponentSummary>;
  services: AddedRemoved<ServiceSummary>;
  endpoints: AddedRemoved<EndpointChange>;
  vulnerabilities: { added: VulnSummary[]; resolved: VulnSummary[] };
  licenses: { changed: LicenseChange[]; newIds: string[]; removedIds: string[] };
  /** parts of either BOM that could not be read (named by file) */
  warnings: string[];
}
