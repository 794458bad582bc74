// ONNX external data that is a symbolic link can make the loader read any file the link points at.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanInventory } from '../../src/scan.js';
import { serializationDetectors } from '../../detectors/serialization/index.js';

describe('ONNX external data through a symlink', () => {
  it('is flagged when the data file is a link, and not when it is a regular file', async () => {
    const linked = mkdtempSync(join(tmpdir(), 'aibom-onnx-link-'));
    copyFileSync('fixtures/models/tiny-ext.onnx', join(linked, 'tiny-ext.onnx'));
    symlinkSync('/etc/hostname', join(linked, 'tiny-ext.onnx.data'));
    const inv = await scanInventory({ path: linked, detectorSet: serializationDetectors });
    const f = inv.findings.find((x) => x.ruleId === 'AIBOM-ONNX-EXTERNAL-DATA-ESCAPE');
    expect(f?.message).toMatch(/\(symlink\)/);

    const plain = mkdtempSync(join(tmpdir(), 'aibom-onnx-plain-'));
    copyFileSync('fixtures/models/tiny-ext.onnx', join(plain, 'tiny-ext.onnx'));
    copyFileSync('fixtures/models/tiny-ext.onnx.data', join(plain, 'tiny-ext.onnx.data'));
    const clean = await scanInventory({ path: plain, detectorSet: serializationDetectors });
    expect(clean.findings.filter((x) => x.ruleId === 'AIBOM-ONNX-EXTERNAL-DATA-ESCAPE')).toEqual([]);
  });
});
