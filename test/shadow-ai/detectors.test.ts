// Unit behaviour of the shadow-AI detectors: SDK defaults and base URLs, env var names, file
// selection, and hostile or malformed input (a warning naming the file, never a crash).
import { describe, expect, it } from 'vitest';
import { aiKeyDetector, modelRefDetector, shadowAiConfigDetector, shadowAiDetectors, shadowAiEndpointDetector } from '../../detectors/shadow-ai/index.js';
import { MAX_HITS } from '../../detectors/secrets/find-keys.js';
import { memoryFile } from '../../src/detect/memory-file.js';
import type { ServiceAsset } from '../../src/inventory/types.js';
import { ctx } from './run-detectors.js';

async function services(path: string, code: string): Promise<ServiceAsset[]> {
  const f = memoryFile(path, code);
  const d = shadowAiEndpointDetector.wants(f) ? shadowAiEndpointDetector : shadowAiConfigDetector;
  const r = await d.detect(f, ctx);
  return (r.assets ?? []) as ServiceAsset[];
}

const FAKE_ANTHROPIC = `sk-ant-api03-${'FAKE0TEST1aB2cD3eF4gH5iJ6kL7mN8oP9qR'.repeat(3).slice(0, 93)}AA`;

describe('SDK clients and base URLs', () => {
  it('an SDK client without a base URL is its default provider', async () => {
    const s = await services('a.py', 'from openai import OpenAI\nclient = OpenAI()\n');
    expect(s.map((x) => x.key)).toEqual(['service:openai']);
    expect(s[0].locations).toEqual([{ path: 'a.py', line: 2 }]);
    expect(s[0].provider).toBe('OpenAI');
  });
  it('the base URL decides the provider; an unknown host is an OpenAI-compatible endpoint', async () => {
    const groq = await services('a.ts', "const c = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' });\n");
    expect(groq.map((x) => x.key)).toEqual(['service:groq']);
    const corp = await services('b.py', 'c = OpenAI(base_url="https://llm.corp.example/v1", api_key=k)\n');
    expect(corp.map((x) => x.key)).toEqual(['service:openai-compatible']);
    expect(corp[0].endpoints).toEqual(['https://llm.corp.example/v1']);
    expect(corp[0].authenticated).toBe(true);
  });
  it('a local SDK pointed at another host stays that provider', async () => {
    const s = await services('c.py', 'from ollama import Client\nllm = Ollama(host="http://gpu-box:11434")\n');
    expect(s.map((x) => [x.key, x.endpoints])).toEqual([['service:ollama', ['http://gpu-box:11434']]]);
  });
  it('env var names show configured providers; shared names alone do not', async () => {
    const s = await services('d.py', 'import os\nkey = os.getenv("MISTRAL_API_KEY")\n');
    expect(s.map((x) => [x.key, x.authenticated, x.properties?.['aibom:service:env']])).toEqual([['service:mistral', true, ['MISTRAL_API_KEY']]]);
    expect(await services('e.py', 'import os\ntok = os.environ["HF_TOKEN"]\nregion = os.environ["AWS_REGION"]\n')).toEqual([]);
  });
  it('URLs in comments, docstrings and prose-like strings of other hosts are not calls', async () => {
    const s = await services('f.go', 'package x\n// https://api.openai.com/v1/chat/completions\n/* https://api.anthropic.com/v1/messages */\nvar u = "https://openai.com/blog"\n');
    expect(s).toEqual([]);
  });
});

describe('file selection', () => {
  it('wants() looks at names only and skips documentation and lockfiles', () => {
    const doc = memoryFile('README.md', 'https://api.openai.com/v1/chat/completions');
    const lock = memoryFile('package-lock.json', '{}');
    for (const d of shadowAiDetectors) {
      expect(d.wants(doc), d.id).toBe(false);
      expect(d.wants(lock), d.id).toBe(false);
      expect(d.scansDependencies, d.id).toBe(false);
    }
    expect(shadowAiConfigDetector.wants(memoryFile('.env.production', ''))).toBe(true);
    expect(shadowAiConfigDetector.wants(memoryFile('infra/main.tf', ''))).toBe(true);
    expect(shadowAiEndpointDetector.wants(memoryFile('app/Main.kt', ''))).toBe(true);
    expect(modelRefDetector.wants(memoryFile('ollama/Modelfile', ''))).toBe(true);
  });
});

describe('hostile and malformed input', () => {
  it('a truncated notebook or malformed YAML is a warning naming the file', async () => {
    const nb = await shadowAiEndpointDetector.detect(memoryFile('n.ipynb', '{"cells": [{"cell_type": "code", "source": ["x = \\"https://api.openai.com/v1'), ctx);
    expect(nb.warnings?.[0].path).toBe('n.ipynb');
    expect(nb.warnings?.[0].message).toMatch(/n\.ipynb .*notebook/);
    const y = await shadowAiConfigDetector.detect(memoryFile('c.yaml', 'a: [https://api.openai.com/v1\n  b: {'), ctx);
    expect(y.warnings?.[0].path).toBe('c.yaml');
  });
  it('deep nesting does not crash', async () => {
    const deep = `{"u": "https://api.openai.com/v1", "x": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    for (const d of [shadowAiConfigDetector, modelRefDetector, aiKeyDetector]) {
      const r = await d.detect(memoryFile('deep.json', deep), ctx);
      expect(r.assets?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });
  it('binary content is skipped', async () => {
    const bin = Buffer.concat([Buffer.from('x = "https://api.openai.com/v1"\n'), Buffer.alloc(64)]);
    for (const d of shadowAiDetectors) expect(await d.detect(memoryFile('b.py', bin), ctx)).toEqual({});
  });
  it('a file full of keys gives a bounded number of findings, fast', async () => {
    const text = `k = [\n${`"${FAKE_ANTHROPIC}",\n`.repeat(5000)}]\n`;
    const t = Date.now();
    const r = await aiKeyDetector.detect(memoryFile('keys.py', text), ctx);
    expect(r.findings?.length).toBe(MAX_HITS);
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(JSON.stringify(r).includes(FAKE_ANTHROPIC)).toBe(false);
  });
  it('long lines of key prefixes do not blow up the regexes', async () => {
    const text = `x = "${'sk-ant-api03-'.repeat(50_000)}"\n${'deepseek '.repeat(50_000)}\n`;
    const t = Date.now();
    const r = await aiKeyDetector.detect(memoryFile('p.py', text), ctx);
    expect(r.findings ?? []).toEqual([]);
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});

describe('SDK clients in other languages', () => {
  it('Go, Java and Ruby clients without a base URL are the default provider', async () => {
    expect((await services('m.go', 'package m\nvar c = anthropic.NewClient()\n')).map((x) => x.key)).toEqual(['service:anthropic']);
    expect((await services('M.java', 'class M { var c = OpenAIOkHttpClient.fromEnv(); }\n')).map((x) => x.key)).toEqual(['service:openai']);
    expect((await services('m.rb', 'client = OpenAI::Client.new\n')).map((x) => x.key)).toEqual(['service:openai']);
    expect((await services('n.go', 'package m\nvar c = openai.NewClient(option.WithBaseURL("https://api.deepseek.com"))\n')).map((x) => x.key)).toEqual(['service:deepseek']);
  });
});

describe('builder chains and neighbouring statements', () => {
  it('a base URL in a builder chain overrides the default; one in the next statement does not', async () => {
    const java = 'class M { var c = OpenAIOkHttpClient.builder()\n    .baseUrl("https://api.groq.com/openai/v1")\n    .build(); }\n';
    expect((await services('J.java', java)).map((x) => x.key)).toEqual(['service:groq']);
    const py = 'a = OpenAI()\nb = Other(base_url=x)\n';
    expect((await services('p.py', py)).map((x) => x.key)).toEqual(['service:openai']);
  });
});
