/**
 * 3. Pacing under a storm: 100 cards for one channel arrive at once — 100× what Slack's
 * per-channel rate (about one post per second) allows — and the app must drain them as fast as
 * the limit allows without ever being answered 429, and lose none.
 *
 * Figure: achieved posts per second (first to last card, at the fake) ÷ allowed posts per second.
 * The fake enforces 1 post/s/channel and answers 429 + Retry-After above it; the app runs its
 * production pacing. Storm clustering is off here so that each mention is one card (with it on,
 * near-duplicates would become one incident card, which is the point of clustering but not what
 * this measures).
 */
import { eq } from 'drizzle-orm';
import { outbox } from '../db/schema/index.js';
import { startBenchApp } from './lib/app.js';
import { cardArrivals } from './lib/cards.js';
import { mentions } from './lib/data.js';
import { round, type Figure } from './lib/figure.js';
import { sleep } from './lib/stats.js';

const ALLOWED_PER_SECOND = 1;

export async function benchStorm(cards: number, log: (line: string) => void): Promise<Figure> {
  const app = await startBenchApp({ slackRateLimit: ALLOWED_PER_SECOND, file: { storms: { enabled: false } } });
  try {
    const start = Date.now();
    const result = await app.postIngest(JSON.stringify({ mentions: mentions('storm', 0, cards, new Date()) }));
    if (result.accepted !== cards) throw new Error(`storm: accepted ${result.accepted} of ${cards}`);
    // Pacing is ~1.1 s per card; allow half as long again before calling anything lost.
    const deadline = start + cards * 1650 + 10_000;
    let posted = 0;
    while (Date.now() < deadline) {
      posted = cardArrivals(app.workspace.calls).size;
      if (posted >= cards) break;
      await sleep(250);
    }
    const times = [...cardArrivals(app.workspace.calls).values()].sort((a, b) => a - b);
    const first = times[0] ?? start;
    const last = times.at(-1) ?? start;
    const achieved = times.length > 1 ? ((times.length - 1) / (last - first)) * 1000 : 0;
    const rateLimited = app.slack.rateLimited.length;
    const notDone = app.klaxon.db.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending')).all().length;
    const lost = cards - times.length;
    const ratio = achieved / ALLOWED_PER_SECOND;
    const met = ratio >= 0.9 && rateLimited === 0 && lost === 0;
    log(
      `  ${times.length}/${cards} cards in ${round((last - first) / 1000, 1)} s: ${round(achieved, 3)} posts/s, ` +
        `${rateLimited} × 429, ${lost} lost`,
    );
    const limits: string[] = [];
    if (ratio < 0.9)
      limits.push('the outbox paces each channel to one call per 1.1 s (adapters/slack), i.e. at most 0.91 of the allowed rate');
    if (rateLimited > 0)
      limits.push(
        `${rateLimited} posts arrived at the fake less than 1 s apart (network/event-loop jitter ate the 100 ms pacing margin) ` +
          `and were answered 429, then retried`,
      );
    if (lost > 0) limits.push(`${lost} cards had not arrived ${Math.round((deadline - start) / 1000)} s after the storm`);
    return {
      id: 'storm-pacing',
      name: `pacing under a storm: ${cards} cards at once into one channel`,
      value: round(achieved, 3),
      unit: 'posts/s',
      baseline: {
        name: 'allowed',
        value: ALLOWED_PER_SECOND,
        unit: 'posts/s',
        description: "Slack's per-channel posting limit, enforced by the fake (429 + Retry-After above it)",
      },
      ratio: round(ratio, 3),
      ratioOf: 'of the allowed rate',
      target: '≥ 0.9, zero 429s, nothing lost',
      met,
      ...(met ? {} : { limit: limits.join('; ') }),
      details: {
        cards,
        posted: times.length,
        lost,
        rateLimited429: rateLimited,
        outboxStillPending: notDone,
        drainSeconds: round((last - first) / 1000, 1),
      },
    };
  } finally {
    await app.close();
  }
}
