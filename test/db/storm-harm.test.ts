import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/slack/blocks/card.js';
import { caseEvents, cases, mentions, outbox } from '../../db/schema/index.js';
import { loadCaseView } from '../../src/cases/view.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { stormConfigSchema } from '../../src/ingest/storms/config.js';
import { StormDetector } from '../../src/ingest/storms/detector.js';
import { harmConfigSchema } from '../../src/scoring/harm/config.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

/**
 * Storm joins carry harm (real migrations, SQLite): a report that joins an incident with a harm
 * category or more urgency than the incident raises it, through the case mutator (audit row, card
 * update, thread line); nothing that joins lowers it; every change of the incident's version has
 * its audit row.
 */

/** A power cut told in people's own words (a paraphrase storm, not copies). */
const POWER_CUT = [
  'Power cut in Leeds LS6 since 7am, whole street is dark',
  'Power cut in Leeds LS6 since 7am, anyone know when it is back?',
  'power out in LS6 since 7am again',
];
const SAFETY = 'Power cut in Leeds LS6 since 7am and now sparks and smoke are coming from the cable box outside my house';
const HARMLESS = [
  'Power cut in Leeds LS6 since 7am, whole street is dark!!',
  'power out in LS6 since 7am, still',
  'Power cut in Leeds LS6 since 7am, any news?',
];

const OUTAGE = [
  'Your app has been down all morning, I cannot log in to pay my bills',
  'your app has been down all morning!! I cannot log in to pay my bills',
  'Your app has been down all morning, I still cannot log in to pay my bills',
  '@bank your app has been down all morning, I cannot log in to pay my bills. fix it',
];

describe('storm joins carry harm', () => {
  let core: Core;
  let n = 0;
  afterEach(() => core.handle.close());

  function withStorms(options: { vips?: string[]; harm?: Record<string, unknown> } = {}) {
    core = makeCore({ vips: options.vips ?? [] });
    core.ingest.storms = new StormDetector(stormConfigSchema.parse({}));
    if (options.harm) core.ingest.harm = harmConfigSchema.parse(options.harm);
  }
  const report = (text: string, author: { id?: string; handle?: string; followers?: number } = {}) => {
    n += 1;
    return parsed(mention({ id: `r${n}`, author: { id: `u${n}`, followers: 50, ...author }, text }));
  };
  const incident = () => core.handle.db.select().from(cases).where(eq(cases.kind, 'incident')).get()!;
  const caseOfMention = (externalId: string) =>
    core.handle.db.select().from(mentions).where(eq(mentions.externalId, externalId)).get()!.caseId;
  const events = (caseId: number, kind?: string) =>
    core.handle.db
      .select()
      .from(caseEvents)
      .where(kind ? and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind)) : eq(caseEvents.caseId, caseId))
      .all();

  it(
    'a safety report joining an outage storm makes the incident card P1, ' + '"safety risk" first; harmless repeats do not lower it',
    async () => {
      withStorms();
      await ingestMentions(
        core.ingest,
        POWER_CUT.map((text) => report(text)),
      );
      const before = incident();
      expect(before.priority).not.toBe('P1');
      expect(before.harm).not.toContain('safety');
      core.clock.advance(60_000);

      await ingestMentions(core.ingest, [report(SAFETY)]);
      expect(caseOfMention(`r${n}`)).toBe(before.id);
      const raised = incident();
      expect(raised.priority).toBe('P1');
      expect(raised.harm).toContain('safety');
      expect(raised.reasons[0]).toMatch(/^safety risk/);
      // Through the case mutator: the audit row, the card updated in place and a thread line.
      const [audit] = events(raised.id, 'storm_raised');
      expect(audit).toMatchObject({ actor: 'ingest', detail: { from: before.priority, to: 'P1', harm: ['safety'] } });
      const writes = core.handle.db.select().from(outbox).where(eq(outbox.caseId, raised.id)).all();
      expect(writes.some((w) => w.kind === 'card.update' && w.status === 'pending')).toBe(true);
      const line = writes.find((w) => w.kind === 'thread.post')!.payload as { text: string };
      expect(line.text).toBe(`🌪 Raised ${before.priority} → P1: a report in the storm names safety risk`);
      // The card as Slack shows it.
      const view = loadCaseView(core.handle.db, raised.id, core.clock.now(), core.cases.sla)!;
      expect(view.priority).toBe('P1');
      const card = JSON.stringify(renderCard(view).blocks);
      expect(card).toContain('P1');
      expect(card).toContain('safety risk');

      core.clock.advance(60_000);
      await ingestMentions(
        core.ingest,
        HARMLESS.map((text) => report(text)),
      );
      const after = incident();
      // They joined, each less urgent than the incident on its own, and lowered nothing.
      const repeats = core.handle.db.select().from(mentions).all().slice(-HARMLESS.length);
      expect(repeats.every((m) => m.caseId === after.id)).toBe(true);
      expect(repeats.some((m) => (m.score ?? 100) < core.ingest.scoring.thresholds.p1)).toBe(true);
      expect(after.mentionCount).toBe(raised.mentionCount + HARMLESS.length);
      expect(after.priority).toBe('P1');
      expect(after.harm).toEqual(raised.harm);
      expect(after.reasons[0]).toMatch(/^safety risk/);
      expect(after.score).toBeGreaterThanOrEqual(raised.score);
      expect(events(after.id, 'storm_raised')).toHaveLength(1);
      // Every change of the incident's version has its audit row.
      expect(events(after.id)).toHaveLength(after.version);
    },
  );

  it('a case folded into a forming incident keeps its harm and urgency in it', async () => {
    withStorms();
    await ingestMentions(core.ingest, [report(POWER_CUT[0]!), report(SAFETY)]);
    const safetyCase = core.handle.db
      .select()
      .from(cases)
      .where(eq(cases.id, caseOfMention(`r${n}`)!))
      .get()!;
    expect(safetyCase).toMatchObject({ kind: 'single', priority: 'P1' });
    expect(safetyCase.harm).toContain('safety');
    core.clock.advance(60_000);
    await ingestMentions(core.ingest, [report(POWER_CUT[1]!), report(POWER_CUT[2]!)]);
    const formed = incident();
    const folded = core.handle.db.select().from(cases).where(eq(cases.id, safetyCase.id)).get();
    expect(folded).toMatchObject({ state: 'resolved', mergedInto: formed.id });
    expect(formed.priority).toBe('P1');
    expect(formed.harm).toContain('safety');
    expect(formed.reasons[0]).toMatch(/^safety risk/);
    expect(events(formed.id, 'storm_raised').length).toBeGreaterThanOrEqual(1);
  });

  it('the floor applied is the configured one (harm.<id>)', async () => {
    for (const [harm, expected] of [
      [{}, 'P1'],
      [{ safety: 'P2' }, 'P2'],
    ] as const) {
      withStorms({ harm });
      // No text reaches P1 on its own here: only a floor can put the incident there.
      core.ingest.scoring = { ...core.ingest.scoring, thresholds: { p1: 99, p2: 50, p3: 25 } };
      await ingestMentions(
        core.ingest,
        POWER_CUT.map((text) => report(text)),
      );
      expect(incident().priority).toBe('P2');
      core.clock.advance(60_000);
      await ingestMentions(core.ingest, [report(SAFETY)]);
      expect(incident().harm).toContain('safety');
      expect(incident().priority).toBe(expected);
      core.handle.close();
    }
    withStorms();
  });

  it('a VIP in a storm keeps their own card and is counted in the incident with an audit row', async () => {
    withStorms({ vips: ['famous'] });
    await ingestMentions(
      core.ingest,
      OUTAGE.map((text) => report(text)),
    );
    const storm = incident();
    await ingestMentions(core.ingest, [report(OUTAGE[1]!, { id: 'v1', handle: 'famous', followers: 900 })]);
    const vipCase = caseOfMention(`r${n}`)!;
    expect(vipCase).not.toBe(storm.id);
    const counted = incident();
    expect(counted.mentionCount).toBe(storm.mentionCount + 1);
    expect(counted.version).toBe(storm.version + 1);
    const [audit] = events(storm.id, 'mention_added').filter((e) => (e.detail as { ownCase?: number }).ownCase !== undefined);
    expect(audit).toMatchObject({ actor: 'ingest', detail: { storm: true, volume: counted.mentionCount, ownCase: vipCase } });
    expect(events(counted.id)).toHaveLength(counted.version);
  });
});
