import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { cases, mentions, outbox } from '../../db/schema/index.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { stormConfigSchema } from '../../src/ingest/storms/config.js';
import { StormDetector } from '../../src/ingest/storms/detector.js';
import { fingerprint, jaccard, linksIn } from '../../src/ingest/storms/minhash.js';
import { loadCaseView } from '../../src/cases/view.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const OUTAGE = [
  'Your app has been down all morning, I cannot log in to pay my bills',
  'your app has been down all morning!! I cannot log in to pay my bills',
  'Your app has been down all morning, I still cannot log in to pay my bills',
  '@bank your app has been down all morning, I cannot log in to pay my bills. fix it',
  'Your app has been down all morning and I cannot log in to pay my bills #fail',
];

describe('storm fingerprints', () => {
  it('scores near-duplicates as similar and different complaints as not', () => {
    const a = fingerprint(OUTAGE[0]!);
    for (const text of OUTAGE.slice(1)) expect(jaccard(a, fingerprint(text))).toBeGreaterThanOrEqual(0.6);
    expect(jaccard(a, fingerprint('Lost my luggage on the way to Denver and nobody at the desk will help'))).toBeLessThan(0.2);
  });

  it('normalizes shared links', () => {
    expect(linksIn('see https://status.example.com/incidents/42?utm_source=x, awful')).toEqual(['status.example.com/incidents/42']);
  });
});

describe('storm clustering on a real database', () => {
  let core: Core;
  afterEach(() => core.handle.close());

  function withStorms(vips: string[] = []) {
    core = makeCore({ vips });
    core.ingest.storms = new StormDetector(stormConfigSchema.parse({}));
  }

  it('a burst of near-duplicates becomes one incident card with the right count; a VIP keeps their own card', async () => {
    withStorms(['famous']);
    const burst = Array.from({ length: 20 }, (_, i) =>
      parsed(mention({ id: `s${i}`, author: { id: `u${i}`, handle: `user${i}`, followers: 100 + i }, text: OUTAGE[i % OUTAGE.length]! })),
    );
    burst.splice(7, 0, parsed(mention({ id: 'vip', author: { id: 'v1', handle: 'famous', followers: 900 }, text: OUTAGE[1]! })));
    await ingestMentions(core.ingest, burst);

    const all = core.handle.db.select().from(cases).all();
    const incidents = all.filter((c) => c.kind === 'incident');
    expect(incidents).toHaveLength(1);
    const incident = incidents[0]!;
    expect(incident.mentionCount).toBe(21); // 20 members + the VIP counted in the storm
    expect(core.handle.db.select().from(mentions).where(eq(mentions.caseId, incident.id)).all()).toHaveLength(20);
    const vipCase = all.find((c) => c.authorKey === 'twitter:id:v1')!;
    expect(vipCase.kind).toBe('single');
    expect(vipCase.state).toBe('open');
    // The two mentions before the storm formed were merged into it.
    const merged = all.filter((c) => c.mergedInto === incident.id);
    expect(merged).toHaveLength(2);
    expect(merged.every((c) => c.state === 'resolved' && !c.actionable)).toBe(true);
    // Cards: the incident and the VIP; the merged cases' posts are moot.
    const open = all
      .filter((c) => c.state === 'open')
      .map((c) => c.id)
      .sort();
    expect(open).toEqual([incident.id, vipCase.id].sort());
    const view = loadCaseView(core.handle.db, incident.id, core.clock.now(), core.cases.sla)!;
    expect(view.incident?.samples).toHaveLength(3);
    expect(view.reach).toBe(burst.reduce((sum, m) => sum + (m.author.followers ?? 0), 0));
    expect(core.handle.db.select().from(outbox).where(eq(outbox.kind, 'card.post')).all().length).toBeGreaterThanOrEqual(2);
  });

  it("an incident's priority rises with its volume", async () => {
    withStorms();
    await ingestMentions(
      core.ingest,
      OUTAGE.slice(0, 3).map((text, i) => parsed(mention({ id: `a${i}`, author: { id: `a${i}`, followers: 10 }, text }))),
    );
    const early = core.handle.db.select().from(cases).where(eq(cases.kind, 'incident')).get()!;
    await ingestMentions(
      core.ingest,
      Array.from({ length: 60 }, (_, i) => parsed(mention({ id: `b${i}`, author: { id: `b${i}`, followers: 10 }, text: OUTAGE[i % 5]! }))),
    );
    const later = core.handle.db.select().from(cases).where(eq(cases.id, early.id)).get()!;
    expect(later.mentionCount).toBe(63);
    expect(later.score).toBeGreaterThan(early.score);
  });

  it('unrelated complaints and one person repeating themselves do not make a storm', async () => {
    withStorms();
    await ingestMentions(core.ingest, [
      parsed(mention({ id: 'x1', author: { id: 'x1' }, text: 'My parcel is three days late' })),
      parsed(mention({ id: 'x2', author: { id: 'x2' }, text: 'Charged twice for one subscription, please refund' })),
      parsed(mention({ id: 'x3', author: { id: 'x3' }, text: 'The new update deleted all my saved playlists' })),
      ...OUTAGE.slice(0, 3).map((text, i) => parsed(mention({ id: `same${i}`, author: { id: 'same' }, text }))),
    ]);
    expect(core.handle.db.select().from(cases).where(eq(cases.kind, 'incident')).all()).toHaveLength(0);
  });

  it('keeps clustering after a restart (the window is rebuilt from the database)', async () => {
    withStorms();
    await ingestMentions(
      core.ingest,
      OUTAGE.slice(0, 2).map((text, i) => parsed(mention({ id: `r${i}`, author: { id: `r${i}` }, text }))),
    );
    core.ingest.storms = new StormDetector(stormConfigSchema.parse({}));
    expect(core.ingest.storms.warm(core.handle.db, core.clock.now())).toBe(2);
    await ingestMentions(core.ingest, [parsed(mention({ id: 'r2', author: { id: 'r2' }, text: OUTAGE[2]! }))]);
    expect(core.handle.db.select().from(cases).where(eq(cases.kind, 'incident')).all()).toHaveLength(1);
  });
});
