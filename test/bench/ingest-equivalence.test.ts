import { asc } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, mentions, outbox } from '../../db/schema/index.js';
import { ingestMentions, type IngestDeps, type IngestResult } from '../../src/ingest/ingest.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import { stormConfigSchema } from '../../src/ingest/storms/config.js';
import { StormDetector } from '../../src/ingest/storms/detector.js';
import { loadAirlineTweets } from '../../scripts/eval/airline.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention, type MentionFixture } from '../helpers/ingest.js';
import { sharedData } from '../helpers/requirements.js';
import { ingestMentionsReference } from './reference-ingest.js';

/**
 * The prepared-statement ingest path must write exactly what the query-builder path wrote: same
 * results, same rows in every table the ingest touches, through every branch (new case,
 * duplicate, conversation and thread follow-ups, raised and unraised joins, outbound answers,
 * storms forming and joined, VIPs and influencers in a storm, clustering off).
 */

const OUTAGE = [
  'Your app has been down all morning, I cannot log in to pay my bills',
  'your app has been down all morning!! I cannot log in to pay my bills',
  'Your app has been down all morning, I still cannot log in to pay my bills',
  '@bank your app has been down all morning, I cannot log in to pay my bills. fix it',
];

const data = sharedData(import.meta.filename, 'airline-tweets.csv');
let tweets: string[] = [];

/** Batches that walk every branch of ingest, with the clock moving between them. */
function scenario(): { batches: MentionFixture[][]; vips: string[] } {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString();
  const real: MentionFixture[] = tweets.map((text, i) =>
    mention({
      id: `r${i}`,
      text,
      author: { id: `ra${i % 150}`, handle: `Reader${i % 150}`, followers: (i * 7919) % 90_000, verified: i % 17 === 0 },
      createdAt: at(i % 60),
    }),
  );
  const jane = { id: 'j1', handle: 'jane', followers: 40 };
  const batches: MentionFixture[][] = [
    real.slice(0, 150),
    [
      // A duplicate inside the batch and of an earlier batch.
      mention({ id: 'r3', text: 'again' }),
      mention({ id: 'd1', text: 'Parcel lost, tracking says delivered' }),
      mention({ id: 'd1', text: 'Parcel lost, tracking says delivered' }),
      mention({ id: 'r3', source: 'facebook', text: 'same id, another source' }),
      // A conversation: opened, then joined without and with a higher score.
      mention({ id: 'c1', author: jane, conversationId: 'conv-1', text: 'my parcel is a bit late', createdAt: at(1) }),
      mention({ id: 'c2', author: jane, conversationId: 'conv-1', text: 'ok thanks', createdAt: at(2) }),
      mention({
        id: 'c3',
        author: jane,
        conversationId: 'conv-1',
        text: 'Still nothing after a week, I want a refund or I will call my lawyer. Disgusting service',
        createdAt: at(3),
      }),
      // Thread follow-up by inReplyTo, from the same author and from another author.
      mention({ id: 't1', author: { id: 'sam', handle: 'sam' }, text: 'The app keeps crashing on login' }),
      mention({ id: 't2', author: { id: 'sam', handle: 'sam' }, inReplyTo: 't1', text: 'still crashing' }),
      mention({ id: 't3', author: { id: 'kim', handle: 'kim' }, inReplyTo: 't1', text: 'same for me' }),
    ],
    [
      // Outbound answers: first response recorded once; a reply to an unknown id does nothing.
      mention({
        id: 'b1',
        direction: 'outbound',
        author: { handle: 'BrandCare' },
        inReplyTo: 't1',
        createdAt: at(30),
        text: 'Sorry! DM us.',
      }),
      mention({
        id: 'b2',
        direction: 'outbound',
        author: { handle: 'BrandCare' },
        inReplyTo: 't1',
        createdAt: at(31),
        text: 'Following up.',
      }),
      mention({ id: 'b3', direction: 'outbound', author: { name: 'Care team' }, inReplyTo: 'nope', createdAt: at(31), text: 'Hello' }),
      // The customer answers the brand: continues the case.
      mention({ id: 't4', author: { id: 'sam', handle: 'sam' }, inReplyTo: 'b1', text: 'DMed you, still broken' }),
      ...real.slice(150, 250),
    ],
    [
      // A storm: near-duplicates from many authors, a VIP and an influencer among them.
      ...Array.from({ length: 14 }, (_, i) =>
        mention({ id: `s${i}`, author: { id: `su${i}`, handle: `storm${i}`, followers: 100 + i }, text: OUTAGE[i % OUTAGE.length]! }),
      ),
      mention({ id: 'vip', author: { id: 'v1', handle: 'Famous', followers: 900 }, text: OUTAGE[1]! }),
      mention({ id: 'inf', author: { id: 'i1', handle: 'influencer', followers: 80_000 }, text: OUTAGE[2]! }),
      mention({ id: 'link1', author: { id: 'l1' }, text: 'Is this down? https://status.example.com/incidents/42?utm_source=x' }),
      mention({ id: 'link2', author: { id: 'l2' }, text: 'down for me https://status.example.com/incidents/42' }),
      mention({ id: 'link3', author: { id: 'l3' }, text: 'cannot pay https://status.example.com/incidents/42/' }),
      // A paraphrase storm whose early reports include a safety risk: folded in, it raises the incident.
      mention({ id: 'pc1', author: { id: 'pc1' }, text: 'Power cut in Leeds LS6 since 7am, whole street is dark' }),
      mention({
        id: 'pc2',
        author: { id: 'pc2' },
        text: 'Power cut in Leeds LS6 since 7am and now sparks and smoke are coming from the cable box outside my house',
      }),
      ...real.slice(250),
    ],
    [
      // More of the storm after it formed: joins the incident.
      ...Array.from({ length: 5 }, (_, i) => mention({ id: `s2-${i}`, author: { id: `su2${i}` }, text: OUTAGE[(i + 1) % OUTAGE.length]! })),
      mention({ id: 'link4', author: { id: 'l4' }, text: 'https://status.example.com/incidents/42 still down' }),
      // Joins that carry harm the incident lacks raise it (storms/carry.ts).
      mention({ id: 'pc3', author: { id: 'pc3' }, text: 'Power cut in Leeds LS6 since 7am, anyone know when it is back?' }),
      mention({ id: 'pc4', author: { id: 'pc4' }, text: 'power out in LS6 since 7am again' }),
      mention({
        id: 's-vul',
        author: { id: 'svul' },
        text: 'Your app has been down all morning and I cannot log in to pay my bills, my elderly mum cannot pay for her heating',
      }),
    ],
  ];
  return { batches, vips: ['famous'] };
}

type Tables = Record<'mentions' | 'cases' | 'case_events' | 'outbox', unknown[]>;

function dump(core: Core): Tables {
  const db = core.handle.db;
  return {
    mentions: db.select().from(mentions).orderBy(asc(mentions.id)).all(),
    cases: db.select().from(cases).orderBy(asc(cases.id)).all(),
    case_events: db.select().from(caseEvents).orderBy(asc(caseEvents.id)).all(),
    outbox: db.select().from(outbox).orderBy(asc(outbox.id)).all(),
  };
}

async function run(
  ingest: (deps: IngestDeps, batch: readonly MentionInput[]) => Promise<IngestResult>,
  storms: 'on' | 'off' | 'absent',
): Promise<{ results: IngestResult[]; tables: Tables; core: Core }> {
  const { batches, vips } = scenario();
  const core = makeCore({ vips, platforms: ['slack'] });
  core.ingest.routing = { ...core.ingest.routing, rules: [{ match: { keywords: ['lawyer'] }, slack: 'CLEGAL' }] };
  if (storms !== 'absent') core.ingest.storms = new StormDetector(stormConfigSchema.parse({ enabled: storms === 'on' }));
  const results: IngestResult[] = [];
  for (const batch of batches) {
    results.push(await ingest(core.ingest, batch.map(parsed)));
    core.clock.advance(60_000);
  }
  return { results, tables: dump(core), core };
}

describe.skipIf(data.skip)('prepared-statement ingest writes what the query-builder ingest wrote', () => {
  const open: Core[] = [];
  beforeAll(() => {
    data.assertPresent();
    tweets = loadAirlineTweets('all', data.path('airline-tweets.csv'))
      .slice(0, 400)
      .map((t) => t.text);
  });
  afterEach(() => {
    for (const core of open.splice(0)) core.handle.close();
  });

  for (const storms of ['on', 'off', 'absent'] as const) {
    it(`same results and rows in every table (storm clustering ${storms})`, async () => {
      const fast = await run(ingestMentions, storms);
      const reference = await run(ingestMentionsReference, storms);
      open.push(fast.core, reference.core);
      expect(fast.results).toEqual(reference.results);
      expect(fast.tables).toEqual(reference.tables);
      // The scenario really reaches the branches it is meant to cover.
      const kinds = new Set((fast.tables.case_events as { kind: string }[]).map((e) => e.kind));
      for (const kind of ['opened', 'mention_added', 'answered_outside']) expect(kinds.has(kind)).toBe(true);
      expect(fast.results.reduce((n, r) => n + r.duplicates, 0)).toBe(2);
      const joins = (fast.tables.case_events as { kind: string; detail: { raised?: boolean } | null }[]).filter(
        (e) => e.kind === 'mention_added' && e.detail?.raised !== undefined,
      );
      expect(new Set(joins.map((e) => e.detail?.raised))).toEqual(new Set([true, false]));
      if (storms === 'on') {
        expect(kinds.has('merged')).toBe(true);
        expect(kinds.has('storm_raised')).toBe(true);
        expect((fast.tables.cases as { kind: string }[]).some((c) => c.kind === 'incident')).toBe(true);
      } else {
        expect((fast.tables.cases as { kind: string }[]).every((c) => c.kind === 'single')).toBe(true);
      }
    });
  }
});
