import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFacebookAdapter, createMetaConnection, type MetaSourceAdapter } from '../../adapters/meta/index.js';
import { sqliteInbox } from '../../adapters/source-kit/inbox.js';
import { kvCursorStore } from '../../adapters/source-kit/kv-cursors.js';
import { Metrics } from '../../src/telemetry.js';
import { silentLogger } from '../../src/log.js';
import { judgeFailure } from '../../src/outbox/delivery-policy.js';
import { DeliveryError, RetryableError } from '../../src/ports.js';
import { fbComment, fbMessage } from './payloads.js';
import { caseOf, replyInputFor, replyRig } from './rig.js';
import { APP_SECRET, PAGE_TOKEN, startMetaWorld, VERIFY_TOKEN, type MetaWorld } from './world.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const usage = (call: number, cpu = 5, time = 5) => JSON.stringify({ call_count: call, total_cputime: cpu, total_time: time });
const buc = (pageId: string, call: number, regainMinutes = 0) =>
  JSON.stringify({
    [pageId]: [{ type: 'pages', call_count: call, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: regainMinutes }],
  });

/**
 * Meta's limits and failures: usage headers read from every answer and honoured before 100%
 * (gauges in /metrics), throttling codes waited out as Meta asks, an expired token reported on the
 * card and in the log without stopping anything, and each failure classified for the outbox.
 */
describe('Graph API limits and failures', () => {
  let w: MetaWorld;
  let fb: MetaSourceAdapter;
  beforeEach(async () => {
    w = await startMetaWorld();
    fb = w.facebook();
    await fb.start(w.sink);
  });
  afterEach(async () => {
    await w.close();
  });

  const store = () => w.graph.store;
  async function comment(text: string) {
    const jane = store().fbUser('Jane Doe');
    const c = fbComment(store(), { from: jane, message: text });
    expect((await w.deliver(c.payload)).status).toBe(200);
    await w.settle(fb);
    return c.id;
  }
  const gauge = async (name: string) => (await w.metrics.registry.getSingleMetric(name)?.get())?.values ?? [];

  it('reads X-App-Usage and X-Business-Use-Case-Usage into gauges; skips optional reads from 75%, holds reads from 90%', async () => {
    w.graph.usageHeaders = { 'x-app-usage': usage(40), 'x-business-use-case-usage': buc(store().page.id, 78) };
    await comment('first');
    const percent = await gauge('klaxon_source_meta_usage_percent');
    expect(percent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { header: 'app', type: 'app', metric: 'call_count' }, value: 40 }),
        expect.objectContaining({ labels: { header: 'business', type: 'pages', metric: 'call_count' }, value: 78 }),
      ]),
    );
    // At 78%: the next comment is ingested from the webhook alone, without a Graph read.
    const reads = w.graph.requests.length;
    const id = await comment('second, read from the webhook only');
    expect(w.graph.requests.length).toBe(reads);
    expect(w.mentions('facebook').find((m) => m.externalId === id)?.text).toBe('second, read from the webhook only');
    // Replies still go, and their answer brings the usage to 92%: reads now wait, replies keep the margin.
    w.graph.usageHeaders = { 'x-business-use-case-usage': buc(store().page.id, 92) };
    await fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'On it!'));
    expect((await gauge('klaxon_source_meta_paused')).find((v) => v.labels.calls === 'reads')?.value).toBe(1);
    await expect(fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'Still on it!'))).resolves.toBeTruthy();
    // At 98% even replies wait, before Meta's 100%: a RetryableError with the wait, and no call.
    w.graph.usageHeaders = { 'x-business-use-case-usage': buc(store().page.id, 98) };
    await fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'Third.'));
    const calls = w.graph.requests.length;
    const held = await fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'Fourth.')).catch((e: unknown) => e);
    expect(held).toBeInstanceOf(RetryableError);
    expect((held as RetryableError).retryAfterMs).toBe(5 * 60_000);
    expect(w.graph.requests.length).toBe(calls);
    // After the wait one call goes as a probe; usage has fallen, so everything flows again.
    w.graph.usageHeaders = {};
    w.timers.advance(5 * 60_000);
    await expect(fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'Fifth.'))).resolves.toBeTruthy();
    expect((await gauge('klaxon_source_meta_paused')).every((v) => v.value === 0)).toBe(true);
  });

  it.each([
    [4, 400],
    [17, 400],
    [32, 400],
    [613, 400],
    [80001, 400],
    [80006, 429],
  ])('throttling code %i (HTTP %i): the reply waits as long as Meta says, and every call waits with it', async (code, status) => {
    const id = await comment('Refund please');
    w.graph.throttleNext(code, { status, regainMinutes: 2 });
    const error = await fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'Hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBe(120_000);
    expect(store().replies).toHaveLength(0);
    const calls = w.graph.requests.length;
    await expect(fb.sendPrivate(replyInputFor(w.core, 'facebook', id, 'Hello'))).rejects.toBeInstanceOf(RetryableError);
    expect(w.graph.requests.length).toBe(calls);
    expect((await gauge('klaxon_source_meta_regain_seconds'))[0]?.value).toBe(120);
    w.timers.advance(120_000);
    await fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'Hello'));
    expect(store().replies).toHaveLength(1);
  });

  it('a throttled delivery stays stored and is processed after the wait', async () => {
    const jane = store().fbUser('Jane Doe');
    const dm = fbMessage(store(), { from: jane, text: 'help' });
    w.graph.throttleNext(80006, { method: 'GET', status: 429, regainMinutes: 3 });
    // The name read is optional: the message still arrives, named later.
    expect((await w.deliver(dm.payload)).status).toBe(200);
    await w.settle(fb);
    expect(w.mentions('facebook')).toHaveLength(1);
    expect(w.mentions('facebook')[0]?.authorName).toBeNull();
  });

  it('an expired token (OAuthException 190) is reported on the card and in the log, never a crash', async () => {
    const id = await comment('My order is late');
    w.graph.tokenExpired = true;
    const rig = await replyRig(w.core, fb, silentLogger);
    try {
      const view = await rig.reply(caseOf(w.core, 'facebook', id), 'Sorry about that!', 'public');
      expect(view?.status).toBe('failed');
      expect(view?.error).toMatch(/Meta refused the Page access token \(OAuthException 190: it has expired\).*META_PAGE_ACCESS_TOKEN/);
    } finally {
      await rig.close();
    }
    expect(w.logs.filter((l) => l.level === 'error' && l.msg.includes('OAuthException 190'))).toHaveLength(1);
    const caps = fb.capabilities({ externalId: id, isPrivate: false, text: '' });
    expect(caps.publicReply).toMatchObject({ possible: false, why: expect.stringMatching(/META_PAGE_ACCESS_TOKEN/) });
    // Comments keep arriving, from the webhook alone.
    const later = await comment('Hello?? Anyone?');
    expect(w.mentions('facebook').some((m) => m.externalId === later)).toBe(true);
    // A new token (after a restart) works again, and the log says so.
    w.graph.tokenExpired = false;
    await fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'Sorry!'));
    expect(fb.capabilities({ externalId: id, isPrivate: false, text: '' }).publicReply.possible).toBe(true);
    expect(w.logs.some((l) => l.msg.startsWith('Meta accepts the Page access token again'))).toBe(true);
  });

  it(
    'classifies failures: not connected = retry; cut off after the write = uncertain; 503 = retry; ' + "a refusal = failed in Meta's words",
    async () => {
      const id = await comment('Broken kettle');
      const input = replyInputFor(w.core, 'facebook', id, 'We are sorry');
      w.graph.inject({ method: 'POST', destroy: true, act: true });
      const cut = await fb.replyPublic(input).catch((e: unknown) => e);
      expect(cut).toBeInstanceOf(DeliveryError);
      expect(cut).toMatchObject({ phase: 'sent', status: null });
      expect(judgeFailure(cut, true)).toEqual({ kind: 'uncertain' });
      expect((cut as Error).message).toMatch(/^the public reply may have reached Facebook before the answer was lost/);
      // …and it had: a manual retry finds it instead of posting twice.
      expect(await fb.findDelivered?.(input, 'public', w.core.clock.now())).toEqual({ id: store().replies[0]!.id });
      w.graph.inject({
        method: 'POST',
        status: 503,
        body: { error: { message: 'Service temporarily unavailable', code: 2, is_transient: true } },
      });
      expect(judgeFailure(await fb.replyPublic(input).catch((e: unknown) => e), true)).toEqual({ kind: 'retry', delayMs: null });
      w.graph.inject({ method: 'POST', status: 500, body: { error: { message: 'An unknown error has occurred.', code: 1 } } });
      expect(judgeFailure(await fb.replyPublic(input).catch((e: unknown) => e), true)).toEqual({ kind: 'uncertain' });
      w.graph.inject({
        method: 'POST',
        status: 400,
        body: { error: { message: '(#200) Permissions error', code: 200, type: 'OAuthException' } },
      });
      const refused = await fb.replyPublic(input).catch((e: unknown) => e);
      expect((refused as Error).message).toBe('Facebook refused the public reply: Permissions error (code 200)');
      // Nothing listens there: the connection is refused before a byte of the reply is written.
      const settings = { ...w.settings, graphUrl: `http://127.0.0.1:${await closedPort()}` };
      const connection = createMetaConnection({
        settings,
        clock: w.core.clock,
        logger: silentLogger,
        metrics: new Metrics(),
        inbox: sqliteInbox(w.core.handle.db, 'meta', w.core.clock),
      });
      const unreachable = createFacebookAdapter({
        settings,
        clock: w.core.clock,
        logger: silentLogger,
        metrics: new Metrics(),
        cursors: kvCursorStore(w.core.handle.db, 'facebook', w.core.clock),
        connection,
      });
      const offline = await unreachable.replyPublic(input).catch((e: unknown) => e);
      expect(offline).toMatchObject({ phase: 'connect' });
      expect(judgeFailure(offline, true)).toMatchObject({ kind: 'retry' });
      expect((offline as Error).message).toMatch(/could not reach Facebook: ECONNREFUSED/);
    },
  );

  it('no secret in a log line, an error or a metric', async () => {
    const id = await comment('Hacked account!');
    w.graph.tokenExpired = true;
    const errors = [await fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'x')).catch((e: unknown) => e)];
    w.graph.tokenExpired = false;
    w.graph.inject({ method: 'POST', status: 400, body: { error: { message: `(#100) Invalid parameter ${PAGE_TOKEN}`, code: 100 } } });
    errors.push(await fb.replyPublic(replyInputFor(w.core, 'facebook', id, 'x')).catch((e: unknown) => e));
    await fetch(`${w.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=12`);
    await fetch(`${w.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope-nope-nope&hub.challenge=12`);
    await w.deliver('{"object":"page","entry":[]}', { signature: 'sha256=00' });
    const metrics = await w.metrics.registry.metrics();
    const text = [w.rawLogs.join('\n'), metrics, ...errors.map((e) => (e as Error).message)].join('\n');
    expect(w.rawLogs.length).toBeGreaterThan(3);
    for (const secret of [APP_SECRET, VERIFY_TOKEN, PAGE_TOKEN]) expect(text).not.toContain(secret);
  });
});
