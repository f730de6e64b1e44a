import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { caseEvents, cases, mentions, outbox } from '../../db/schema/index.js';
import { recordReposts } from '../../src/ingest/amplify.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

describe('reposts (retweets) on a real database', () => {
  let core: Core;
  afterEach(() => core.handle.close());
  const repost = (id: string, followers: number) =>
    parsed(mention({ id, author: { id: `rt-${id}`, handle: `fan${id}`, followers }, text: 'RT @jane: charged twice' }));

  it("adds the reposter's followers and one to the volume of the original's case, once, with an audit row and a card update", async () => {
    core = makeCore();
    await ingestMentions(core.ingest, [parsed(mention({ id: 'orig', author: { id: '42', handle: 'jane', followers: 100 } }))]);
    const before = core.handle.db.select().from(cases).get()!;
    core.handle.db.delete(outbox).run();
    let woken = 0;
    const deps = { db: core.handle.db, clock: core.clock, onCommitted: () => (woken += 1) };

    const result = await recordReposts(deps, [
      { mention: repost('rt1', 5000), originalId: 'orig' },
      { mention: repost('rt2', 700), originalId: 'orig' },
    ]);
    expect(result).toEqual({ accepted: 2, duplicates: 0, touched: [before.id], orphans: 0 });
    const after = core.handle.db.select().from(cases).get()!;
    expect(after).toMatchObject({ reach: 100 + 5000 + 700, mentionCount: 3, version: before.version + 2 });
    expect(
      core.handle.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.kind, 'mention_added'))
        .all()
        .map((e) => e.detail?.retweet),
    ).toEqual([true, true]);
    expect(
      core.handle.db
        .select()
        .from(outbox)
        .all()
        .map((o) => o.kind),
    ).toEqual(['card.update']);
    expect(woken).toBe(1);

    // The same repost again is a duplicate and changes nothing.
    expect(await recordReposts(deps, [{ mention: repost('rt1', 5000), originalId: 'orig' }])).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(core.handle.db.select().from(cases).get()!.reach).toBe(5800);
  });

  it('stores a repost of an unknown post with no case and never opens one', async () => {
    core = makeCore();
    const result = await recordReposts({ db: core.handle.db, clock: core.clock }, [
      { mention: repost('rt9', 10), originalId: 'nobody-knows' },
    ]);
    expect(result).toMatchObject({ accepted: 1, orphans: 1, touched: [] });
    expect(core.handle.db.select().from(cases).all()).toHaveLength(0);
    expect(core.handle.db.select().from(mentions).get()).toMatchObject({ externalId: 'rt9', caseId: null });
  });
});
