// The polyglot fixture repo: every language, true positives and traps. Recall >= 95%, no false positives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ServiceAsset } from '../../src/inventory/types.js';
import { runOnFolder, type RunResult } from './run-detectors.js';

const ROOT = 'fixtures/shadow-ai/polyglot';

interface Expected {
  expected: { kind: 'service' | 'model' | 'finding'; key: string; path: string; line: number }[];
  serviceModels: Record<string, string[]>;
  authenticated: string[];
}

const exp = JSON.parse(readFileSync(`${ROOT}/EXPECTED.json`, 'utf8')) as Expected;
const id = (kind: string, key: string, path: string, line: number | undefined) => `${kind} ${key} ${path}:${line ?? '?'}`;

function reported(r: RunResult): Set<string> {
  const out = new Set<string>();
  for (const a of r.assets) {
    const kind = a.kind === 'service' ? 'service' : a.kind === 'model' ? 'model' : a.kind;
    for (const l of a.locations) out.add(id(kind, a.key, l.path, l.line));
  }
  for (const f of r.findings) out.add(id('finding', f.ruleId, f.location.path, f.location.line));
  return out;
}

describe('polyglot fixture repo', async () => {
  const run = await runOnFolder(ROOT, (rel) => rel === 'EXPECTED.json' || rel === 'SOURCE');
  const got = reported(run);
  const want = new Set(exp.expected.map((e) => id(e.kind, e.key, e.path, e.line)));

  it('covers every language and config kind of the issue', () => {
    const paths = new Set(exp.expected.map((e) => e.path.split('/')[0]));
    for (const p of ['python', 'js', 'ts', 'go', 'java', 'kotlin', 'csharp', 'rust', 'ruby', 'notebooks', '.env', 'docker-compose.yml', 'k8s', 'terraform']) {
      expect(paths.has(p), p).toBe(true);
    }
  });

  it('finds at least 95% of the expected results', () => {
    const missed = [...want].filter((w) => !got.has(w));
    const recall = (want.size - missed.length) / want.size;
    expect(recall, `missed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('reports nothing that is not expected (comments, Markdown, placeholders, lookalikes, wrong lengths)', () => {
    const extra = [...got].filter((g) => !want.has(g));
    expect(extra).toEqual([]);
  });

  it('records model ids on the services', () => {
    const models = new Map<string, Set<string>>();
    for (const a of run.assets) {
      if (a.kind !== 'service') continue;
      const s = models.get(a.key) ?? new Set<string>();
      for (const m of (a as ServiceAsset).models ?? []) s.add(m);
      models.set(a.key, s);
    }
    for (const [key, ms] of Object.entries(exp.serviceModels)) expect([...(models.get(key) ?? [])].sort(), key).toEqual([...ms].sort());
  });

  it('marks services authenticated, outbound and across the trust boundary', () => {
    const services = run.assets.filter((a): a is ServiceAsset => a.kind === 'service');
    for (const key of exp.authenticated) expect(services.some((s) => s.key === key && s.authenticated), key).toBe(true);
    for (const s of services) {
      expect(s.trustBoundary).toBe(true);
      expect(s.properties?.['aibom:service:data-flow']).toBe('outbound');
    }
  });

  it('never stores a key: findings carry only the redacted form and a SHA-256', () => {
    const text = JSON.stringify(run);
    const keys = readFileSync(`${ROOT}/.env`, 'utf8').match(/=(\S{30,})/g) ?? [];
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(text.includes(k.slice(1))).toBe(false);
    for (const f of run.findings.filter((x) => x.category === 'secret')) {
      expect(f.properties?.['aibom:secret:sha256']).toMatch(/^[0-9a-f]{64}$/);
      expect(f.properties?.['aibom:secret:redacted']).toMatch(/\*\*\*\*.{4}$/);
      expect(f.subject).toBe(`file:${f.location.path}`);
      expect(f.severity).toBe('high');
    }
  });

  it('raises no warnings on well-formed input', () => {
    expect(run.warnings).toEqual([]);
  });
});
