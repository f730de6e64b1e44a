/**
 * 2. Time to card: at a steady 20 mentions per second (one signed POST /ingest each), the time
 * from the 202 reaching the client to the card's chat.postMessage reaching the loopback Slack
 * Web API, p50 and p99.
 *
 * The channel's rate limit must not be the bottleneck (Slack allows about one post per second per
 * channel, and the app paces itself to one per 1.1 s): routing rules spread the mentions over 40
 * channels by source, so each channel gets a card every 2 s. Everything else is production: the
 * fake answers 429 above 1 post/s/channel, default pacing, outbox polling and storm clustering.
 *
 * Baseline: the round trip of a bare chat.postMessage from the same kind of client (the app's
 * web-api client) to the same fake, at the same rate, measured in the same run.
 */
import { asc } from 'drizzle-orm';
import { cases, mentions as mentionsTable } from '../db/schema/index.js';
import { createWebClient } from '../adapters/slack/client.js';
import { createLogger } from '../src/log.js';
import { startBenchApp } from './lib/app.js';
import { cardArrivals } from './lib/cards.js';
import { BENCH_SECRETS } from './lib/config.js';
import { mentions } from './lib/data.js';
import { round, type Figure } from './lib/figure.js';
import { percentile, sleep } from './lib/stats.js';

const RATE = 20;
const CHANNELS = 40;

/** Runs `fire(i)` for i = 0..count-1 on a fixed schedule of `rate` per second (no drift), waiting for all. */
async function atRate<T>(count: number, rate: number, fire: (i: number) => Promise<T>): Promise<T[]> {
  const start = performance.now();
  const pending: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(fire(i));
  }
  return Promise.all(pending);
}

async function baselineRoundTrips(apiUrl: string, count: number): Promise<number[]> {
  const client = createWebClient({ token: BENCH_SECRETS.SLACK_BOT_TOKEN, apiUrl, logger: createLogger({ level: 'silent' }), retries: 0 });
  // A fresh channel per post: the fake's per-channel limit must not answer 429 here either.
  return atRate(count, RATE, async (i) => {
    const start = performance.now();
    await client.chat.postMessage({
      channel: `CBASE${i}`,
      text: `baseline ${i}`,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `baseline ${i}` } }],
    });
    return performance.now() - start;
  });
}

export async function benchTimeToCard(seconds: number, log: (line: string) => void): Promise<Figure> {
  const routing = Array.from({ length: CHANNELS }, (_, k) => ({ match: { sources: [`ch${k}`] }, slack: `C${k}` }));
  const app = await startBenchApp({ slackRateLimit: 1, file: { routing } });
  try {
    const count = seconds * RATE;
    const rows = mentions('ttc', 0, count, new Date()).map((m, i) => ({ ...m, source: `ch${i % CHANNELS}` }));
    // Date.now() on both sides: the fake stamps each call with Date.now() as it arrives.
    const sentAt = new Map<string, number>();
    const acceptedAt = new Map<string, number>();
    await atRate(count, RATE, async (i) => {
      const m = rows[i]!;
      sentAt.set(m.id, Date.now());
      await app.postIngest(JSON.stringify(m));
      acceptedAt.set(m.id, Date.now());
    });
    // Let the last cards go out.
    const deadline = Date.now() + 30_000;
    await app.klaxon.worker.drain(30_000);
    while (Date.now() < deadline && app.klaxon.worker.pendingCount() > 0) await sleep(100);

    const db = app.klaxon.db.db;
    const opened = new Map(
      db
        .select({ id: cases.id, firstMentionId: cases.firstMentionId })
        .from(cases)
        .all()
        .map((c) => [c.firstMentionId, c.id]),
    );
    const arrivals = cardArrivals(app.workspace.calls);
    const latencies: number[] = [];
    const fromSend: number[] = [];
    let joined = 0;
    let noCard = 0;
    for (const m of db
      .select({ id: mentionsTable.id, externalId: mentionsTable.externalId })
      .from(mentionsTable)
      .orderBy(asc(mentionsTable.id))
      .all()) {
      const caseId = opened.get(m.id);
      if (caseId === undefined) {
        joined += 1; // joined a storm incident: its card already existed
        continue;
      }
      const at = arrivals.get(caseId);
      const accepted = acceptedAt.get(m.externalId);
      if (at === undefined || accepted === undefined) {
        noCard += 1; // merged into an incident before its card went out: it needs none
        continue;
      }
      // Negative: the card reached Slack before the 202 reached the client (the worker is woken
      // at commit, before the response is written).
      latencies.push(at - accepted);
      fromSend.push(at - (sentAt.get(m.externalId) ?? accepted));
    }
    const base = await baselineRoundTrips(app.apiUrl, Math.min(count, 200));
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const baseP99 = percentile(base, 99);
    const met = p99 < 1000;
    log(
      `  ${latencies.length} cards: p50 ${Math.round(p50)} ms, p99 ${Math.round(p99)} ms; ` +
        `bare post p50 ${Math.round(percentile(base, 50))} ms, p99 ${Math.round(baseP99)} ms; 429s ${app.slack.rateLimited.length}`,
    );
    return {
      id: 'time-to-card',
      name: `time to card at ${RATE} mentions/s, p99 (p50 ${Math.round(p50)} ms)`,
      value: Math.round(p99),
      unit: 'ms',
      baseline: {
        name: 'bare post p99',
        value: round(baseP99, 1),
        unit: 'ms',
        description:
          `a chat.postMessage round trip from the app's web-api client to the same fake at the same rate (p50 ` +
          `${round(percentile(base, 50), 1)} ms)`,
      },
      ratio: round(p99 / baseP99, 2),
      ratioOf: '× the bare post',
      target: 'p99 < 1,000 ms',
      met,
      ...(met
        ? {}
        : { limit: "cards waited for the outbox worker (woken at commit, else polled every second) or for their channel's pacing" }),
      details: {
        p50Ms: round(p50, 1),
        p99Ms: round(p99, 1),
        maxMs: round(Math.max(...latencies), 1),
        cards: latencies.length,
        // From the request leaving the client, for comparison (includes the ingest itself).
        requestToCardP50Ms: round(percentile(fromSend, 50), 1),
        requestToCardP99Ms: round(percentile(fromSend, 99), 1),
        cardBefore202: latencies.filter((l) => l < 0).length,
        joinedIncident: joined,
        mergedBeforePost: noCard,
        rate: RATE,
        channels: CHANNELS,
        seconds,
        rateLimited429: app.slack.rateLimited.length,
        baselineP50Ms: round(percentile(base, 50), 1),
      },
    };
  } finally {
    await app.close();
  }
}
