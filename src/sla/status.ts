/**
 * Where a case stands against its SLA targets at a given instant. Pure: `now` is passed in.
 *
 * Decisions:
 * - A response (or resolution) stamped after `now` is ignored: at `now` it has not happened yet.
 *   This keeps replays and tests with a ManualClock consistent with live behaviour.
 * - A response exactly at `dueAt` is on time ('met'); an unanswered case is 'breached' from
 *   `dueAt` on (now >= dueAt). Same boundary everywhere: "late" means strictly after dueAt.
 * - `remainingMs` is business time. While open it is measured from `now`; once met or missed it
 *   is frozen at the response instant (slack left over, or overrun as a negative number), so a
 *   closed status does not keep changing as time passes.
 */
import type { Priority } from '../domain/priority.js';
import type { SlaPhase, SlaStatus, SlaTarget } from '../domain/sla.js';
import { addBusinessTime, businessTimeBetween } from './business-time.js';
import { calendarFor, type BusinessHours, type SlaConfig } from './config.js';

export interface SlaFacts {
  priority: Priority;
  createdAt: Date;
  firstResponseAt?: Date | null;
  resolvedAt?: Date | null;
}

const MINUTE = 60_000;

/** Signed business time from `a` to `b`: positive when b is later. */
function signedBusinessTime(a: Date, b: Date, hours: BusinessHours | undefined): number {
  return a <= b ? businessTimeBetween(a, b, hours) : -businessTimeBetween(b, a, hours);
}

function statusFor(
  target: SlaTarget,
  minutes: number,
  doneAt: Date | null | undefined,
  facts: SlaFacts,
  config: SlaConfig,
  now: Date,
): SlaStatus {
  const hours = calendarFor(config, facts.priority);
  const targetMs = minutes * MINUTE;
  const dueAt = addBusinessTime(facts.createdAt, targetMs, hours);
  const warnAt = addBusinessTime(facts.createdAt, targetMs * config.warnAt, hours);
  const done = doneAt != null && doneAt.getTime() <= now.getTime() ? doneAt : null;
  if (done) {
    return {
      dueAt,
      warnAt,
      phase: done.getTime() <= dueAt.getTime() ? 'met' : 'missed',
      remainingMs: signedBusinessTime(done, dueAt, hours),
      target,
    };
  }
  const t = now.getTime();
  const phase: SlaPhase = t >= dueAt.getTime() ? 'breached' : t >= warnAt.getTime() ? 'at_risk' : 'ok';
  return { dueAt, warnAt, phase, remainingMs: signedBusinessTime(now, dueAt, hours), target };
}

export function firstResponseStatus(facts: SlaFacts, config: SlaConfig, now: Date): SlaStatus {
  const policy = config.policies[facts.priority];
  return statusFor('first_response', policy.firstResponseMinutes, facts.firstResponseAt, facts, config, now);
}

export function resolutionStatus(facts: SlaFacts, config: SlaConfig, now: Date): SlaStatus {
  const policy = config.policies[facts.priority];
  return statusFor('resolution', policy.resolutionMinutes, facts.resolvedAt, facts, config, now);
}

/**
 * Compact human duration: "45s", "14m", "1h 05m", "2d 3h"; negative values get a leading "-"
 * ("-5m"). Truncates toward zero (1h 04m 59s → "1h 04m"), so a countdown never shows more time
 * than is left. Under a minute shows seconds rather than a misleading "0m". Non-finite → "—".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const totalSeconds = Math.floor(abs / 1000);
  if (totalSeconds === 0) return '0s'; // no "-0s"
  if (totalSeconds < 60) return `${sign}${totalSeconds}s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${sign}${totalMinutes}m`;
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) return `${sign}${totalHours}h ${String(totalMinutes % 60).padStart(2, '0')}m`;
  return `${sign}${Math.floor(totalHours / 24)}d ${totalHours % 24}h`;
}
