import { describe, expect, it } from 'vitest';
import { toSarifObject } from '../../src/emit/sarif.js';
import { toMarkdown } from '../../src/emit/markdown.js';
import { renderTable } from '../../src/emit/table.js';
import { sarifErrors } from '../helpers/schema.js';
import { sampleInventory } from './sample-inventory.js';

type J = Record<string, any>;

describe('SARIF', () => {
  it('is valid SARIF 2.1.0 with one rule per finding type', () => {
    const doc = toSarifObject(sampleInventory()) as J;
    expect(sarifErrors(doc)).toEqual([]);
    const run = doc.runs[0];
    expect(run.tool.driver.rules.map((r: J) => r.id)).toEqual(['AIBOM-PICKLE-DANGEROUS-GLOBAL', 'AIBOM-SECRET-OPENAI', 'GHSA-xxxx-yyyy-zzzz']);
    const pickle = run.tool.driver.rules[0];
    expect(pickle.properties['security-severity']).toBe('9.5');
    expect(pickle.help.markdown).toMatch(/safetensors/);
    const secret = run.results.find((r: J) => r.ruleId === 'AIBOM-SECRET-OPENAI');
    expect(secret.level).toBe('error');
    expect(secret.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'app.py', uriBaseId: 'SRCROOT' }, region: { startLine: 5 } });
    expect(run.tool.driver.rules[secret.ruleIndex].id).toBe('AIBOM-SECRET-OPENAI');
  });

  it('keeps fingerprints stable when lines move and order changes', () => {
    const a = toSarifObject(sampleInventory()) as J;
    const inv = sampleInventory();
    inv.findings.reverse();
    for (const f of inv.findings) if (f.location.line) f.location.line += 10;
    const b = toSarifObject(inv) as J;
    const fp = (d: J) => Object.fromEntries(d.runs[0].results.map((r: J) => [r.ruleId, r.partialFingerprints['aibomFindingHash/v1']]));
    expect(fp(b)).toEqual(fp(a));
    expect(new Set(Object.values(fp(a))).size).toBe(3);
  });

  it('points archive members at the archive file', () => {
    const inv = sampleInventory();
    inv.findings[0].location = { path: 'bundle.tar.gz!/inner/model.pkl' };
    const doc = toSarifObject(inv) as J;
    const r = doc.runs[0].results.find((x: J) => x.ruleId === 'AIBOM-PICKLE-DANGEROUS-GLOBAL');
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('bundle.tar.gz');
    expect(r.message.text).toContain('archive member bundle.tar.gz!/inner/model.pkl');
  });
});

describe('Markdown and table', () => {
  it('summarises counts, models, providers and findings', () => {
    const md = toMarkdown(sampleInventory(), { policy: { passed: false, violations: [{ rule: 'forbid-formats', message: 'pickle is forbidden', path: 'm.pkl' }] } });
    expect(md).toContain('**Policy: failed** ❌ (1 violation)');
    expect(md).toContain('| Models | 2 |');
    expect(md).toContain('| critical | 1 |');
    expect(md).toMatch(/\| bert-tiny \| huggingface \| unsigned \| MIT, llama3.1 \|/);
    expect(md).toContain('| OpenAI API | OpenAI | https://api.openai.com/v1/chat/completions | gpt-4o-mini |');
    expect(md).toContain('`AIBOM-PICKLE-DANGEROUS-GLOBAL`');
  });

  it('renders a table with warnings and a summary line', () => {
    const t = renderTable(sampleInventory());
    expect(t).toContain('Models (2)');
    expect(t).toContain('! model.safetensors: header declares 3 tensors but lists 2');
    expect(t).toContain('CRITICAL');
    expect(t).toMatch(/aibom: 2 models, 1 datasets, 1 services, 1 libraries/);
    expect(t).not.toContain('\u001b[');
  });
});
