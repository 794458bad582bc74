// `aibom verify MODEL_PATH ...`: verifies one OMS signature offline. Exit 0 valid, 1 invalid, 2 usage.
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundledTrustedRootJson, sha256Hex } from './trusted-root-file.js';
import { TRUST_ARG_OPTIONS, trustFrom, Usage } from './trust-options.js';
import type { Trust, VerifyResult } from './types.js';
import { verifyModel } from './verify-model.js';

export interface CommandIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export const VERIFY_USAGE = `Usage: aibom verify MODEL_PATH [--signature FILE]
         (--identity SAN --issuer URL [--trusted-root FILE] [--identity-regex] | --key PEM | --ca PEM...)
         [--ignore-paths PATH]... [--ignore-unsigned-files] [--format table|json]

Verifies an OpenSSF model signature (Sigstore bundle, default MODEL_PATH/model.sig) offline, then
checks every model file against the signed manifest.
  --identity, --issuer   keyless (Sigstore): certificate identity and OIDC issuer, matched exactly
  --identity-regex       treat --identity as a regular expression instead
  --trusted-root FILE    Sigstore trusted_root.json (default: the bundled public-good root)
  --key PEM              ECDSA P-256/P-384/P-521 public key
  --ca PEM               trusted CA certificate(s) for certificate-chain signatures (repeatable)
  --ignore-paths PATH    leave PATH (relative to the model folder) out of the check (repeatable)
  --ignore-unsigned-files  accept files the signature does not list
Exit codes: 0 valid, 1 invalid, 2 usage or read error.
`;

export function formatTable(modelPath: string, r: VerifyResult): string {
  const lines = [`model:     ${modelPath}`, `status:    ${r.status}`];
  if (r.method) lines.push(`method:    ${r.method}`);
  if (r.signer?.identity) lines.push(`identity:  ${r.signer.identity}`);
  if (r.signer?.issuer) lines.push(`issuer:    ${r.signer.issuer}`);
  if (r.signer?.certificateSubject) lines.push(`subject:   ${r.signer.certificateSubject}`);
  if (r.signer?.keyFingerprint) lines.push(`key:       sha256:${r.signer.keyFingerprint}`);
  lines.push(`resources: ${r.resourcesChecked}`);
  for (const n of r.notes) lines.push(`note:      ${n}`);
  for (const x of r.reasons) lines.push(`FAILED     [${x.check}]${x.file ? ` ${x.file}:` : ''} ${x.message}`);
  return lines.join('\n') + '\n';
}

export async function runVerifyCommand(args: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        signature: { type: 'string' },
        ...TRUST_ARG_OPTIONS,
        'ignore-paths': { type: 'string', multiple: true },
        'ignore-unsigned-files': { type: 'boolean' },
        format: { type: 'string', default: 'table' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr.write(`aibom verify: ${(e as Error).message}\n\n${VERIFY_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(VERIFY_USAGE);
    return 0;
  }
  try {
    if (parsed.positionals.length !== 1) throw new Usage('give exactly one MODEL_PATH');
    if (v.format !== 'table' && v.format !== 'json') throw new Usage(`--format must be table or json, not ${v.format}`);
    const trust = await trustFrom(v);
    const modelPath = resolve(parsed.positionals[0]);
    // ignore paths are relative to the model folder; absolute ones must lie inside it
    const ignorePaths = (v['ignore-paths'] ?? []).map((p) => (isAbsolute(p) ? p : resolve(modelPath, p)));
    const r = await verifyModel({
      modelPath,
      signaturePath: v.signature ? resolve(v.signature) : undefined,
      trust,
      ignorePaths,
      ignoreUnsignedFiles: v['ignore-unsigned-files'] === true,
    });
    if (v.format === 'json') {
      const extra = trust.method === 'sigstore' ? { trustedRootSha256: sha256Hex(trust.trustedRootJson ?? bundledTrustedRootJson()) } : {};
      io.stdout.write(JSON.stringify({ model: parsed.positionals[0], ...r, ...extra }, null, 2) + '\n');
    } else io.stdout.write(formatTable(parsed.positionals[0], r));
    if (r.status === 'verified') return 0;
    if (r.reasons.some((x) => x.check === 'io')) return 2; // unreadable signature or model: an error, not a verdict
    return 1;
  } catch (e) {
    if (e instanceof Usage) {
      io.stderr.write(`aibom verify: ${e.message}\n\n${VERIFY_USAGE}`);
      return 2;
    }
    io.stderr.write(`aibom verify: ${(e as Error).message}\n`);
    return 2;
  }
}
