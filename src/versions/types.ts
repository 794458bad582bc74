// A version ordering for one package ecosystem. `compare` is only called on versions that
// `valid` accepted; an ordering never throws for a malformed string.
export interface VersionOrder {
  /** the OSV ecosystem name this ordering serves */
  ecosystem: string;
  valid(version: string): boolean;
  /** negative when a < b, zero when equal, positive when a > b */
  compare(a: string, b: string): number;
  /** the version to evaluate advisories with (PyPI: the public version, local label dropped) */
  matchVersion?(version: string): string;
}
