// OSV range evaluation against real records (fixtures/advisories/osv, copied from PyPA and GHSA).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecordText } from '../../src/db/record-files.js';
import type { OsvRecord } from '../../src/db/osv-record.js';
import { orderFor } from '../../src/versions/index.js';
import { isAffected, fixedVersions } from '../../src/versions/osv-range.js';
import { lowerBound, requirementMayBeAffected } from '../../src/versions/requirement.js';

function record(file: string): OsvRecord {
  const path = new URL(`../../fixtures/advisories/${file}`, import.meta.url);
  const r = parseRecordText(file, readFileSync(path, 'utf8'));
  if (!r.record) throw new Error(r.error);
  return r.record;
}

function affected(file: string, version: string, pkg = 0): boolean | undefined {
  const rec = record(file);
  const a = rec.affected[pkg];
  return isAffected(version, a, orderFor(a.ecosystem));
}

describe('OSV ranges on real records', () => {
  it('GHSA and its PYSEC alias with different ranges (langchain, CVE-2023-38860)', () => {
    // GHSA-fj32-q626-pjjc: last_affected 0.0.231; PYSEC-2023-145: fixed 0.0.247
    expect(record('osv/GHSA-fj32-q626-pjjc.json').aliases).toContain('CVE-2023-38860');
    expect(record('osv/PYSEC-2023-145.yaml').aliases).toContain('CVE-2023-38860');
    expect(affected('osv/GHSA-fj32-q626-pjjc.json', '0.0.231')).toBe(true);
    expect(affected('osv/GHSA-fj32-q626-pjjc.json', '0.0.240')).toBe(false);
    expect(affected('osv/PYSEC-2023-145.yaml', '0.0.240')).toBe(true);
    expect(affected('osv/PYSEC-2023-145.yaml', '0.0.247')).toBe(false);
  });
  it('a pre-release just below the fix is affected; exactly the fix is not (gradio, fixed 4.11.0)', () => {
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.11.0rc1')).toBe(true);
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.11.0b3')).toBe(true);
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.11.0.dev0')).toBe(true);
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.11.0')).toBe(false);
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.11')).toBe(false);
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.10.0')).toBe(true);
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '0.1.0')).toBe(true);
  });
  it('post and local versions', () => {
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.11.0.post1')).toBe(false);
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.10.0.post2')).toBe(true);
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.10.0+cu118')).toBe(true);
    expect(affected('osv/GHSA-6qm2-wpxq-7qh2.json', '4.11.0+local')).toBe(false);
    // last_affected 0.2.71: a post release of it is after it
    expect(affected('osv/GHSA-56xg-wfcc-g829.json', '0.2.71.post1')).toBe(false);
    expect(affected('osv/GHSA-56xg-wfcc-g829.json', '0.2.71+local')).toBe(true);
  });
  it('last_affected with an introduced bound (llama-cpp-python 0.2.30 .. 0.2.71)', () => {
    expect(affected('osv/GHSA-56xg-wfcc-g829.json', '0.2.29')).toBe(false);
    expect(affected('osv/GHSA-56xg-wfcc-g829.json', '0.2.30')).toBe(true);
    expect(affected('osv/GHSA-56xg-wfcc-g829.json', '0.2.71')).toBe(true);
    expect(affected('osv/GHSA-56xg-wfcc-g829.json', '0.2.72')).toBe(false);
    expect(fixedVersions(record('osv/GHSA-56xg-wfcc-g829.json').affected[0])).toEqual([]);
  });
  it('several introduced/fixed pairs and the versions list (tensorflow PYSEC-2020-136)', () => {
    expect(affected('osv/PYSEC-2020-136.yaml', '2.1.9')).toBe(false);
    expect(affected('osv/PYSEC-2020-136.yaml', '2.2.0')).toBe(true);
    expect(affected('osv/PYSEC-2020-136.yaml', '2.2.1')).toBe(false);
    expect(affected('osv/PYSEC-2020-136.yaml', '2.3.0')).toBe(true);
    expect(affected('osv/PYSEC-2020-136.yaml', '2.3.1')).toBe(false);
    expect(fixedVersions(record('osv/PYSEC-2020-136.yaml').affected[0])).toEqual(['2.2.1', '2.3.1']);
  });
  it('Go module versions (ollama fixed 0.1.34)', () => {
    expect(affected('osv/GHSA-8hqg-whrw-pv92.json', 'v0.1.33')).toBe(true);
    expect(affected('osv/GHSA-8hqg-whrw-pv92.json', 'v0.1.34')).toBe(false);
    expect(affected('osv/GHSA-8hqg-whrw-pv92.json', 'v0.1.34-rc1')).toBe(true);
  });
  it('an advisory on two packages, a SEMVER limit, crates.io', () => {
    const path = 'curated/AIBOM-TEST-0002.yaml';
    expect(affected(path, '0.9.9', 0)).toBe(false);
    expect(affected(path, '1.3.9', 0)).toBe(true);
    expect(affected(path, '1.4.0', 0)).toBe(false);
    expect(affected(path, '0.3.0', 1)).toBe(true);
    expect(affected(path, '0.3.1', 1)).toBe(false);
  });
  it('limit caps a range; GIT ranges are ignored; unparsable versions do not decide', () => {
    const order = orderFor('npm');
    const capped = { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { limit: '2.0.0' }] }] };
    expect(isAffected('1.9.9', capped, order)).toBe(true);
    expect(isAffected('2.0.0', capped, order)).toBe(false);
    const git = { ranges: [{ type: 'GIT', events: [{ introduced: '0' }, { fixed: 'abc123' }] }] };
    expect(isAffected('1.0.0', git, order)).toBeUndefined();
    expect(isAffected('not-a-version', { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] }, order)).toBeUndefined();
    expect(isAffected('1.0.0', { versions: ['1.0.0'] }, order)).toBe(true);
    expect(isAffected('1.0.1', { versions: ['1.0.0'] }, order)).toBe(false);
  });
});

describe('unpinned requirements', () => {
  const gradio = record('osv/GHSA-6qm2-wpxq-7qh2.json').affected[0];
  const pep = orderFor('PyPI');
  it('reads lower bounds', () => {
    expect(pep && lowerBound('PyPI', '>=4.11,<5', pep)).toBe('4.11');
    expect(pep && lowerBound('PyPI', '~=4.2', pep)).toBe('4.2');
    const npm = orderFor('npm');
    expect(npm && lowerBound('npm', '^1.4.2', npm)).toBe('1.4.2');
    expect(pep && lowerBound('PyPI', '<5', pep)).toBeUndefined();
  });
  it('possibly affected unless the lower bound is past every event', () => {
    expect(requirementMayBeAffected('PyPI', '>=4.0', gradio, pep)).toBe(true);
    expect(requirementMayBeAffected('PyPI', '<5', gradio, pep)).toBe(true);
    expect(requirementMayBeAffected('PyPI', '>=4.11.0', gradio, pep)).toBe(false);
    expect(requirementMayBeAffected('PyPI', '~=4.12', gradio, pep)).toBe(false);
  });
});
