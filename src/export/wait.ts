// `--wait`: polls GET /api/v1/event/token/{uuid} ({"processing": bool}) until processing ends or the
// timeout passes. Servers before 4.11 only have /api/v1/bom/token/{uuid}; a 404 switches to it once.
import { RuntimeError } from '../util/errors.js';
import { pollFailureMessage } from './dtrack-errors.js';
import { fetchWithRetry, NetworkError, readBounded, type RetryTuning } from './retry.js';

export async function waitForProcessing(
  base: string,
  token: string,
  apiKey: string,
  timeoutMs: number,
  tuning: RetryTuning & { pollIntervalMs: number },
  log: (line: string) => void,
  now: () => number = Date.now,
): Promise<void> {
  const deadline = now() + timeoutMs;
  let endpoint = `${base}/v1/event/token/${encodeURIComponent(token)}`;
  let fellBack = false;
  const seconds = +(timeoutMs / 1000).toFixed(1);
  log(`waiting for Dependency-Track to process the BOM (token ${token}, up to ${seconds} s)`);
  for (;;) {
    let res;
    try {
      res = await fetchWithRetry(endpoint, () => ({ method: 'GET', headers: { 'X-Api-Key': apiKey, Accept: 'application/json' } }), tuning, log);
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
      throw new RuntimeError(`The BOM was uploaded (token ${token}), but checking its processing status at ${endpoint} failed: ${e.message}.`, 'E_DTRACK_WAIT');
    }
    const text = await readBounded(res);
    if (res.status === 404 && !fellBack) {
      fellBack = true;
      endpoint = `${base}/v1/bom/token/${encodeURIComponent(token)}`;
      continue;
    }
    if (!res.ok) throw new RuntimeError(pollFailureMessage(res.status, text, endpoint), 'E_DTRACK_WAIT');
    let processing: unknown;
    try {
      processing = (JSON.parse(text) as { processing?: unknown }).processing;
    } catch {
      processing = undefined;
    }
    if (typeof processing !== 'boolean') {
      throw new RuntimeError(`The BOM was uploaded, but ${endpoint} did not answer {"processing": true|false}.`, 'E_DTRACK_WAIT');
    }
    if (!processing) {
      log('Dependency-Track finished processing the BOM');
      return;
    }
    const left = deadline - now();
    if (left <= 0) {
      throw new RuntimeError(
        `The BOM was uploaded, but Dependency-Track was still processing it after ${seconds} s (token ${token}). ` +
          'Raise --timeout, or check the project in Dependency-Track later.',
        'E_DTRACK_TIMEOUT',
      );
    }
    await tuning.sleep(Math.min(tuning.pollIntervalMs, left));
  }
}
