/**
 * 7. The cost of `synchronous = FULL` (db/client.ts): every commit waits until the WAL is on disk,
 * so an ingest batch answered 202 and every outbox state change (a reply marked *sending*)
 * survive a power cut. Measured against `synchronous = NORMAL` (survives a process crash only)
 * on the same machine in the same run, on fresh database files, three ways:
 *
 * - the ingest path with 1,000-mention batches (one commit per 1,000 mentions);
 * - the ingest path with one mention per batch (one commit, so one fsync, per mention: the worst
 *   case, a client that posts mentions one at a time);
 * - outbox state changes as the worker makes them: pending → sending → done, two commits a row.
 *
 * Rounds alternate the two settings so load from other processes falls on both; medians.
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { outbox } from '../db/schema/index.js';
import { ingestMentions } from '../src/ingest/ingest.js';
import { parseIngestBody } from '../src/ingest/schema.js';
import { ingestDeps } from './lib/config.js';
import { batches, mentions, tweetTexts } from './lib/data.js';
import { round, type Figure } from './lib/figure.js';
import { scratchDir } from './lib/scratch.js';
import { median } from './lib/stats.js';

type Sync = 'FULL' | 'NORMAL';

async function ingestPerSecond(path: string, sync: Sync, count: number, batchSize: number, prefix: string): Promise<number> {
  const handle = openDatabase(path, { synchronous: sync });
  try {
    const deps = ingestDeps(handle.db, { storms: false });
    const rows = mentions(prefix, 0, count, new Date());
    const parsed = batches(rows, batchSize).map((b) => parseIngestBody({ mentions: b }).mentions.map((m) => m.mention));
    const start = performance.now();
    let accepted = 0;
    for (const batch of parsed) accepted += (await ingestMentions(deps, batch)).accepted;
    const ms = performance.now() - start;
    if (accepted !== count) throw new Error(`ingest accepted ${accepted} of ${count}`);
    return (count / ms) * 1000;
  } finally {
    handle.close();
  }
}

/** Rows per second through the worker's two state changes (sending, then done), one commit each. */
function outboxPerSecond(path: string, sync: Sync, count: number): number {
  const handle = openDatabase(path, { synchronous: sync });
  try {
    const db = handle.db;
    const now = new Date();
    db.transaction((tx) => {
      for (let i = 0; i < count; i++)
        tx.insert(outbox)
          .values({
            kind: 'card.post',
            platform: 'slack',
            target: 'CTRIAGE',
            caseId: i + 1,
            payload: { caseId: i + 1 },
            nextAttemptAt: now,
            createdAt: now,
          })
          .run();
    });
    const ids = db
      .select({ id: outbox.id })
      .from(outbox)
      .all()
      .map((r) => r.id);
    const start = performance.now();
    for (const id of ids) {
      db.update(outbox).set({ status: 'sending', attempts: 1, startedAt: new Date() }).where(eq(outbox.id, id)).run();
      db.update(outbox)
        .set({ status: 'done', sentAt: new Date(), resultRef: `slack:CTRIAGE:${id}` })
        .where(eq(outbox.id, id))
        .run();
    }
    return (ids.length / (performance.now() - start)) * 1000;
  } finally {
    handle.close();
  }
}

export async function benchDurability(rounds: number, quick: boolean, log: (line: string) => void): Promise<Figure[]> {
  const big = quick ? 3000 : tweetTexts().length;
  const single = quick ? 300 : 3000;
  const rows = quick ? 300 : 3000;
  const s = {
    bigFull: [] as number[],
    bigNormal: [] as number[],
    oneFull: [] as number[],
    oneNormal: [] as number[],
    outFull: [] as number[],
    outNormal: [] as number[],
  };
  for (let r = 0; r < rounds; r++) {
    const scratch = scratchDir('durability');
    try {
      // Alternate which setting goes first, so a burst of load elsewhere does not favour one.
      const order: Sync[] = r % 2 === 0 ? ['FULL', 'NORMAL'] : ['NORMAL', 'FULL'];
      for (const sync of order) {
        const tag = `${sync}${r}`;
        (sync === 'FULL' ? s.bigFull : s.bigNormal).push(
          await ingestPerSecond(scratch.file(`big-${tag}.db`), sync, big, 1000, `dur-big-${tag}`),
        );
        (sync === 'FULL' ? s.oneFull : s.oneNormal).push(
          await ingestPerSecond(scratch.file(`one-${tag}.db`), sync, single, 1, `dur-one-${tag}`),
        );
        (sync === 'FULL' ? s.outFull : s.outNormal).push(outboxPerSecond(scratch.file(`out-${tag}.db`), sync, rows));
      }
    } finally {
      scratch.cleanup();
    }
    const last = (k: keyof typeof s) => Math.round(s[k].at(-1) ?? 0).toLocaleString('en-US');
    log(
      `  round ${r + 1}/${rounds}: batches of 1,000 FULL ${last('bigFull')}/s vs NORMAL ${last('bigNormal')}/s · one per commit ` +
        `FULL ${last('oneFull')}/s vs NORMAL ${last('oneNormal')}/s · outbox rows FULL ${last('outFull')}/s vs NORMAL ` +
        `${last('outNormal')}/s`,
    );
  }
  const figure = (
    id: string,
    name: string,
    full: number[],
    normal: number[],
    unit: string,
    target: { text: string; met: (value: number, ratio: number) => boolean },
    limit: string,
  ): Figure => {
    const value = median(full);
    const base = median(normal);
    const ratio = round(value / base);
    const met = target.met(value, ratio);
    return {
      id,
      name,
      value: Math.round(value),
      unit,
      baseline: {
        name: `NORMAL (${id})`,
        value: Math.round(base),
        unit,
        description: 'the same work with synchronous = NORMAL (commits survive a process crash, not a power cut), same machine, same run',
      },
      ratio,
      ratioOf: 'of NORMAL',
      target: target.text,
      met,
      ...(met ? {} : { limit }),
      details: { samplesFull: full.map(Math.round), samplesNormal: normal.map(Math.round) },
    };
  };
  const fsync =
    'each commit waits for an fsync of the WAL (what makes a 202, or a reply marked sending, survive a power cut); ' +
    'on this shared disk one fsync takes 0.5–2 ms and varies with the other work on the machine';
  return [
    // A batch shares one fsync among 1,000 mentions: durability should cost little there.
    figure(
      'durability-ingest',
      'ingest path with synchronous = FULL, batches of 1,000 (one commit each)',
      s.bigFull,
      s.bigNormal,
      'mentions/s',
      { text: '≥ 0.8 of NORMAL', met: (_v, r) => r >= 0.8 },
      fsync,
    ),
    // One mention per request pays a whole fsync each: it must still be far above a live rate
    // (the time-to-card benchmark's 20 mentions/s).
    figure(
      'durability-ingest-single',
      'ingest path with synchronous = FULL, one mention per commit',
      s.oneFull,
      s.oneNormal,
      'mentions/s',
      { text: '≥ 200 mentions/s', met: (v) => v >= 200 },
      `${fsync}; a client sending one mention per request pays it per mention, batches share it`,
    ),
    // The worker's pace is set by the platforms (Slack: about 1 post per second per channel).
    figure(
      'durability-outbox',
      'outbox state changes with synchronous = FULL (sending, then done: two commits a row)',
      s.outFull,
      s.outNormal,
      'rows/s',
      { text: '≥ 100 rows/s', met: (v) => v >= 100 },
      fsync,
    ),
  ];
}
