// Model ids are attributed to the providers present in a file (occurrences.ts). The attribution is computed once
// per file; this checks it against the direct per-model search it replaced, on random files, and that a file
// with thousands of model ids and provider URLs stays fast.
import { describe, expect, it } from 'vitest';
import { rng } from '../helpers/rng.js';
import { buildServices, type ModelSighting, type Occurrence, type Via } from '../../detectors/shadow-ai/occurrences.js';
import { loadProviders, providerForModel, type Provider } from '../../detectors/shadow-ai/providers.js';

const MODEL_KINDS = new Set(['inference', 'gateway', 'local']);

/** the per-model search buildServices used to make */
function attributeDirectly(m: ModelSighting, occs: Occurrence[]): Provider | undefined {
  const present = occs.filter((o) => MODEL_KINDS.has(o.provider.kind));
  if (present.length === 0) return undefined;
  const byPattern = providerForModel(m.model);
  if (byPattern && present.some((o) => o.provider.id === byPattern.id)) return byPattern;
  if (new Set(present.map((o) => o.provider.id)).size === 1) return present[0].provider;
  const gateway = present.find((o) => o.provider.kind === 'gateway');
  if (m.model.includes('/') && gateway) return gateway.provider;
  const before = present.filter((o) => o.line <= m.line).sort((a, b) => b.line - a.line);
  return (before[0] ?? present[0]).provider;
}

describe('model attribution', () => {
  const providers = loadProviders();
  const models = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'anthropic/claude-3.5-sonnet', 'mistral-large-latest', 'llama3', 'gemini-1.5-pro', 'my-model', 'meta-llama/Llama-3-8b'];
  const vias: Via[] = ['url', 'sdk', 'env', 'config'];

  it('gives what the direct search gave, on 3000 random files', () => {
    const next = rng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    for (let file = 0; file < 3000; file++) {
      const pool = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(providers));
      const occs: Occurrence[] = Array.from({ length: Math.floor(next() * 8) }, () => ({ provider: pick(pool), line: 1 + Math.floor(next() * 12), via: pick(vias) }));
      const sightings: ModelSighting[] = Array.from({ length: Math.floor(next() * 6) }, () => ({ model: pick(models), line: 1 + Math.floor(next() * 14) }));
      const want = new Map<string, Set<string>>();
      for (const m of sightings) {
        const p = attributeDirectly(m, occs);
        if (p) want.set(p.id, (want.get(p.id) ?? new Set()).add(m.model));
      }
      const got = buildServices('f.py', 'test', occs, sightings);
      for (const svc of got) expect({ file, svc: svc.key, models: svc.models ?? [] }).toEqual({ file, svc: svc.key, models: [...(want.get(svc.key.slice('service:'.length)) ?? [])].sort() });
    }
  });

  it('stays linear with thousands of model ids and URLs in one file', () => {
    const openai = providers.find((p) => p.id === 'openai')!;
    const anthropic = providers.find((p) => p.id === 'anthropic')!;
    const occs: Occurrence[] = [];
    const sightings: ModelSighting[] = [];
    for (let i = 1; i <= 25_000; i++) {
      occs.push({ provider: i % 2 ? openai : anthropic, line: i, via: 'config' });
      sightings.push({ model: `custom-${i % 7}`, line: i });
    }
    // 25 000 x 25 000 steps before: over a minute, past vitest's timeout
    const got = buildServices('settings.json', 'test', occs, sightings);
    expect(got.map((s) => [s.key, s.models?.length])).toEqual([
      ['service:anthropic', 7],
      ['service:openai', 7],
    ]);
  });
});
