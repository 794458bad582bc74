// Rule metadata for reports (SARIF rules, Markdown): a name, a short and a full description and help,
// by rule id or id prefix. Findings whose rule is not listed (advisory ids, new rules) fall back to the
// finding's own title, so every rule still has a description.
import type { Finding } from '../inventory/types.js';

export interface RuleInfo {
  name: string;
  short: string;
  full: string;
  help: string;
}

const BY_PREFIX: [string, RuleInfo][] = [
  ['AIBOM-PICKLE', {
    name: 'UnsafePickle',
    short: 'Model file is a pickle that can run code when loaded',
    full: 'The file is (or contains) a Python pickle. Loading a pickle executes the callables it names; this one imports globals that are dangerous or not on the safe list.',
    help: 'Loading this file with `torch.load`, `pickle.load` or `joblib.load` can run arbitrary code. Prefer **safetensors**, or load with `torch.load(weights_only=True)` after review.',
  }],
  ['AIBOM-KERAS', {
    name: 'KerasCodeLayer',
    short: 'Keras model contains code (Lambda layer or custom module)',
    full: 'A Keras model config holds a Lambda layer or a module outside keras/tensorflow; loading it runs that code.',
    help: 'Rebuild the model without `Lambda` layers, or load only with `safe_mode=True` (which does not protect `.h5`).',
  }],
  ['AIBOM-TEMPLATE', {
    name: 'ChatTemplateInjection',
    short: 'Chat template reaches Python internals (server-side template injection)',
    full: 'The model\'s Jinja chat template uses constructs that escape the sandbox of naive renderers.',
    help: 'Replace the chat template with a reviewed one; never render templates from untrusted models with an unsandboxed Jinja.',
  }],
  ['AIBOM-REMOTE-CODE', {
    name: 'RemoteCode',
    short: 'Model needs trust_remote_code',
    full: 'The model configuration maps classes to Python modules (auto_map) that run when loaded with trust_remote_code=True.',
    help: 'Review the referenced Python code and pin the revision, or use a model that does not need remote code.',
  }],
  ['AIBOM-TRUST-REMOTE-CODE', {
    name: 'TrustRemoteCode',
    short: 'Code loads a model with trust_remote_code=True',
    full: 'trust_remote_code=True executes Python shipped with the model repository.',
    help: 'Pin the model to a reviewed revision or avoid `trust_remote_code=True`.',
  }],
  ['AIBOM-SECRET', {
    name: 'HardCodedAIKey',
    short: 'Hard-coded AI provider API key',
    full: 'An API key for an AI provider is written in the repository. aibom never prints it; the report shows a redacted form and its SHA-256.',
    help: 'Revoke the key at the provider, remove it from the history, and load keys from a secret store or environment variable.',
  }],
  ['AIBOM-MODEL-UNPINNED', {
    name: 'UnpinnedModel',
    short: 'Remote model referenced without a pinned revision',
    full: 'Code downloads a model by name only; whatever the repository holds at run time is used.',
    help: 'Pass `revision=` with a commit hash (or pin the tag and digest) so the model cannot change under you.',
  }],
  ['AIBOM-SDK-UNDECLARED', {
    name: 'UndeclaredAISdk',
    short: 'AI SDK imported but not declared in any manifest',
    full: 'Code imports an AI SDK that no manifest or lockfile in the repository declares (Shadow AI).',
    help: 'Declare the dependency with a pinned version so it is reviewed, scanned and updated.',
  }],
  ['AIBOM-SHADOW', {
    name: 'ShadowAI',
    short: 'Undeclared use of an AI service',
    full: 'The code or configuration calls an AI provider directly.',
    help: 'Make sure the provider is approved for this data and declared in the AI-BOM policy.',
  }],
  ['AIBOM-MCP', {
    name: 'RiskyMcpServer',
    short: 'Risky MCP server configuration',
    full: 'An MCP server entry gives an agent risky capabilities or fetches unpinned code.',
    help: 'Pin server packages and images, require authentication, avoid broad filesystem roots and auto-approval.',
  }],
  ['AIBOM-AGENT', {
    name: 'RiskyAgentInstructions',
    short: 'Risky agent instruction or prompt file',
    full: 'An agent instruction or prompt file holds hidden text, risky instructions or secrets.',
    help: 'Review the file as code: remove hidden Unicode, instructions to fetch and run code, and secrets.',
  }],
  ['AIBOM-SIGNATURE', {
    name: 'InvalidModelSignature',
    short: 'Model signature does not verify',
    full: 'The OpenSSF model signature next to the model does not verify, or the files do not match its manifest.',
    help: 'Do not use the model until its signature verifies against the publisher identity you trust.',
  }],
  ['AIBOM-ARCHIVE', {
    name: 'UnsafeArchiveMember',
    short: 'Archive member with an unsafe path or link',
    full: 'An archive holds a member whose path is absolute, climbs out with "..", or is a link.',
    help: 'Do not extract the archive with tools that trust member paths; rebuild it without such members.',
  }],
  ['AIBOM-LICENSE', {
    name: 'LicenseIssue',
    short: 'License needs review',
    full: 'The license of a model, dataset or package is unknown or restricts use.',
    help: 'Check the license terms against the intended use.',
  }],
  ['AIBOM-POLICY', {
    name: 'PolicyViolation',
    short: 'AI-BOM policy violation',
    full: 'The inventory violates a rule of the repository policy (.aibom.yml).',
    help: 'Fix the finding or add a reviewed suppression with an expiry date to the policy.',
  }],
];

export function ruleInfo(ruleId: string, example?: Finding): RuleInfo {
  const hit = BY_PREFIX.find(([p]) => ruleId === p || ruleId.startsWith(p + '-'));
  if (hit) return hit[1];
  const title = example?.title ?? ruleId;
  const isAdvisory = example?.category === 'vulnerability' || example?.category === 'malicious';
  return {
    name: ruleId.replace(/[^A-Za-z0-9]+/g, ''),
    short: title,
    full: example?.message ?? title,
    help: isAdvisory
      ? `Advisory ${ruleId}. ${example?.recommendation ?? 'Upgrade to a fixed version.'}`
      : example?.recommendation ?? title,
  };
}
