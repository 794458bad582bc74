// Validates every BOM and SARIF document a test produces against the official schemas
// (copied into fixtures/schemas with their SOURCE), offline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { AjvDraft04, addFormats } from './ajv-cjs.js';
import { validateXML, memoryPages } from 'xmllint-wasm';

const DIR = join(import.meta.dirname, '../../fixtures/schemas');
const read = (n: string) => readFileSync(join(DIR, n), 'utf8');
const json = (n: string) => JSON.parse(read(n)) as Record<string, unknown>;

type Validate = ((d: unknown) => boolean) & { errors?: unknown };
const cdx = new Map<string, Validate>();

function cdxValidator(version: '1.6' | '1.7'): Validate {
  let v = cdx.get(version);
  if (!v) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    ajv.addFormat('iri-reference', true);
    ajv.addFormat('idn-email', true);
    ajv.addSchema(json('spdx.schema.json'), 'spdx.schema.json');
    ajv.addSchema(json('jsf-0.82.schema.json'), 'jsf-0.82.schema.json');
    ajv.addSchema(json('cryptography-defs.schema.json'), 'cryptography-defs.schema.json');
    v = ajv.compile(json(`bom-${version}.schema.json`)) as Validate;
    cdx.set(version, v);
  }
  return v;
}

export function cycloneDxJsonErrors(doc: unknown, version: '1.6' | '1.7' = '1.6'): string[] {
  const v = cdxValidator(version);
  if (v(doc)) return [];
  return ((v.errors as { instancePath: string; message?: string }[]) ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export async function cycloneDxXmlErrors(xml: string, version: '1.6' | '1.7' = '1.6'): Promise<string[]> {
  const xsd = read(`bom-${version}.xsd`).replace('schemaLocation="http://cyclonedx.org/schema/spdx"', 'schemaLocation="spdx.xsd"');
  const result = await validateXML({
    xml: [{ fileName: 'bom.xml', contents: xml }],
    schema: [{ fileName: `bom-${version}.xsd`, contents: xsd }],
    preload: [{ fileName: 'spdx.xsd', contents: read('spdx.xsd') }],
    maxMemoryPages: memoryPages.GiB,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

let sarif: Validate | undefined;
export function sarifErrors(doc: unknown): string[] {
  if (!sarif) {
    const ajv = new AjvDraft04({ strict: false, allErrors: true });
    addFormats(ajv);
    sarif = ajv.compile(json('sarif-schema-2.1.0.json')) as Validate;
  }
  if (sarif(doc)) return [];
  return ((sarif.errors as { instancePath: string; message?: string }[]) ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Golden files never hold run-dependent values. */
export function normaliseBom(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown> & { metadata?: Record<string, unknown> };
  delete copy.serialNumber;
  if (copy.metadata) {
    delete copy.metadata.timestamp;
    const tools = copy.metadata.tools as { components?: { version?: string }[] } | undefined;
    for (const t of tools?.components ?? []) t.version = '<version>';
  }
  return copy;
}
