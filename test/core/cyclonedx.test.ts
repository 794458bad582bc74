import { describe, expect, it } from 'vitest';
import { toCycloneDxObject } from '../../src/emit/cyclonedx/json.js';
import { toCycloneDxXml } from '../../src/emit/cyclonedx/xml.js';
import { cycloneDxJsonErrors, cycloneDxXmlErrors, normaliseBom } from '../helpers/schema.js';
import { sampleInventory } from './sample-inventory.js';

const NOW = new Date('2026-01-02T03:04:05Z');

type J = Record<string, any>;

describe('CycloneDX emitter', () => {
  for (const version of ['1.6', '1.7'] as const) {
    it(`JSON ${version} is valid against the official schema`, () => {
      const doc = toCycloneDxObject(sampleInventory(), version, { now: NOW });
      expect(cycloneDxJsonErrors(doc, version)).toEqual([]);
      expect(doc.specVersion).toBe(version);
    });
    it(`XML ${version} is valid against the official XSD`, async () => {
      const xml = toCycloneDxXml(sampleInventory(), version, { now: NOW });
      expect(await cycloneDxXmlErrors(xml, version)).toEqual([]);
      expect(xml).toContain('<modelCard>');
      expect(xml).toContain('<endpoint>https://api.openai.com/v1/chat/completions</endpoint>');
      expect(xml).toContain('<classification flow="outbound">');
      expect(xml).toMatch(/<data>\s*<type>dataset<\/type>/);
    });
  }

  it('writes the AI-BOM extras the library does not model', () => {
    const doc = toCycloneDxObject(sampleInventory(), '1.6', { now: NOW }) as J;
    const folder = doc.components.find((c: J) => c['bom-ref'] === 'folder:models/bert');
    expect(folder.type).toBe('machine-learning-model');
    expect(folder.purl).toBe('pkg:huggingface/prajjwal1/bert-tiny');
    expect(folder.modelCard.modelParameters).toMatchObject({ task: 'fill-mask', architectureFamily: 'bert', modelArchitecture: 'BertForMaskedLM' });
    // the dataset the card names is referenced by bom-ref when it is in the BOM
    expect(folder.modelCard.modelParameters.datasets).toContainEqual({ ref: 'file:data/imdb.parquet' });
    expect(folder.modelCard.modelParameters.datasets).toContainEqual({ type: 'dataset', name: 'wiki' });
    // child weight file nests under the folder model
    expect(folder.components.map((c: J) => c['bom-ref'])).toEqual(['file:models/bert/model.safetensors']);
    const child = folder.components[0];
    expect(child.hashes).toEqual([{ alg: 'SHA-256', content: 'a'.repeat(64) }]);
    expect(child.properties).toContainEqual({ name: 'aibom:warning', value: 'header declares 3 tensors but lists 2' });
    const ds = doc.components.find((c: J) => c['bom-ref'] === 'file:data/imdb.parquet');
    expect(ds.type).toBe('data');
    expect(ds.data).toEqual([{ type: 'dataset', name: 'imdb', contents: { url: 'data/imdb.parquet' }, classification: 'public' }]);
    const svc = doc.services[0];
    expect(svc).toMatchObject({ name: 'OpenAI API', authenticated: true, 'x-trust-boundary': true, endpoints: ['https://api.openai.com/v1/chat/completions'] });
    expect(svc.data).toEqual([{ flow: 'outbound', classification: 'AI prompts and responses' }]);
    expect(svc.properties).toContainEqual({ name: 'aibom:service:model', value: 'gpt-4o-mini' });
  });

  it('turns findings into vulnerabilities that affect their component', () => {
    const doc = toCycloneDxObject(sampleInventory(), '1.6', { now: NOW }) as J;
    const ghsa = doc.vulnerabilities.find((v: J) => v.id === 'GHSA-xxxx-yyyy-zzzz');
    expect(ghsa.affects).toEqual([{ ref: 'lib:pkg:pypi/transformers@4.30.0', versions: [{ version: '4.30.0', status: 'affected' }] }]);
    expect(ghsa.ratings[0]).toMatchObject({ score: 8.8, method: 'CVSSv31', severity: 'high' });
    expect(ghsa.references.map((r: J) => r.id).sort()).toEqual(['CVE-2023-1234', 'PYSEC-2023-1']);
    const secret = doc.vulnerabilities.find((v: J) => v.id === 'AIBOM-SECRET-OPENAI');
    // a finding without an asset affects the scanned project itself
    expect(secret.affects).toEqual([{ ref: 'aibom:root' }]);
    expect(secret.properties).toContainEqual({ name: 'aibom:finding:location', value: 'app.py:5' });
  });

  it('is deterministic apart from timestamp and serial number', () => {
    const a = normaliseBom(toCycloneDxObject(sampleInventory(), '1.6', { now: NOW }));
    const inv = sampleInventory();
    inv.assets.reverse();
    inv.findings.reverse();
    const b = normaliseBom(toCycloneDxObject(inv, '1.6', { now: new Date() }));
    expect(b).toEqual(a);
  });
});
