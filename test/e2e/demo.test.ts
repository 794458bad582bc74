// End to end over the bundled demo: one scan, every output format valid against its official schema,
// a normalised golden BOM, and the facts a user relies on.
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { scan } from '../../src/index.js';
import { toCycloneDxObject } from '../../src/emit/cyclonedx/json.js';
import { toCycloneDxXml } from '../../src/emit/cyclonedx/xml.js';
import { toSarifObject } from '../../src/emit/sarif.js';
import { toInventoryJson } from '../../src/emit/inventory-json.js';
import type { Inventory } from '../../src/inventory/types.js';
import { cycloneDxJsonErrors, cycloneDxXmlErrors, normaliseBom, sarifErrors } from '../helpers/schema.js';

const NOW = new Date('2026-11-01T00:00:00Z');
const GOLDEN = 'test/e2e/golden/demo.cdx.json';
const FAKE_KEY = readFileSync('fixtures/demo/app/settings.py', 'utf8').match(/"(sk-ant-[^"]+)"/)![1];

type J = Record<string, any>;
let inv: Inventory;
let bom: J;

beforeAll(async () => {
  const r = await scan({ path: 'fixtures/demo', now: NOW });
  inv = r.inventory;
  bom = r.bom as J;
});

describe('demo scan', () => {
  it('writes valid CycloneDX 1.6 and 1.7 JSON and XML, valid SARIF', async () => {
    expect(cycloneDxJsonErrors(bom, '1.6')).toEqual([]);
    expect(cycloneDxJsonErrors(toCycloneDxObject(inv, '1.7', { now: NOW }), '1.7')).toEqual([]);
    expect(await cycloneDxXmlErrors(toCycloneDxXml(inv, '1.6', { now: NOW }), '1.6')).toEqual([]);
    expect(await cycloneDxXmlErrors(toCycloneDxXml(inv, '1.7', { now: NOW }), '1.7')).toEqual([]);
    expect(sarifErrors(toSarifObject(inv))).toEqual([]);
  });

  it('matches the normalised golden BOM', () => {
    const normalised = JSON.stringify(normaliseBom(bom), null, 2) + '\n';
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, normalised); // UPDATE_GOLDEN=1 npx vitest run test/e2e
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_GOLDEN=1 once and review it`).toBe(true);
    expect(normalised).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('finds the models with their formats, hashes and checks', () => {
    const byName = (n: string) => inv.assets.find((a) => a.name === n)!;
    const pkl = byName('legacy-classifier.pkl');
    expect(pkl.properties?.['aibom:serialization:verdict']).toBe('dangerous');
    expect(pkl.hashes?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(inv.findings.some((f) => f.ruleId === 'AIBOM-PICKLE-DANGEROUS-GLOBAL' && f.message.includes('posix') && f.subject === pkl.key)).toBe(true);
    expect(byName('tiny.gguf')).toMatchObject({ kind: 'model', format: 'gguf' });
    expect(byName('intent-classifier.onnx')).toMatchObject({ kind: 'model', format: 'onnx' });
    const folder = inv.assets.find((a) => a.key === 'folder:models/tiny-llama')!;
    expect(folder).toMatchObject({ kind: 'model', format: 'huggingface' });
    expect(inv.assets.find((a) => a.key === 'file:models/tiny-llama/model.safetensors')?.parent).toBe('folder:models/tiny-llama');
    const cdxFolder = bom.components.find((c: J) => c['bom-ref'] === 'folder:models/tiny-llama');
    expect(cdxFolder.modelCard.modelParameters.task).toBe('text-generation');
    expect(cdxFolder.components[0].hashes[0].alg).toBe('SHA-256');
  });

  it('finds providers, SDKs, vulnerable packages and MCP servers', () => {
    const providers = inv.assets.filter((a) => a.kind === 'service' && a.key.startsWith('service:')).map((a) => a.name).sort();
    expect(providers).toEqual(['Anthropic', 'Groq', 'Mistral AI']);
    const ids = new Set(inv.findings.map((f) => f.ruleId));
    for (const id of ['GHSA-6xpm-ggf7-wc3p', 'AIBOM-SECRET-ANTHROPIC', 'AIBOM-TRUST-REMOTE-CODE', 'AIBOM-AGENT-HIDDEN-UNICODE', 'AIBOM-MCP-BROAD-FS']) {
      expect(ids.has(id), id).toBe(true);
    }
    const transformersVulns = bom.vulnerabilities.filter((v: J) => v.affects.some((a: J) => String(a.ref).includes('pkg:pypi/transformers@4.30.0')));
    expect(transformersVulns.length).toBeGreaterThan(0);
  });

  it('never writes the secret, only its redacted form', () => {
    for (const text of [JSON.stringify(bom), toCycloneDxXml(inv, '1.6', { now: NOW }), JSON.stringify(toSarifObject(inv)), toInventoryJson(inv, NOW)]) {
      expect(text).not.toContain(FAKE_KEY);
      expect(text).not.toContain(FAKE_KEY.slice(10, 40));
    }
    const secret = inv.findings.find((f) => f.ruleId === 'AIBOM-SECRET-ANTHROPIC')!;
    expect(JSON.stringify(secret)).toMatch(/\*\*\*\*/);
  });
});
