import { and, gte, lt } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kvState } from '../../db/schema/index.js';
import { KEEP_THREAD_RECORDS_MS } from '../../adapters/email/index.js';
import type { ReplyInput } from '../../src/ports.js';
import { mail, startEmailWorld, type EmailWorld } from './world.js';

let w: EmailWorld;
afterEach(async () => {
  await w?.close();
});

const waitFor = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 8_000, interval: 10 });
const DAY = 24 * 3_600_000;
const PRUNE_EVERY = 6 * 3_600_000;

/** Lets the next pruning round run: waits until it is scheduled, then moves the clock to it. */
async function pruneRound(): Promise<void> {
  await waitFor(() => expect(w.timers.pending().some((p) => p.ms === PRUNE_EVERY)).toBe(true));
  w.timers.advance(w.timers.pending().find((p) => p.ms === PRUNE_EVERY)!.inMs);
  await waitFor(() => expect(w.timers.pending().some((p) => p.ms === PRUNE_EVERY && p.inMs > 0)).toBe(true));
}

/** The e-mail source's thread records (`email:msg:*`, `email:thread:*`) in kv_state. */
function records(prefix: 'msg:' | 'thread:'): string[] {
  const key = `email:${prefix}`;
  return w.core.handle.db
    .select({ key: kvState.key })
    .from(kvState)
    .where(and(gte(kvState.key, key), lt(kvState.key, `${key}\uffff`)))
    .all()
    .map((r) => r.key.slice(key.length));
}

describe('e-mail thread records', () => {
  it('are forgotten once older than the retention; a late answer still joins its case by its References', async () => {
    w = await startEmailWorld();
    const adapter = await w.started(w.adapter());
    await waitFor(() => expect(w.imap.idling).toBe(1));
    w.imap.deliver(mail({ id: 'old@example.com', date: w.core.clock.now().toUTCString() }), w.core.clock.now());
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
    const caseId = w.mentions()[0]!.caseId;
    const input: ReplyInput = {
      caseId: caseId!,
      inReplyTo: 'old@example.com',
      author: { id: 'jane@example.com' },
      conversationId: 'old@example.com',
      text: 'We are on it.',
      idempotencyKey: 'klaxon-reply-1',
    };
    const sent = await adapter.sendPrivate(input);
    expect(records('msg:').sort()).toEqual(['old@example.com', sent.id!].sort());
    expect(records('thread:')).toEqual(['old@example.com']);

    // Kept while young: the next round forgets nothing.
    await pruneRound();
    expect(records('msg:')).toHaveLength(2);

    // A newer message arrives well within the retention; then the clock passes the first ones' retention.
    w.core.clock.advance(KEEP_THREAD_RECORDS_MS - 10 * DAY);
    w.imap.deliver(mail({ id: 'recent@example.com', from: 'bob@example.org', date: w.core.clock.now().toUTCString() }), w.core.clock.now());
    await waitFor(() => expect(w.mentions()).toHaveLength(2));
    w.core.clock.advance(20 * DAY);
    await pruneRound();
    expect(records('msg:')).toEqual(['recent@example.com']);
    expect(records('thread:')).toEqual(['recent@example.com']);
    expect(w.rawLogs.some((l) => l.includes('e-mail thread records older than 180 days forgotten'))).toBe(true);

    // The customer answers our old reply at last: its References still lead to the thread's root.
    w.imap.deliver(
      mail({
        id: 'late@example.com',
        subject: 'Re: My order has not arrived',
        inReplyTo: sent.id!,
        references: `<old@example.com> <${sent.id!}>`,
        date: w.core.clock.now().toUTCString(),
        body: 'Still nothing!',
      }),
      w.core.clock.now(),
    );
    await waitFor(() => expect(w.mentions()).toHaveLength(3));
    expect(w.mentions()[2]).toMatchObject({ externalId: 'late@example.com', conversationId: 'old@example.com', caseId });
  });
});

describe('pruning the cursor store', () => {
  it('forgets only old values under the prefix, in batches, and leaves every other key alone', async () => {
    const { makeCore } = await import('../helpers/core.js');
    const { kvCursorStore } = await import('../../adapters/source-kit/kv-cursors.js');
    const { ThreadStore } = await import('../../adapters/email/thread-store.js');
    const core = makeCore();
    try {
      const email = kvCursorStore(core.handle.db, 'email', core.clock);
      const other = kvCursorStore(core.handle.db, 'emailx', core.clock);
      for (let i = 0; i < 1_200; i += 1) await email.set(`msg:m${i}@example.com`, '{}');
      await email.set('thread:m1@example.com', 'm1@example.com');
      await email.set('imap:cursor', '{"lastUid":9}');
      await other.set('msg:m1@example.com', '{}');
      core.clock.advance(10 * DAY);
      await email.set('msg:fresh@example.com', '{}');
      const forgotten = await new ThreadStore(email).prune(new Date(core.clock.now().getTime() - DAY));
      expect(forgotten).toBe(1_201);
      expect(await email.get('msg:fresh@example.com')).toBe('{}');
      expect(await email.get('msg:m5@example.com')).toBeUndefined();
      expect(await email.get('thread:m1@example.com')).toBeUndefined();
      expect(await email.get('imap:cursor')).toBe('{"lastUid":9}');
      expect(await other.get('msg:m1@example.com')).toBe('{}');
    } finally {
      core.handle.close();
    }
  });
});
