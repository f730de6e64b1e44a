/**
 * Replays real customer-support conversations (../shared/data/twcs-sample.csv, Thought Vector's
 * "Customer Support on Twitter" sample) through ingest and checks the report's 24-hour response
 * rate and FRT median against a computation made directly from the CSV rows.
 *
 * How the file maps to Klaxon: a customer tweet (`inbound` True) is an inbound mention by
 * `author_id`; a brand tweet is an outbound mention; `in_response_to_tweet_id` is `inReplyTo`.
 * Tweets are replayed in time order, as they would have arrived.
 *
 * How the direct computation identifies cases and first responses (the contract's definitions,
 * docs/CONTRACT.md §4 and §7, applied to the rows without Klaxon's code):
 * - A customer tweet starts a case unless it answers a tweet already seen that belongs to a case
 *   (nothing is resolved during the replay, so every case stays open) and that tweet is either a
 *   brand reply or the same customer's own tweet: customer follow-ups in the same thread join the
 *   open case. A reply to another customer's tweet starts its own case.
 * - A brand tweet answering a tweet of a case belongs to that case; the case's first response is
 *   the earliest such brand tweet. A claim, a note, a hand-off do not exist in the file.
 * - FRT = first response − the case's first tweet (never negative); the 24-hour response rate =
 *   answered within 24 h ÷ (answered + unanswered older than 24 h), as of `now`; anything after
 *   `now` (tweets, replies) does not exist yet.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { mentionSchema, type MentionInput } from '../../src/ingest/schema.js';
import { loadCaseFacts } from '../../src/reports/load-facts.js';
import { computeReport } from '../../src/reports/metrics.js';
import { parseCsvObjects } from '../../scripts/eval/csv.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { makeCore, type Core } from '../helpers/core.js';
import { sharedData } from '../helpers/requirements.js';

const data = sharedData(import.meta.filename, 'twcs-sample.csv');
const CSV = data.path('twcs-sample.csv');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Tweet {
  id: string;
  author: string;
  inbound: boolean;
  at: number;
  text: string;
  inReplyTo: string | null;
}

function loadTweets(): Tweet[] {
  return parseCsvObjects(readFileSync(CSV, 'utf8'))
    .map((r) => ({
      id: r.tweet_id ?? '',
      author: r.author_id ?? '',
      inbound: r.inbound === 'True',
      // `Wed Oct 11 06:55:44 +0000 2017`: Date parses this Twitter format.
      at: new Date(r.created_at ?? '').getTime(),
      text: r.text ?? '',
      inReplyTo: r.in_response_to_tweet_id || null,
    }))
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

function toMention(t: Tweet): MentionInput {
  return mentionSchema.parse({
    id: t.id,
    source: 'twitter',
    direction: t.inbound ? 'inbound' : 'outbound',
    author: t.inbound ? { id: t.author } : { id: t.author, handle: t.author },
    text: t.text,
    createdAt: new Date(t.at).toISOString(),
    ...(t.inReplyTo ? { inReplyTo: t.inReplyTo } : {}),
  });
}

/** Cases and first responses straight from the rows (see the header for the rules). */
function casesFromFile(tweets: readonly Tweet[]): { openedAt: number; firstResponseAt: number | null }[] {
  const caseOf = new Map<string, number>(); // tweet id → case index
  const seen = new Map<string, Tweet>();
  const out: { openedAt: number; firstResponseAt: number | null }[] = [];
  for (const t of tweets) {
    const parent = t.inReplyTo ? seen.get(t.inReplyTo) : undefined;
    const parentCase = parent ? caseOf.get(parent.id) : undefined;
    if (t.inbound) {
      const joins = parent !== undefined && parentCase !== undefined && (!parent.inbound || parent.author === t.author);
      if (joins) caseOf.set(t.id, parentCase);
      else {
        caseOf.set(t.id, out.length);
        out.push({ openedAt: t.at, firstResponseAt: null });
      }
    } else if (parentCase !== undefined) {
      caseOf.set(t.id, parentCase);
      const c = out[parentCase]!;
      if (c.firstResponseAt === null || t.at < c.firstResponseAt) c.firstResponseAt = t.at;
    }
    seen.set(t.id, t);
  }
  return out;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  const lo = s[Math.floor(mid)]!;
  const hi = s[Math.ceil(mid)]!;
  return lo + (hi - lo) * (mid - Math.floor(mid));
}

/** The contract's numbers as of `now`, over cases opened before `now`. */
function direct(tweets: readonly Tweet[], now: number) {
  const cases = casesFromFile(tweets).filter((c) => c.openedAt < now);
  let within = 0;
  let denominator = 0;
  let pending = 0;
  const frts: number[] = [];
  for (const c of cases) {
    const answered = c.firstResponseAt !== null && c.firstResponseAt <= now;
    if (answered) {
      const frt = Math.max(0, c.firstResponseAt! - c.openedAt);
      frts.push(frt);
      denominator += 1;
      if (frt <= DAY) within += 1;
    } else if (now - c.openedAt >= DAY) {
      denominator += 1;
    } else {
      pending += 1;
    }
  }
  return { cases: cases.length, answered: frts.length, pending, rate: denominator ? within / denominator : null, frtMedian: median(frts) };
}

describe.skipIf(data.skip)('replay of real support conversations (twcs sample)', () => {
  let core: Core;
  let tweets: Tweet[];
  const sla = slaConfigSchema.parse({});

  beforeAll(async () => {
    data.assertPresent();
    tweets = loadTweets();
    core = makeCore({ now: '2017-10-20T00:00:00Z' });
    const result = await ingestMentions(core.ingest, tweets.map(toMention));
    expect(result.accepted).toBe(tweets.length);
  });
  afterAll(() => core.handle.close());

  it('the file is what this test expects: 93 tweets, customer and brand, threaded', () => {
    expect(tweets).toHaveLength(93);
    expect(tweets.filter((t) => t.inbound).length).toBe(49);
    expect(tweets.every((t) => Number.isFinite(t.at))).toBe(true);
    // 49 customer tweets make 29 cases (the rest are follow-ups); 26 get a brand answer.
    const all = casesFromFile(tweets);
    expect(all).toHaveLength(29);
    expect(all.filter((c) => c.firstResponseAt !== null)).toHaveLength(26);
  });

  const instants = [
    // Long after the last tweet: every case is decided (nothing pending).
    ['after the replay', Date.parse('2017-10-20T00:00:00Z')],
    // In the middle of the busiest hour: later tweets and replies do not exist yet.
    ['mid-replay', Date.parse('2017-10-11T13:30:00Z')],
    // A day on: the busy hour's unanswered cases are still younger than 24 h, so they pend.
    ['with pending cases', Date.parse('2017-10-12T11:00:00Z')],
  ] as const;

  for (const [label, now] of instants) {
    it(`24-hour response rate and FRT median match the file (${label})`, () => {
      const expected = direct(tweets, now);
      const window = { from: new Date(Date.parse('2017-01-01T00:00:00Z')), to: new Date(now) };
      const report = computeReport(loadCaseFacts(core.handle.db, window), window, new Date(now), sla);
      const o = report.overall;
      // Both sides must have something to agree on.
      expect(expected.cases).toBeGreaterThan(10);
      expect(expected.answered).toBeGreaterThan(5);
      expect(o.total).toBe(expected.cases);
      expect(o.answered).toBe(expected.answered);
      expect(o.pending24h).toBe(expected.pending);
      expect(o.responseRate24h).not.toBeNull();
      expect(o.responseRate24h).toBeCloseTo(expected.rate!, 12);
      expect(o.frtMedianMs).toBe(expected.frtMedian);
    });
  }

  it('customer follow-ups in the same thread join the open case instead of opening new ones', () => {
    const followUps = tweets.filter((t) => t.inbound).length - casesFromFile(tweets).length;
    expect(followUps).toBeGreaterThan(0);
    const window = { from: new Date(0), to: new Date(Date.parse('2017-10-20T00:00:00Z')) };
    expect(loadCaseFacts(core.handle.db, window)).toHaveLength(casesFromFile(tweets).length);
  });
});
