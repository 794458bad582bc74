// Two hand-made inventories, "base branch" and "pull request", whose differences are known:
// the tests derive their BOMs with the real emitter and check diffBoms finds exactly these.
import type { Finding, Inventory } from '../../src/inventory/types.js';

const stats = { filesWalked: 1, filesInspected: 1, bytesHashed: 0, archivesOpened: 0, durationMs: 1 };
const sha = (c: string) => c.repeat(64);

const ghsaTransformers: Finding = {
  ruleId: 'GHSA-aaaa-bbbb-cccc', severity: 'high', category: 'vulnerability', title: 'Deserialization in transformers',
  message: 'details', location: { path: 'requirements.txt', line: 3 }, subject: 'lib:pkg:pypi/transformers@4.30.0',
  advisory: { id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-2023-0001'], source: { name: 'GitHub' }, status: 'affected' },
};

export function baseInventory(): Inventory {
  return {
    root: '/tmp/base', rootName: 'repo',
    assets: [
      { key: 'file:models/classifier.safetensors', kind: 'model', format: 'safetensors', present: true, name: 'classifier.safetensors',
        hashes: { sha256: sha('a') }, licenses: [{ spdx: 'Apache-2.0' }], locations: [{ path: 'models/classifier.safetensors' }] },
      { key: 'file:models/legacy.pt', kind: 'model', format: 'pytorch', present: true, name: 'legacy.pt',
        hashes: { sha256: sha('c') }, locations: [{ path: 'models/legacy.pt' }] },
      { key: 'folder:models/bert', kind: 'model', format: 'huggingface', present: true, name: 'bert-tiny',
        purl: 'pkg:huggingface/prajjwal1/bert-tiny', licenses: [{ spdx: 'MIT' }], locations: [{ path: 'models/bert/config.json' }] },
      { key: 'file:data/train.parquet', kind: 'dataset', format: 'parquet', present: true, name: 'train',
        hashes: { sha256: sha('b') }, locations: [{ path: 'data/train.parquet' }] },
      { key: 'lib:pkg:pypi/transformers@4.30.0', kind: 'library', ecosystem: 'PyPI', ai: true, name: 'transformers', version: '4.30.0',
        purl: 'pkg:pypi/transformers@4.30.0', locations: [{ path: 'requirements.txt', line: 3 }] },
      { key: 'lib:pkg:pypi/torch@2.0.0', kind: 'library', ecosystem: 'PyPI', ai: true, name: 'torch', version: '2.0.0',
        purl: 'pkg:pypi/torch@2.0.0', locations: [{ path: 'requirements.txt', line: 4 }] },
      { key: 'service:openai', kind: 'service', name: 'OpenAI API', provider: 'OpenAI',
        endpoints: ['https://api.openai.com/v1/chat/completions'], models: ['gpt-4o-mini'], locations: [{ path: 'app.py', line: 10 }] },
    ],
    findings: [
      ghsaTransformers,
      { ruleId: 'AIBOM-SECRET-OPENAI', severity: 'high', category: 'secret', title: 'Hard-coded OpenAI key sk-proj-****abcd',
        message: 'redacted', location: { path: 'app.py', line: 5 } },
    ],
    warnings: [], stats,
  };
}

export function prInventory(): Inventory {
  const base = baseInventory();
  const keep = base.assets.filter((a) => ['lib:pkg:pypi/torch@2.0.0', 'file:data/train.parquet'].includes(a.key));
  return {
    ...base, root: '/tmp/pr',
    assets: [
      ...keep,
      // same path, other content: possible tampering
      { key: 'file:models/classifier.safetensors', kind: 'model', format: 'safetensors', present: true, name: 'classifier.safetensors',
        hashes: { sha256: sha('d') }, licenses: [{ spdx: 'Apache-2.0' }], locations: [{ path: 'models/classifier.safetensors' }] },
      { key: 'file:models/new.pkl', kind: 'model', format: 'pickle', present: true, name: 'new.pkl',
        hashes: { sha256: sha('e') }, licenses: [{ spdx: 'CC-BY-NC-4.0' }], locations: [{ path: 'models/new.pkl' }] },
      { key: 'folder:models/bert', kind: 'model', format: 'huggingface', present: true, name: 'bert-tiny',
        purl: 'pkg:huggingface/prajjwal1/bert-tiny', licenses: [{ name: 'llama3.1' }], locations: [{ path: 'models/bert/config.json' }] },
      { key: 'lib:pkg:pypi/transformers@4.38.0', kind: 'library', ecosystem: 'PyPI', ai: true, name: 'transformers', version: '4.38.0',
        purl: 'pkg:pypi/transformers@4.38.0', locations: [{ path: 'requirements.txt', line: 3 }] },
      { key: 'lib:pkg:pypi/langchain@0.1.0', kind: 'library', ecosystem: 'PyPI', ai: true, name: 'langchain', version: '0.1.0',
        purl: 'pkg:pypi/langchain@0.1.0', locations: [{ path: 'requirements.txt', line: 5 }] },
      { key: 'service:openai', kind: 'service', name: 'OpenAI API', provider: 'OpenAI',
        endpoints: ['https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1/embeddings'], models: ['gpt-4o-mini'],
        locations: [{ path: 'app.py', line: 12 }] },
      { key: 'service:anthropic', kind: 'service', name: 'Anthropic API', provider: 'Anthropic',
        endpoints: ['https://api.anthropic.com/v1/messages'], locations: [{ path: 'agent.py', line: 3 }] },
    ],
    findings: [
      { ruleId: 'GHSA-dddd-eeee-ffff', severity: 'critical', category: 'vulnerability', title: 'RCE in langchain',
        message: 'details', location: { path: 'requirements.txt', line: 5 }, subject: 'lib:pkg:pypi/langchain@0.1.0',
        advisory: { id: 'GHSA-dddd-eeee-ffff', aliases: [], source: { name: 'GitHub' }, status: 'affected' } },
      // the same secret finding, two lines lower: not new
      { ruleId: 'AIBOM-SECRET-OPENAI', severity: 'high', category: 'secret', title: 'Hard-coded OpenAI key sk-proj-****abcd',
        message: 'redacted', location: { path: 'app.py', line: 7 } },
      { ruleId: 'AIBOM-PICKLE-DANGEROUS-GLOBAL', severity: 'critical', category: 'serialization', title: 'Pickle imports os.system',
        message: 'globals: posix.system', location: { path: 'models/new.pkl' }, subject: 'file:models/new.pkl' },
    ],
  };
}

/** the base inventory with transformers bumped but still affected by the same advisory */
export function bumpedStillVulnerable(): Inventory {
  const inv = baseInventory();
  inv.assets = inv.assets.map((a) => (a.key === 'lib:pkg:pypi/transformers@4.30.0'
    ? { ...a, key: 'lib:pkg:pypi/transformers@4.31.0', version: '4.31.0', purl: 'pkg:pypi/transformers@4.31.0' } : a));
  inv.findings = inv.findings.map((f) => (f.ruleId === 'GHSA-aaaa-bbbb-cccc'
    ? { ...f, subject: 'lib:pkg:pypi/transformers@4.31.0', advisory: { ...f.advisory!, affectedVersion: '4.31.0' } } : f));
  return inv;
}
