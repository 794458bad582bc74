// Every MCP rule's must-match and must-not-match cases (detectors/mcp/rules.yml).
import { stringify as toToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { analyseMcpConfig } from '../../detectors/mcp/analyse.js';
import { clientForPath } from '../../detectors/mcp/clients.js';
import { mcpRules } from '../../detectors/mcp/rules.js';

function ruleIds(path: string, config: unknown): string[] {
  const client = clientForPath(path);
  if (!client) throw new Error(`no client for ${path}`);
  const text =
    client.format === 'toml' ? toToml(config as Record<string, unknown>) : client.format === 'yaml' ? toYaml(config) : JSON.stringify(config, null, 2);
  const a = analyseMcpConfig(text, client);
  if (!a.ok) throw new Error(a.error);
  return a.hits.map((h) => h.rule.id);
}

describe('MCP rules cases', () => {
  const rules = mcpRules();
  it('has rules, each with both kinds of cases', () => {
    expect(rules.length).toBeGreaterThanOrEqual(11);
    for (const r of rules) {
      expect(r.cases.match.length, r.id).toBeGreaterThan(0);
      expect(r.cases.noMatch.length, r.id).toBeGreaterThan(0);
    }
  });
  for (const r of rules) {
    r.cases.match.forEach((c, i) => {
      it(`${r.id} matches case ${i + 1}`, () => expect(ruleIds(c.path, c.config)).toContain(r.id));
    });
    r.cases.noMatch.forEach((c, i) => {
      it(`${r.id} does not match case ${i + 1}`, () => expect(ruleIds(c.path, c.config)).not.toContain(r.id));
    });
  }
});
