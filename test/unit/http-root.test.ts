import { afterEach, describe, expect, it } from 'vitest';
import { createKlaxon, type Klaxon } from '../../app/compose.js';
import { createLogger } from '../../src/log.js';
import { makeConfig } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { startSandboxApp, type SandboxApp } from '../sandbox/setup.js';

describe('GET / and the outbox gauge', () => {
  let app: Klaxon | null = null;
  let harness: Harness | null = null;
  let sandbox: SandboxApp | null = null;
  afterEach(async () => {
    await app?.close(100);
    await harness?.close();
    await sandbox?.close();
    app = harness = sandbox = null;
  });

  it('without the sandbox, / says what the endpoints are: plain text by default, JSON when asked', async () => {
    app = createKlaxon({ config: makeConfig(), logger: createLogger({ level: 'silent' }), tuning: { jobs: false } });
    const url = await app.listen(0, '127.0.0.1');
    const text = await fetch(`${url}/`);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await text.text();
    expect(body).toMatch(/^Klaxon is running/);
    for (const path of ['/ingest', '/healthz', '/metrics']) expect(body).toContain(path);
    expect(body).not.toContain('/sandbox');

    const json = await fetch(`${url}/`, { headers: { accept: 'application/json' } });
    const parsed = (await json.json()) as { endpoints: { method: string; path: string; purpose: string }[] };
    expect(parsed.endpoints).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/ingest', purpose: expect.stringContaining('mention') },
        expect.objectContaining({ method: 'GET', path: '/healthz' }),
      ]),
    );
    // Only / itself: other unknown paths still get the JSON 404.
    expect((await fetch(`${url}/nope`)).status).toBe(404);
  });

  it('with the sandbox on, / redirects to /sandbox', async () => {
    sandbox = await startSandboxApp();
    const res = await fetch(`${sandbox.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/sandbox');
  });

  it('klaxon_outbox_pending exports 0 for every platform when nothing waits', async () => {
    harness = await startHarness();
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toMatch(/^klaxon_outbox_pending\{platform="slack"\} 0$/m);
    expect(metrics).toMatch(/^klaxon_outbox_pending\{platform="source"\} 0$/m);
  });
});
