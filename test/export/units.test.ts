import { describe, expect, it } from 'vitest';
import { bomSpecOf, checkSpecForDependencyTrack } from '../../src/export/bom-spec.js';
import { detailOf, uploadFailureMessage } from '../../src/export/dtrack-errors.js';
import { versionlessPurl } from '../../src/diff/match.js';
import { splitLocation } from '../../src/diff/bom-view.js';

describe('BOM spec sniffing for Dependency-Track', () => {
  it('reads JSON and XML CycloneDX versions and refuses other documents', () => {
    expect(bomSpecOf('\uFEFF {"bomFormat":"CycloneDX","specVersion":"1.6"}', 'b')).toEqual({ format: 'json', specVersion: '1.6' });
    expect(bomSpecOf('<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.7" version="1"/>', 'b')).toEqual({ format: 'xml', specVersion: '1.7' });
    expect(() => bomSpecOf('{"spdxVersion":"SPDX-2.3"}', 'x.json')).toThrow(/x\.json is not a CycloneDX BOM/);
    expect(() => bomSpecOf('<html/>', 'x.xml')).toThrow(/not a CycloneDX BOM/);
    expect(() => bomSpecOf('{"bomFormat":', 'x.json')).toThrow(/not valid JSON/);
  });

  it('refuses 1.7 unless allowed, and unknown versions always', () => {
    expect(() => checkSpecForDependencyTrack({ format: 'json', specVersion: '1.7' }, 'b', false)).toThrow(/4\.x and 5\.0 reject/);
    expect(() => checkSpecForDependencyTrack({ format: 'json', specVersion: '1.7' }, 'b', true)).not.toThrow();
    expect(() => checkSpecForDependencyTrack({ format: 'json', specVersion: '1.6' }, 'b', false)).not.toThrow();
    expect(() => checkSpecForDependencyTrack({ format: 'json', specVersion: '9.9' }, 'b', true)).toThrow(/does not accept/);
  });
});

describe('Dependency-Track error text', () => {
  it('takes problem details apart and strips markup and control characters from other bodies', () => {
    expect(detailOf('{"title":"The uploaded BOM is invalid","errors":["$.components[0]: required"]}')).toBe('The uploaded BOM is invalid; $.components[0]: required');
    expect(detailOf('<html><body><h1>413 Request Entity Too Large</h1>\u001b[31m</body></html>')).toBe('413 Request Entity Too Large [31m');
    expect(detailOf('x'.repeat(1000))).toHaveLength(300);
  });

  it('says what to check for each status', () => {
    const ctx = { project: 'project "a" version "1"', autoCreate: false, bomBytes: 10, endpoint: 'http://h/api/v1/bom' };
    expect(uploadFailureMessage(404, '', ctx)).toContain('add --auto-create');
    expect(uploadFailureMessage(404, '', { ...ctx, autoCreate: true })).toContain('the parent project');
    expect(uploadFailureMessage(401, '', { ...ctx, autoCreate: true })).toContain('PROJECT_CREATION_UPLOAD');
    expect(uploadFailureMessage(502, 'Bad Gateway', ctx)).toBe('Dependency-Track answered 502 to the upload at http://h/api/v1/bom. Server said: Bad Gateway');
  });
});

describe('diff helpers', () => {
  it('strips versions, qualifiers and subpaths from purls', () => {
    expect(versionlessPurl('pkg:pypi/transformers@4.30.0')).toBe('pkg:pypi/transformers');
    expect(versionlessPurl('pkg:npm/%40scope/name@1.0.0?arch=x#sub/path')).toBe('pkg:npm/%40scope/name');
    expect(versionlessPurl('pkg:huggingface/org/model')).toBe('pkg:huggingface/org/model');
  });

  it('splits path:line locations', () => {
    expect(splitLocation('src/app.py:12')).toEqual({ path: 'src/app.py', line: 12 });
    expect(splitLocation('a.zip!/m/x.pt')).toEqual({ path: 'a.zip!/m/x.pt' });
  });
});
