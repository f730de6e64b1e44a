/**
 * When the daily digest goes out. Nothing is scheduled in memory: every tick asks "is it past the
 * configured local time on a local day not posted yet?", and the answer is recorded in kv_state
 * in the same transaction as the outbox row, so a restart (or a second process) never posts the
 * same day twice. A day missed entirely while the process was down is not posted late: the next
 * digest is the next day's.
 */
import type { Db } from '../../db/types.js';
import { parseClock } from '../sla/config.js';
import { readKv, writeKv } from '../kv-state.js';
import { enqueue } from '../outbox/enqueue.js';
import type { PlatformId } from '../ports.js';
import { localDayKey, localMinuteOfDay } from './digest-days.js';
import { transaction } from '../../db/transaction.js';

export interface DigestSchedule {
  /** Local time of day, `HH:MM`. */
  time: string;
  /** IANA time zone. */
  timeZone: string;
}

export interface DigestTickDeps {
  db: Db;
  schedule: DigestSchedule;
  /** The digest channel per platform, as each chat adapter reads it (`platforms.<id>.digest`, or its variable). */
  channels: Partial<Record<PlatformId, string>>;
  /** Wakes the outbox worker after the digest is queued. */
  onCommitted?: () => void;
}

export const DIGEST_LAST_DAY_KEY = 'digest:lastPostedDay';

/**
 * The local day to post the digest for at `now`, or null: due once the local clock has reached
 * `time` on a day later than the last one posted.
 */
export function digestDue(now: Date, schedule: DigestSchedule, lastPostedDay: string | null): string | null {
  const day = localDayKey(now, schedule.timeZone);
  if (lastPostedDay !== null && day <= lastPostedDay) return null;
  return localMinuteOfDay(now, schedule.timeZone) >= parseClock(schedule.time) ? day : null;
}

function channelsOf(deps: Pick<DigestTickDeps, 'channels'>): [PlatformId, string][] {
  return Object.entries(deps.channels).filter((e): e is [PlatformId, string] => Boolean(e[1]));
}

/**
 * Queues the scheduled digest when due. Returns the day queued, or null. With no digest channel
 * configured the day is still marked done, so configuring one later does not post a stale digest.
 */
export async function runDigestTick(deps: DigestTickDeps, now: Date): Promise<string | null> {
  // One step even across processes: transactions begin IMMEDIATE, so two never both find the day due.
  const day = await transaction(deps.db, (tx) => {
    const due = digestDue(now, deps.schedule, readKv(tx, DIGEST_LAST_DAY_KEY) ?? null);
    if (due === null) return null;
    for (const [platform, target] of channelsOf(deps)) {
      enqueue(tx, { kind: 'digest.post', platform, target, day: due, windowEnd: now.toISOString() }, now, `digest:${due}:${platform}`);
    }
    writeKv(tx, DIGEST_LAST_DAY_KEY, due, now);
    return due;
  });
  if (day !== null && channelsOf(deps).length > 0) deps.onCommitted?.();
  return day;
}

/**
 * `/klaxon digest`: queues a digest as of now for every digest channel, whatever the schedule
 * (not deduplicated, and it does not count as the scheduled one). Returns the channels queued to.
 */
export async function requestDigestNow(
  deps: Pick<DigestTickDeps, 'db' | 'schedule' | 'channels' | 'onCommitted'>,
  now: Date,
): Promise<{ platform: PlatformId; target: string }[]> {
  const targets = channelsOf(deps);
  if (targets.length === 0) return [];
  const day = localDayKey(now, deps.schedule.timeZone);
  await transaction(deps.db, (tx) => {
    for (const [platform, target] of targets)
      enqueue(tx, { kind: 'digest.post', platform, target, day, windowEnd: now.toISOString() }, now);
  });
  deps.onCommitted?.();
  return targets.map(([platform, target]) => ({ platform, target }));
}
