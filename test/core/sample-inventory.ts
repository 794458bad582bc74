// A hand-made inventory touching every asset kind and every CycloneDX extra aibom writes.
import type { Inventory } from '../../src/inventory/types.js';

export function sampleInventory(): Inventory {
  return {
    root: '/tmp/demo',
    rootName: 'demo',
    assets: [
      {
        key: 'folder:models/bert', kind: 'model', format: 'huggingface', present: true, name: 'bert-tiny',
        purl: 'pkg:huggingface/prajjwal1/bert-tiny', locations: [{ path: 'models/bert/config.json' }],
        licenses: [{ spdx: 'MIT' }, { name: 'llama3.1', url: 'https://llama.meta.com/llama3_1/license/' }],
        card: { task: 'fill-mask', architectureFamily: 'bert', modelArchitecture: 'BertForMaskedLM', datasets: ['imdb', 'wiki'], baseModel: ['google/bert'], languages: ['en'] },
        properties: { 'aibom:model:format': 'huggingface', 'aibom:model:parameters': '4386048' },
      },
      {
        key: 'file:models/bert/model.safetensors', kind: 'model', format: 'safetensors', present: true, name: 'model.safetensors',
        parent: 'folder:models/bert', hashes: { sha256: 'a'.repeat(64) }, size: 1234, locations: [{ path: 'models/bert/model.safetensors' }],
        warnings: ['header declares 3 tensors but lists 2'],
      },
      {
        key: 'file:data/imdb.parquet', kind: 'dataset', format: 'parquet', present: true, name: 'imdb', contentsUrl: 'data/imdb.parquet',
        classification: 'public', hashes: { sha256: 'b'.repeat(64) }, locations: [{ path: 'data/imdb.parquet' }],
        properties: { 'aibom:dataset:rows': '100' },
      },
      {
        key: 'lib:pkg:pypi/transformers@4.30.0', kind: 'library', ecosystem: 'PyPI', ai: true, name: 'transformers', version: '4.30.0',
        purl: 'pkg:pypi/transformers@4.30.0', locations: [{ path: 'requirements.txt', line: 3 }],
      },
      {
        key: 'service:openai', kind: 'service', name: 'OpenAI API', provider: 'OpenAI', endpoints: ['https://api.openai.com/v1/chat/completions'],
        authenticated: true, trustBoundary: true, models: ['gpt-4o-mini'], locations: [{ path: 'app.py', line: 10 }],
        properties: { 'aibom:service:data-flow': 'outbound' },
      },
      { key: 'container:pkg:docker/mcp/server', kind: 'container', name: 'mcp/server', purl: 'pkg:docker/mcp/server', locations: [{ path: '.mcp.json', line: 4 }] },
      { key: 'file:AGENTS.md', kind: 'file', role: 'agent-instructions', name: 'AGENTS.md', locations: [{ path: 'AGENTS.md' }] },
    ],
    findings: [
      {
        ruleId: 'AIBOM-PICKLE-DANGEROUS-GLOBAL', severity: 'critical', category: 'serialization', title: 'Pickle imports os.system',
        message: 'globals: posix.system', location: { path: 'models/bert/model.safetensors' }, subject: 'file:models/bert/model.safetensors',
        recommendation: 'Use safetensors.',
      },
      {
        ruleId: 'GHSA-xxxx-yyyy-zzzz', severity: 'high', category: 'vulnerability', title: 'Deserialization in transformers',
        message: 'details', location: { path: 'requirements.txt', line: 3 }, subject: 'lib:pkg:pypi/transformers@4.30.0',
        advisory: { id: 'GHSA-xxxx-yyyy-zzzz', aliases: ['CVE-2023-1234', 'PYSEC-2023-1'], source: { name: 'GitHub', url: 'https://github.com/advisories/GHSA-xxxx-yyyy-zzzz' },
          cvss: [{ vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', score: 8.8, method: 'CVSSv31' }], fixedVersions: ['4.36.0'], status: 'affected',
          published: '2023-05-01T00:00:00Z', references: ['https://nvd.nist.gov/vuln/detail/CVE-2023-1234'] },
      },
      {
        ruleId: 'AIBOM-SECRET-OPENAI', severity: 'high', category: 'secret', title: 'Hard-coded OpenAI key sk-proj-****abcd',
        message: 'redacted', location: { path: 'app.py', line: 5 },
      },
    ],
    warnings: [{ path: 'broken.onnx', message: 'truncated protobuf' }],
    stats: { filesWalked: 10, filesInspected: 5, bytesHashed: 100, archivesOpened: 0, durationMs: 5 },
  };
}
