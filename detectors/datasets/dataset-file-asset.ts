// The DatasetAsset of one data file (`file:<path>`), with its facts as aibom:dataset:* properties.
import type { DatasetAsset } from '../../src/inventory/types.js';
import type { FileRef } from '../../src/detect/types.js';

export const MAX_LISTED_COLUMNS = 200;

export function datasetFile(
  file: FileRef,
  format: string,
  detector: string,
  props: Record<string, string | string[]>,
  warnings: string[] = [],
): DatasetAsset {
  return {
    key: `file:${file.path}`,
    kind: 'dataset',
    name: file.name,
    format,
    present: true,
    locations: [{ path: file.path }],
    properties: { 'aibom:dataset:format': format, ...props },
    detectors: [detector],
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** columns as aibom:dataset:columns / :schema / :column-count, capped at MAX_LISTED_COLUMNS */
export function columnProps(columns: { name: string; type?: string }[], total = columns.length): Record<string, string | string[]> {
  const shown = columns.slice(0, MAX_LISTED_COLUMNS);
  const props: Record<string, string | string[]> = { 'aibom:dataset:column-count': String(total) };
  if (shown.length > 0) props['aibom:dataset:columns'] = shown.map((c) => c.name);
  const typed = shown.filter((c) => c.type !== undefined);
  if (typed.length > 0) props['aibom:dataset:schema'] = typed.map((c) => `${c.name}: ${c.type}`);
  return props;
}
