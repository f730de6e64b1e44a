/**
 * SLA timers that survive restarts. Nothing is scheduled in memory: every tick recomputes each
 * open, actionable, unanswered case's first-response status from its stored `createdAt` and the
 * policy, and compares it with what was already announced (`slaWarnedAt`, `slaBreachedAt`).
 *
 * - at risk (warnAt share of the target elapsed) → the card is re-rendered, and one notice goes
 *   to the owner by direct message, or to the case's channel while nobody owns it;
 * - breached → the card is re-rendered, and one notice goes to each platform's escalation channel
 *   (the case's own channel when none is configured), mentioning the on-call lead.
 *
 * Once means once: each transition is one transaction whose UPDATE is guarded in its WHERE
 * (`slaWarnedAt IS NULL`…), so two ticks racing (two processes, a slow tick overlapping the next)
 * announce it once; the notices also carry dedupe keys. A case answered or resolved before the
 * tick gets nothing. A case that passed both thresholds while the process was down gets only the
 * breach: a warning about a deadline already missed is noise.
 */
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { cases, type CaseRow } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { splitActorId } from '../actor-ids.js';
import { recordEvent, SYSTEM_ACTOR } from '../cases/events.js';
import { markIfStill, notifyCardChanged } from '../cases/store.js';
import { PRIORITIES } from '../domain/priority.js';
import { HISTORY_AGE_MS } from '../ingest/history.js';
import type { Metrics } from '../telemetry.js';
import { enqueue } from '../outbox/enqueue.js';
import type { PlatformId } from '../ports.js';
import type { SlaConfig } from './config.js';
import { escalationChannelFor, onCallFor, type EscalationTargets } from './escalation-targets.js';
import type { SlaStatus } from '../domain/sla.js';
import { firstResponseStatus, formatDuration } from './status.js';
import { transaction } from '../../db/transaction.js';

export interface SlaTickerDeps {
  db: Db;
  sla: SlaConfig;
  escalation: EscalationTargets;
  metrics?: Metrics;
  /** Wakes the outbox worker after a transition commits. */
  onCommitted?: () => void;
}

export interface SlaTickResult {
  warned: number[];
  breached: number[];
}

const MINUTE = 60_000;

type Candidate = Pick<CaseRow, 'id' | 'priority' | 'createdAt' | 'slaWarnedAt'>;

/**
 * Cases that may have crossed a threshold. Business time never runs faster than the wall clock,
 * so a case cannot be at risk before `createdAt + warnAt·target` nor breached before
 * `createdAt + target`: those bounds keep young cases (most of them) out of the status walk.
 */
function candidates(db: Db, sla: SlaConfig, now: Date): Candidate[] {
  const t = now.getTime();
  const perPriority = PRIORITIES.map((p) => {
    const target = sla.policies[p].firstResponseMinutes * MINUTE;
    const warnBound = new Date(t - target * sla.warnAt);
    const dueBound = new Date(t - target);
    return and(eq(cases.priority, p), or(and(isNull(cases.slaWarnedAt), lte(cases.createdAt, warnBound)), lte(cases.createdAt, dueBound)));
  });
  return (
    db
      .select({ id: cases.id, priority: cases.priority, createdAt: cases.createdAt, slaWarnedAt: cases.slaWarnedAt })
      .from(cases)
      // History (older than a year) has no timers, even a case that was opened live long ago.
      .where(
        and(
          eq(cases.state, 'open'),
          eq(cases.actionable, true),
          isNull(cases.firstResponseAt),
          isNull(cases.slaBreachedAt),
          gt(cases.createdAt, new Date(t - HISTORY_AGE_MS)),
          or(...perPriority),
        ),
      )
      .all()
  );
}

/** Still open, actionable and unanswered: the conditions every transition re-checks when it writes. */
const stillDue = (id: number) => and(eq(cases.id, id), eq(cases.state, 'open'), eq(cases.actionable, true), isNull(cases.firstResponseAt));

function routeEntries(row: CaseRow): [PlatformId, string][] {
  return Object.entries(row.route).filter((e): e is [PlatformId, string] => Boolean(e[1]));
}

async function warn(deps: SlaTickerDeps, id: number, status: SlaStatus, now: Date): Promise<boolean> {
  return await transaction(deps.db, async (tx) => {
    const row = tx.select().from(cases).where(eq(cases.id, id)).get();
    if (!row) return false;
    if (!(await markIfStill(tx, id, { slaWarnedAt: now }, and(stillDue(id), isNull(cases.slaWarnedAt), isNull(cases.slaBreachedAt)))))
      return false;
    const routes = routeEntries(row);
    const owner = splitActorId(row.ownerId);
    // The owner hears it privately when their platform shows the case; otherwise the channel does.
    const recipients: [PlatformId, string][] = owner && row.route[owner.platform] ? [[owner.platform, owner.id]] : routes;
    recordEvent(tx, id, SYSTEM_ACTOR, 'sla_warning', now, {
      target: 'first_response',
      dueAt: status.dueAt.toISOString(),
      notified: recipients.map(([platform, target]) => `${platform}:${target}`),
    });
    // The card shows the new phase although no field it versions changed: forced.
    await notifyCardChanged(tx, row, now, `⚠️ SLA at risk: first response due in ${formatDuration(status.remainingMs)}`, { force: true });
    for (const [platform, target] of recipients) {
      enqueue(
        tx,
        { kind: 'notice', platform, target, caseId: id, notice: { kind: 'sla_warning', mention: null } },
        now,
        `sla_warning:${id}:${platform}`,
      );
    }
    return true;
  });
}

async function breach(deps: SlaTickerDeps, id: number, status: SlaStatus, now: Date): Promise<boolean> {
  return await transaction(deps.db, async (tx) => {
    const row = tx.select().from(cases).where(eq(cases.id, id)).get();
    if (!row) return false;
    if (!(await markIfStill(tx, id, { slaBreachedAt: now }, and(stillDue(id), isNull(cases.slaBreachedAt))))) return false;
    // Each platform showing the case escalates in its escalation channel, or where the card is.
    const recipients = routeEntries(row).map(
      ([platform, channel]) => [platform, escalationChannelFor(deps.escalation, platform) ?? channel] as const,
    );
    recordEvent(tx, id, SYSTEM_ACTOR, 'sla_breach', now, {
      target: 'first_response',
      dueAt: status.dueAt.toISOString(),
      escalatedTo: recipients.map(([platform, target]) => `${platform}:${target}`),
    });
    await notifyCardChanged(tx, row, now, `🚨 First-response SLA breached (${row.priority}); escalated`, { force: true });
    for (const [platform, target] of recipients) {
      const notice = { kind: 'sla_breach' as const, mention: onCallFor(deps.escalation, platform) };
      enqueue(tx, { kind: 'notice', platform, target, caseId: id, notice }, now, `sla_breach:${id}:${platform}`);
    }
    return true;
  });
}

/**
 * One pass over the open cases: announces every at-risk and breached transition not announced
 * yet, and returns the case ids of each. Safe to call as often as wanted, from any process.
 */
export async function checkSlaTimers(deps: SlaTickerDeps, now: Date): Promise<SlaTickResult> {
  const result: SlaTickResult = { warned: [], breached: [] };
  for (const c of candidates(deps.db, deps.sla, now)) {
    const status = firstResponseStatus({ priority: c.priority, createdAt: c.createdAt, firstResponseAt: null }, deps.sla, now);
    if (status.phase === 'breached') {
      if (await breach(deps, c.id, status, now)) {
        result.breached.push(c.id);
        deps.metrics?.slaBreaches.inc({ priority: c.priority });
      }
    } else if (status.phase === 'at_risk' && c.slaWarnedAt === null) {
      if (await warn(deps, c.id, status, now)) result.warned.push(c.id);
    }
  }
  if (result.warned.length > 0 || result.breached.length > 0) deps.onCommitted?.();
  return result;
}
