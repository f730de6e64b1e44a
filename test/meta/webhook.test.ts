import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cases, webhookInbox } from '../../db/schema/index.js';
import { createFacebookAdapter, createMetaConnection } from '../../adapters/meta/index.js';
import { metaSignature } from '../../adapters/meta/signature.js';
import { sqliteInbox } from '../../adapters/source-kit/inbox.js';
import { kvCursorStore } from '../../adapters/source-kit/kv-cursors.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/telemetry.js';
import { fbComment, metaJson } from './payloads.js';
import { APP_SECRET, startMetaWorld, VERIFY_TOKEN, type MetaWorld } from './world.js';

/**
 * GET/POST /webhooks/meta: the subscription handshake, the signature over the exact bytes Meta
 * sends (escaped or raw UTF-8), refusals before anything is read or stored, durable storage
 * before the 200, and a delivery that survives a crash between storing and processing.
 */
describe('Meta webhook', () => {
  let w: MetaWorld;
  beforeEach(async () => {
    w = await startMetaWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  const inboxRows = () => w.core.handle.db.select().from(webhookInbox).all();
  const handshake = (q: Record<string, string>) => fetch(`${w.url}/webhooks/meta?${new URLSearchParams(q)}`);

  it('answers the handshake with the challenge as text/plain, and 403 for a wrong token or mode', async () => {
    const ok = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    const refused: Record<string, string>[] = [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'wrong-token-0123', 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': `${VERIFY_TOKEN}x`, 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' },
      { 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '<script>alert(1)</script>' },
    ];
    for (const q of refused) {
      const res = await handshake(q);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('alert');
    }
  });

  it('stores a delivery signed over escaped JSON, and one signed over raw UTF-8, byte for byte', async () => {
    const jane = w.graph.store.fbUser('Zoë Ağaoğlu');
    const escaped = fbComment(w.graph.store, { from: jane, message: 'Mi pedido 🚚 no llegó — ¿dónde está? مرحبا' });
    const body = metaJson(escaped.payload);
    expect(body).toContain('\\ud83d\\ude9a');
    expect(body).toContain('\\/');
    expect((await w.deliver(body)).status).toBe(200);
    const raw = fbComment(w.graph.store, { from: jane, message: 'Двойное списание 💳 — верните деньги' });
    const res = await w.deliver(raw.payload, { escape: false });
    expect(res.status).toBe(200);
    expect(inboxRows().map((r) => r.body)).toEqual([body, JSON.stringify(raw.payload)]);
    // The same text signed once escaped does not verify as raw bytes: the signature is over bytes, not meaning.
    const reencoded = JSON.stringify(JSON.parse(body));
    expect((await w.deliver(reencoded, { signature: metaSignature(APP_SECRET, Buffer.from(body)) })).status).toBe(401);
  });

  it('refuses a missing, malformed or wrong signature with 401 and stores nothing', async () => {
    const jane = w.graph.store.fbUser('Jane Doe');
    const { payload } = fbComment(w.graph.store, { from: jane, message: 'hello' });
    const body = metaJson(payload);
    expect((await w.deliver(body, { signature: null })).status).toBe(401);
    expect((await w.deliver(body, { signature: 'sha1=abcdef' })).status).toBe(401);
    expect((await w.deliver(body, { signature: `sha256=${'0'.repeat(64)}` })).status).toBe(401);
    expect((await w.deliver(body, { signature: metaSignature('another-app-secret-0000', body) })).status).toBe(401);
    // A body changed by one byte after signing.
    expect((await w.deliver(body.replace('hello', 'hellO'), { signature: metaSignature(APP_SECRET, body) })).status).toBe(401);
    expect(inboxRows()).toHaveLength(0);
    const outcomes = await w.metrics.registry.getSingleMetric('klaxon_source_meta_webhooks_total')?.get();
    expect(outcomes?.values.find((v) => v.labels.outcome === 'no_signature')?.value).toBe(2);
    expect(outcomes?.values.find((v) => v.labels.outcome === 'bad_signature')?.value).toBe(3);
  });

  it('refuses a body over the cap with 413, before storing; a signed non-delivery with 400', async () => {
    const big = `{"object":"page","entry":[],"pad":"${'x'.repeat(w.settings.maxBodyBytes)}"}`;
    expect((await w.deliver(big)).status).toBe(413);
    expect((await w.deliver('[1,2,3]')).status).toBe(400);
    expect((await w.deliver('{"object":')).status).toBe(400);
    // Signed, but about something Klaxon does not listen to: acknowledged, not stored.
    expect((await w.deliver({ object: 'permissions', entry: [] })).status).toBe(200);
    expect(inboxRows()).toHaveLength(0);
  });

  it('a replayed delivery is stored once and acts once', async () => {
    const fb = w.facebook();
    await fb.start(w.sink);
    const jane = w.graph.store.fbUser('Jane Doe');
    const { id, payload } = fbComment(w.graph.store, { from: jane, message: 'My refund never arrived' });
    for (let i = 0; i < 3; i += 1) expect((await w.deliver(payload)).status).toBe(200);
    // Meta's retry may batch differently: the same comment in another delivery still acts once.
    const other = { ...payload, entry: [...(payload.entry as unknown[]), ...(payload.entry as unknown[])] };
    expect((await w.deliver(other)).status).toBe(200);
    await w.settle(fb);
    expect(inboxRows()).toHaveLength(2);
    expect(w.mentions('facebook').map((m) => m.externalId)).toEqual([id]);
    expect(w.core.handle.db.select().from(cases).all()).toHaveLength(1);
  });

  it('stores while the listener is stopped; a restart after a crash processes the stored delivery once', async () => {
    const jane = w.graph.store.fbUser('Jane Doe');
    const first = fbComment(w.graph.store, { from: jane, message: 'Charged twice for my ticket' });
    expect((await w.deliver(first.payload)).status).toBe(200);
    expect(inboxRows()[0]?.processedAt).toBeNull();
    // A process that crashes while handing the delivery to the core.
    const crashing = w.facebook();
    await crashing.start({ ...w.sink, ingest: () => Promise.reject(new Error('process killed')) });
    await w.settle(crashing);
    await crashing.stop();
    expect(w.mentions('facebook')).toHaveLength(0);
    expect(inboxRows()[0]?.processedAt).toBeNull();
    expect(inboxRows()[0]?.lastError).toContain('process killed');
    expect((await w.metrics.registry.getSingleMetric('klaxon_source_meta_inbox_pending')?.get())?.values).toEqual([
      expect.objectContaining({ labels: { topic: 'page' }, value: 1 }),
    ]);

    // After the restart: a new connection and adapter on the same database.
    const connection = createMetaConnection({
      settings: w.settings,
      clock: w.core.clock,
      logger: silentLogger,
      metrics: new Metrics(),
      inbox: sqliteInbox(w.core.handle.db, 'meta', w.core.clock),
    });
    const restarted = createFacebookAdapter({
      settings: w.settings,
      clock: w.core.clock,
      logger: silentLogger,
      metrics: new Metrics(),
      cursors: kvCursorStore(w.core.handle.db, 'facebook', w.core.clock),
      timers: w.timers,
      random: () => 0.5,
      connection,
    });
    // Started after the failed attempt's wait is over.
    w.timers.advance(60_000);
    await restarted.start(w.sink);
    await w.settle(restarted);
    expect(w.mentions('facebook').map((m) => m.externalId)).toEqual([first.id]);
    expect(inboxRows()[0]?.processedAt).not.toBeNull();
    // Processed again (a crash after the core stored it, before the inbox row was marked): still once.
    w.core.handle.db.update(webhookInbox).set({ processedAt: null }).where(eq(webhookInbox.id, inboxRows()[0]!.id)).run();
    w.timers.advance(30_000);
    await w.settle(restarted);
    expect(inboxRows()[0]?.processedAt).not.toBeNull();
    expect(w.mentions('facebook')).toHaveLength(1);
    expect(w.core.handle.db.select().from(cases).all()).toHaveLength(1);
    await restarted.stop();
  });
});
