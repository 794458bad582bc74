// Reads a BOM file for `aibom diff`: bounded size, JSON parse errors and non-BOMs become UsageErrors
// that name the file (exit 2), never a crash.
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from '../util/errors.js';
import { toBomView, type BomView } from './bom-view.js';

/** larger inputs are refused: an AI-BOM of a big monorepo is a few MB */
export const MAX_BOM_BYTES = 256 * 1024 * 1024;

export async function readBomFile(path: string, label: string, maxBytes = MAX_BOM_BYTES): Promise<BomView> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new UsageError(`${label} is not a file.`);
    size = s.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${label}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  if (size > maxBytes) throw new UsageError(`${label} is ${size} bytes, more than the ${maxBytes}-byte limit for a BOM.`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${label}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  return parseBomText(text, label);
}

export function parseBomText(text: string, label: string): BomView {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<')) {
    throw new UsageError(`${label} is XML; aibom diff reads CycloneDX JSON. Write JSON with "aibom scan --format cyclonedx-json".`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(trimmed);
  } catch (e) {
    throw new UsageError(`${label} is not valid JSON: ${(e as Error).message}.`);
  }
  return toBomView(doc, label);
}
