import { and, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import type { MetaSourceAdapter } from '../../adapters/meta/index.js';
import { silentLogger } from '../../src/log.js';
import { RetryableError } from '../../src/ports.js';
import { fbComment, fbMessage, igComment, igMessage, type Payload } from './payloads.js';
import { caseOf, replyInputFor, replyRig } from './rig.js';
import { APP_SECRET, PAGE_TOKEN, startMetaWorld, VERIFY_TOKEN, type MetaWorld } from './world.js';

/**
 * The contract's points in Meta's own terms, beyond what the shared suite
 * (test/contract/meta.source.test.ts) checks: comments and direct messages side by side, Meta's
 * redelivery of a stored delivery, both replies on one comment, the 551 refusal in Meta's words,
 * throttling lifted after Meta's wait, and no secret in a log line, an error or a metric.
 */
interface Platform {
  name: 'facebook' | 'instagram';
  adapter(w: MetaWorld): MetaSourceAdapter;
  /** The customer comments in public; returns the item id and Meta's delivery. */
  writes(w: MetaWorld, person: string, text: string, parentId?: string): { id: string; payload: Payload };
  /** The customer writes a direct message. */
  messages(w: MetaWorld, person: string, text: string): { id: string; payload: Payload };
}

function fbPerson(w: MetaWorld, name: string) {
  const known = [...w.graph.store.fbUsers.values()].find((u) => u.name === name);
  return known ?? w.graph.store.fbUser(name);
}
function igPerson(w: MetaWorld, name: string) {
  const username = name.toLowerCase().replace(/\s+/g, '.');
  return [...w.graph.store.igUsers.values()].find((u) => u.username === username) ?? w.graph.store.igUser(username, name);
}

const PLATFORMS: Platform[] = [
  {
    name: 'facebook',
    adapter: (w) => w.facebook(),
    writes: (w, person, text, parentId) => fbComment(w.graph.store, { from: fbPerson(w, person), message: text, parentId }),
    messages: (w, person, text) => {
      const m = fbMessage(w.graph.store, { from: fbPerson(w, person), text });
      return { id: m.mid, payload: m.payload };
    },
  },
  {
    name: 'instagram',
    adapter: (w) => w.instagram(),
    writes: (w, person, text, parentId) => igComment(w.graph.store, { from: igPerson(w, person), text, parentId }),
    messages: (w, person, text) => {
      const m = igMessage(w.graph.store, { from: igPerson(w, person), text });
      return { id: m.mid, payload: m.payload };
    },
  },
];

for (const p of PLATFORMS) {
  describe(`source contract: ${p.name}`, () => {
    let w: MetaWorld;
    let adapter: MetaSourceAdapter;
    beforeEach(async () => {
      w = await startMetaWorld();
      adapter = p.adapter(w);
      await adapter.start(w.sink);
    });
    afterEach(async () => {
      await w.close();
    });

    const inbound = () =>
      w.core.handle.db
        .select()
        .from(mentions)
        .where(and(eq(mentions.source, p.name), eq(mentions.direction, 'inbound'), isNull(mentions.repostOf)))
        .all();
    async function arrive(...items: { payload: Payload }[]) {
      for (const i of items) expect((await w.deliver(i.payload)).status).toBe(200);
      await w.settle(adapter);
    }

    it('listens: one case per item, from this source', async () => {
      const a = p.writes(w, 'Jane Doe', 'My card was charged twice for order 5512 and nobody answers');
      const b = p.writes(w, 'Omar Haddad', 'The app crashes every time I open my invoices 😡');
      const c = p.messages(w, 'Li Wei', '我的包裹丢了');
      await arrive(a, b, c);
      expect(
        inbound()
          .map((m) => m.externalId)
          .sort(),
      ).toEqual([a.id, b.id, c.id].sort());
      expect(new Set([a, b, c].map((i) => caseOf(w.core, p.name, i.id))).size).toBe(3);
      expect(
        w.core.handle.db
          .select()
          .from(cases)
          .all()
          .every((row) => row.source === p.name),
      ).toBe(true);
    });

    it('nothing twice across a restart, and nothing lost while stopped', async () => {
      const a = p.writes(w, 'Jane Doe', 'First message before the restart');
      await arrive(a);
      await adapter.stop();
      const b = p.writes(w, 'Omar Haddad', 'Second message while Klaxon was down');
      expect((await w.deliver(b.payload)).status).toBe(200);
      expect((await w.deliver(a.payload)).status).toBe(200);
      adapter = p.adapter(w);
      await adapter.start(w.sink);
      await w.settle(adapter);
      expect(
        inbound()
          .map((m) => m.externalId)
          .sort(),
      ).toEqual([a.id, b.id].sort());
      expect(w.core.handle.db.select().from(cases).all()).toHaveLength(2);
    });

    it('a follow-up joins its case', async () => {
      const first = p.writes(w, 'Jane Doe', 'Still no refund for my cancelled flight');
      await arrive(first);
      const next = p.writes(w, 'Jane Doe', 'Any news? It has been three weeks', first.id);
      const dm = p.messages(w, 'Jane Doe', 'Hello?');
      const dm2 = p.messages(w, 'Jane Doe', 'Anyone there?');
      await arrive(next, dm, dm2);
      expect(caseOf(w.core, p.name, next.id)).toBe(caseOf(w.core, p.name, first.id));
      expect(caseOf(w.core, p.name, dm2.id)).toBe(caseOf(w.core, p.name, dm.id));
      expect(w.core.handle.db.select().from(cases).all()).toHaveLength(2);
    });

    it('a public reply; a private reply; both recorded as responses', async () => {
      const item = p.writes(w, 'Jane Doe', 'Where is my parcel? Tracking says delivered but nothing came');
      await arrive(item);
      const caseId = caseOf(w.core, p.name, item.id);
      const rig = await replyRig(w.core, adapter, silentLogger);
      try {
        expect(adapter.capabilities({ externalId: item.id, isPrivate: false, text: 'x' }).publicReply.possible).toBe(true);
        expect((await rig.reply(caseId, 'Sorry about this! We are checking with the courier now.', 'public'))?.status).toBe('done');
        expect(w.graph.store.replies.map((r) => r.text)).toEqual(['Sorry about this! We are checking with the courier now.']);
        expect((await rig.reply(caseId, 'Could you send us your order number? We will sort it out today.', 'private'))?.status).toBe(
          'done',
        );
        expect(w.graph.store.sent.map((s) => s.text)).toEqual(['Could you send us your order number? We will sort it out today.']);
        expect(w.core.handle.db.select().from(cases).where(eq(cases.id, caseId)).get()?.firstResponseVia).toBe('klaxon');
      } finally {
        await rig.close();
      }
    });

    it("a refusal from the platform is shown on the card, in the platform's terms", async () => {
      const dm = p.messages(w, 'Jane Doe', 'Please call me, I cannot use the app');
      await arrive(dm);
      w.graph.refuseNextPrivate();
      const rig = await replyRig(w.core, adapter, silentLogger);
      try {
        const caseId = caseOf(w.core, p.name, dm.id);
        const view = await rig.reply(caseId, 'We have sent you a message.', 'private');
        expect(view?.status).toBe('failed');
        expect(view?.error).toMatch(/refused the .*: This person isn't available right now\. \(code 551\/1545041\)$/);
        expect(
          rig.threadLines(caseId).some((l) => l.includes('NOT delivered') && l.includes("This person isn't available right now")),
        ).toBe(true);
        expect(w.graph.store.sent).toHaveLength(0);
      } finally {
        await rig.close();
      }
    });

    it("honours the platform's rate limit: the wait until Meta restores access, measured on the injected clock", async () => {
      const item = p.writes(w, 'Jane Doe', 'Hello? Anyone there?');
      await arrive(item);
      w.graph.throttleNext(80002, { status: 400, regainMinutes: 2 });
      const error = await adapter.replyPublic(replyInputFor(w.core, p.name, item.id, 'Yes, we are here!')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableError);
      expect((error as RetryableError).retryAfterMs).toBeGreaterThanOrEqual(120_000);
      expect((error as RetryableError).retryAfterMs).toBeLessThanOrEqual(121_000);
      w.timers.advance(120_000);
      await adapter.replyPublic(replyInputFor(w.core, p.name, item.id, 'Yes, we are here!'));
      expect(w.graph.store.replies).toHaveLength(1);
    });

    it('never logs a secret, nor puts one in an error or a metric label', async () => {
      const dm = p.messages(w, 'Jane Doe', 'My account was hacked, please help');
      await arrive(dm);
      w.graph.refuseNextPrivate();
      const rig = await replyRig(w.core, adapter, silentLogger);
      try {
        const refused = await rig.reply(caseOf(w.core, p.name, dm.id), 'Please reset your password now.', 'private');
        const metrics = await w.metrics.registry.metrics();
        for (const secret of [APP_SECRET, VERIFY_TOKEN, PAGE_TOKEN]) {
          expect(w.rawLogs.join('\n')).not.toContain(secret);
          expect(refused?.error ?? '').not.toContain(secret);
          expect(metrics).not.toContain(secret);
        }
        expect(w.rawLogs.length).toBeGreaterThan(0);
      } finally {
        await rig.close();
      }
    });
  });
}
