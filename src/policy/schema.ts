// The policy file (.aibom.yml) as a JSON Schema: the single source for validation and for
// docs/policy.schema.json (a test keeps the published file equal to this one).
export const POLICY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/aibom/aibom/docs/policy.schema.json',
  title: 'aibom policy (.aibom.yml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1, description: 'Policy format version. Always 1.' },
    'fail-on': {
      enum: ['critical', 'high', 'medium', 'low', 'info', 'none'],
      description: 'Fail when any finding (after suppressions) has this severity or higher. "none" disables the severity gate.',
    },
    licenses: {
      type: 'object',
      additionalProperties: false,
      properties: {
        deny: { type: 'array', items: { type: 'string' }, description: 'License ids (SPDX or Hugging Face) or categories that fail the policy.' },
        allow: { type: 'array', items: { type: 'string' }, description: 'When set, every model/dataset/library license must match one of these ids or categories.' },
        'fail-on-unknown': { type: 'boolean', description: 'Models and datasets without a known license fail.' },
      },
    },
    models: {
      type: 'object',
      additionalProperties: false,
      properties: {
        'forbid-formats': { type: 'array', items: { type: 'string' }, description: 'Model formats that may not be shipped (pickle, joblib, pytorch ...).' },
        'require-signature': {
          type: 'object',
          additionalProperties: false,
          properties: {
            paths: { type: 'array', items: { type: 'string' }, description: 'Globs of model paths that must carry a verified signature; omit for all models.' },
            identities: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['identity', 'issuer'],
                properties: { identity: { type: 'string' }, issuer: { type: 'string' } },
              },
              description: 'Trusted keyless signer (exact certificate identity and OIDC issuer).',
            },
            key: { type: 'string', description: 'PEM public key file, relative to the policy file.' },
            ca: { type: 'array', items: { type: 'string' }, description: 'PEM CA certificate files, relative to the policy file.' },
          },
        },
        'forbid-unpinned': { type: 'boolean', description: 'Remote model references without a pinned revision fail.' },
      },
    },
    providers: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: { type: 'array', items: { type: 'string' }, description: 'Approved AI providers (by name, e.g. "OpenAI", "Azure OpenAI"). Any other provider in use is Shadow AI and fails.' },
        'allow-endpoints': { type: 'array', items: { type: 'string' }, description: 'Approved endpoint URL globs (e.g. "https://*.openai.azure.com/**").' },
      },
    },
    secrets: {
      type: 'object',
      additionalProperties: false,
      properties: { forbid: { type: 'boolean', description: 'Any hard-coded AI key fails, whatever fail-on says. Default true.' } },
    },
    suppressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['reason', 'expires'],
        anyOf: [{ required: ['rule'] }, { required: ['id'] }],
        properties: {
          rule: { type: 'string', description: 'Rule id (AIBOM-...) or policy rule (policy/...) to suppress.' },
          id: { type: 'string', description: 'Vulnerability id or alias (GHSA-..., CVE-...) to suppress.' },
          path: { type: 'string', description: 'Glob of paths the suppression applies to; all paths when omitted.' },
          reason: { type: 'string', minLength: 1 },
          expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD; an expired suppression fails the policy.' },
        },
      },
    },
  },
} as const;

export interface Policy {
  version?: 1;
  'fail-on'?: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none';
  licenses?: { deny?: string[]; allow?: string[]; 'fail-on-unknown'?: boolean };
  models?: {
    'forbid-formats'?: string[];
    'require-signature'?: { paths?: string[]; identities?: { identity: string; issuer: string }[]; key?: string; ca?: string[] };
    'forbid-unpinned'?: boolean;
  };
  providers?: { allow?: string[]; 'allow-endpoints'?: string[] };
  secrets?: { forbid?: boolean };
  suppressions?: { rule?: string; id?: string; path?: string; reason: string; expires: string }[];
}
