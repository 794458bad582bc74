// What Dependency-Track needs to know about the BOM before the upload: is it CycloneDX, which
// spec version. Reads only the text it is given; JSON is parsed, XML is sniffed by namespace.
import { UsageError } from '../util/errors.js';

export interface BomSpec {
  format: 'json' | 'xml';
  specVersion: string;
}

export function bomSpecOf(text: string, label: string): BomSpec {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('<')) {
    const m = /xmlns(?::\w+)?="http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)"/.exec(t.slice(0, 4096));
    if (!m) throw new UsageError(`${label} is XML but not a CycloneDX BOM (no CycloneDX namespace).`);
    return { format: 'xml', specVersion: m[1] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(t);
  } catch (e) {
    throw new UsageError(`${label} is not valid JSON: ${(e as Error).message}.`);
  }
  const d = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {};
  if (d.bomFormat !== 'CycloneDX' || typeof d.specVersion !== 'string') {
    throw new UsageError(`${label} is not a CycloneDX BOM (no "bomFormat": "CycloneDX" and "specVersion").`);
  }
  return { format: 'json', specVersion: d.specVersion };
}

/** Dependency-Track 4.x and 5.0 reject CycloneDX 1.7; aibom writes 1.6 unless asked. */
export function checkSpecForDependencyTrack(spec: BomSpec, label: string, allow17: boolean): void {
  if (spec.specVersion === '1.7' && !allow17) {
    throw new UsageError(
      `${label} is CycloneDX 1.7, which Dependency-Track 4.x and 5.0 reject. Rescan with "--spec-version 1.6" ` +
        '(the default), or pass --allow-spec-1.7 if your server accepts 1.7.',
    );
  }
  if (!['1.7', '1.6', '1.5', '1.4', '1.3', '1.2'].includes(spec.specVersion)) {
    throw new UsageError(`${label} is CycloneDX ${spec.specVersion}, which Dependency-Track does not accept.`);
  }
}
