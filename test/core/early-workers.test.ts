// bin/aibom.js starts a scan's workers before the CLI bundle loads (src/boot/early-workers.ts); what they send
// before the worker pool adopts them must reach the pool, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultWorkerCount, scanWorkerCount, startEarlyWorkers, takeEarlyWorkers } from '../../src/boot/early-workers.js';

describe('early scan workers', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aibom-early-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what a worker sends before it is adopted, in order, and hands it over once', async () => {
    const file = join(dir, 'w.cjs');
    writeFileSync(file, `const { parentPort } = require('node:worker_threads');\nparentPort.postMessage({ type: 'ready' });\nparentPort.postMessage({ n: 2 });\nsetTimeout(() => process.exit(3), 20);\n`);
    const started = startEarlyWorkers(file, 2);
    expect(started).toHaveLength(2);
    const [a, b] = takeEarlyWorkers() ?? [];
    expect(takeEarlyWorkers()).toBeUndefined();
    await new Promise<void>((resolve) => b.worker.once('exit', () => resolve()));
    await new Promise((r) => setTimeout(r, 50));
    for (const w of [a, b]) {
      expect(w.adopt()).toEqual([
        { kind: 'message', value: { type: 'ready' } },
        { kind: 'message', value: { n: 2 } },
        { kind: 'exit', value: 3 },
      ]);
      expect(w.adopt()).toEqual([]);
    }
  });

  it('reports a worker that fails to start as an error event', async () => {
    const file = join(dir, 'bad.cjs');
    writeFileSync(file, `throw new Error('boom');\n`);
    const [w] = startEarlyWorkers(file, 1);
    takeEarlyWorkers();
    await new Promise<void>((resolve) => w.worker.once('exit', () => resolve()));
    await new Promise((r) => setTimeout(r, 20));
    const events = w.adopt();
    expect(events.map((e) => e.kind)).toEqual(['error', 'exit']);
    expect((events[0].value as Error).message).toBe('boom');
  });

  it('uses one worker per core beyond the main thread, one fewer with the native reader\'s thread, at most 3', () => {
    expect([1, 2, 3, 4, 8, 64].map((c) => defaultWorkerCount(c, false))).toEqual([0, 1, 2, 3, 3, 3]);
    expect([1, 2, 3, 4, 5, 8].map((c) => defaultWorkerCount(c, true))).toEqual([0, 0, 1, 2, 3, 3]);
  });

  it('starts as many workers as a scan uses (AIBOM_SCAN_WORKERS, else the default for the machine)', () => {
    const before = process.env.AIBOM_SCAN_WORKERS;
    try {
      process.env.AIBOM_SCAN_WORKERS = '0';
      expect(scanWorkerCount()).toBe(0);
      expect(startEarlyWorkers(join(dir, 'never-run.cjs'))).toEqual([]);
      process.env.AIBOM_SCAN_WORKERS = '2';
      expect(scanWorkerCount()).toBe(2);
      process.env.AIBOM_SCAN_WORKERS = 'lots';
      expect(scanWorkerCount()).toBeGreaterThanOrEqual(0);
      expect(scanWorkerCount()).toBeLessThanOrEqual(3);
    } finally {
      if (before === undefined) delete process.env.AIBOM_SCAN_WORKERS;
      else process.env.AIBOM_SCAN_WORKERS = before;
      takeEarlyWorkers();
    }
  });
});
