import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestAccess } from '../../adapters/webhook/ingest-access.js';
import { mentions } from '../../db/schema/index.js';
import type { ConfigError } from '../../src/config/load.js';
import { makeConfig, TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postIngest } from '../helpers/ingest.js';

const SECRET = TEST_SECRETS.INGEST_SECRET;

function item(h: Harness, id: string): Record<string, unknown> {
  return { id, source: 'web', text: 'My order never arrived', createdAt: new Date(h.clock.now().getTime() - 60_000).toISOString() };
}

/**
 * Without INGEST_SECRET, /ingest takes nothing unsigned unless that was asked for explicitly:
 * behind a reverse proxy on the same host every request looks local. Real server, real sockets.
 */
/** A reverse proxy on the same host: every request it relays reaches Klaxon from 127.0.0.1. */
async function sameHostProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && !['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding'].includes(k))
          headers[k] = v;
      fetch(`${target}${req.url}`, {
        method: req.method,
        headers: { ...headers, 'x-forwarded-for': '203.0.113.9' },
        body: Buffer.concat(chunks),
      })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('POST /ingest without INGEST_SECRET', () => {
  let h: Harness;
  let proxy: { url: string; close(): Promise<void> } | null = null;
  afterEach(async () => {
    await proxy?.close();
    proxy = null;
    await h?.close();
  });

  it(
    'refuses unsigned requests, even from this machine and through a ' + 'reverse proxy on it, naming the settings that would allow them',
    async () => {
      h = await startHarness({ env: { INGEST_SECRET: '' } });
      proxy = await sameHostProxy(h.url);
      for (const base of [h.url, proxy.url]) {
        const res = await postIngest(base, item(h, 'from-outside'));
        expect(res.status).toBe(401);
        expect(res.json.error).toMatch(
          /INGEST_SECRET is not set, and \/ingest takes no unsigned request: set INGEST_SECRET .* "ingest": \{"allowUnsigned": true\}/,
        );
      }
      expect(h.klaxon.db.db.select().from(mentions).all()).toEqual([]);
      expect(await (await fetch(`${h.url}/metrics`)).text()).toMatch(/^klaxon_ingest_rejected_total\{reason="unsigned"\} 2$/m);
    },
  );

  it(
    'takes unsigned requests from this machine when ingest.allowUnsigned is ' + 'set, and still takes signed ones when the secret is set',
    async () => {
      h = await startHarness({ env: { INGEST_SECRET: '' }, file: { ingest: { allowUnsigned: true } } });
      expect((await postIngest(h.url, item(h, 'local-1'))).status).toBe(202);
      await h.close();
      // With a secret, the opt-in changes nothing: unsigned is refused, signed accepted.
      h = await startHarness({ file: { ingest: { allowUnsigned: true } } });
      expect((await postIngest(h.url, item(h, 'local-2'))).status).toBe(401);
      expect((await postIngest(h.url, item(h, 'local-3'), SECRET, h.clock.now())).status).toBe(202);
    },
  );

  it('the setting is checked strictly, and the start-up log says which way /ingest is open', () => {
    expect(() => makeConfig({}, { ingest: { allowUnsigned: 'yes' } })).toThrow(/ingest\.allowUnsigned must be true or false/);
    try {
      makeConfig({}, { ingest: { allowUnsigend: true } });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toContainEqual(
        expect.stringMatching(/ingest\.allowUnsigend is not a known setting; did you mean `allowUnsigned`\?/),
      );
    }
    const closed = ingestAccess(makeConfig({}), false);
    expect(closed).toMatchObject({ allowUnsigned: false, level: 'warn' });
    expect(closed.line).toMatch(/^INGEST_SECRET is not set: POST \/ingest refuses every request/);
    expect(ingestAccess(makeConfig({}, { ingest: { allowUnsigned: true } }), false)).toMatchObject({
      allowUnsigned: true,
      level: 'warn',
      line: expect.stringMatching(/^ingest\.allowUnsigned is on .*Never use it behind a reverse proxy/),
    });
    expect(ingestAccess(makeConfig({}), true)).toMatchObject({ allowUnsigned: true, line: expect.stringMatching(/^The sandbox is on/) });
    expect(ingestAccess(makeConfig({ INGEST_SECRET: SECRET }), true)).toMatchObject({
      allowUnsigned: false,
      level: 'info',
      line: 'POST /ingest takes requests signed with INGEST_SECRET only.',
    });
  });
});
