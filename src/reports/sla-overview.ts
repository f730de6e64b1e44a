/**
 * What `/klaxon sla` shows: the policies, and the open cases now at risk or in breach. A case is
 * judged on the clock its card shows (src/cases/view.ts): first response until it is answered,
 * then resolution. Lists are most urgent first (earliest due) and capped; totals count them all.
 */
import { and, eq, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { cases, mentions } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { toCaseView } from '../cases/view.js';
import { PRIORITIES, type Priority } from '../domain/priority.js';
import type { CaseView } from '../ports.js';
import type { SlaConfig } from '../sla/config.js';
import type { SlaStatus } from '../domain/sla.js';
import { firstResponseStatus, resolutionStatus } from '../sla/status.js';

export interface SlaPolicyLine {
  priority: Priority;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** The calendar's name, null for 24x7. */
  calendar: string | null;
  /** The calendar's time zone, null for 24x7. */
  timeZone: string | null;
}

export interface SlaOverview {
  asOf: Date;
  /** Share of a target after which a case is at risk. */
  warnAt: number;
  policies: SlaPolicyLine[];
  breached: CaseView[];
  atRisk: CaseView[];
  breachedTotal: number;
  atRiskTotal: number;
}

const MINUTE = 60_000;
export const DEFAULT_OVERVIEW_LIMIT = 15;

export function slaPolicies(sla: SlaConfig): SlaPolicyLine[] {
  return PRIORITIES.map((priority) => {
    const p = sla.policies[priority];
    const calendar = p.calendar ?? null;
    return {
      priority,
      firstResponseMinutes: p.firstResponseMinutes,
      resolutionMinutes: p.resolutionMinutes,
      calendar,
      timeZone: calendar ? (sla.calendars[calendar]?.timeZone ?? null) : null,
    };
  });
}

export function loadSlaOverview(db: DbOrTx, sla: SlaConfig, now: Date, limit = DEFAULT_OVERVIEW_LIMIT): SlaOverview {
  const t = now.getTime();
  // Business time never runs faster than the wall clock: nothing younger than warnAt × target
  // can be at risk, so those rows are not even read.
  const old = PRIORITIES.map((p) => {
    const policy = sla.policies[p];
    return and(
      eq(cases.priority, p),
      or(
        and(isNull(cases.firstResponseAt), lte(cases.createdAt, new Date(t - policy.firstResponseMinutes * MINUTE * sla.warnAt))),
        and(isNotNull(cases.firstResponseAt), lte(cases.createdAt, new Date(t - policy.resolutionMinutes * MINUTE * sla.warnAt))),
      ),
    );
  });
  const rows = db
    .select()
    .from(cases)
    .where(and(eq(cases.state, 'open'), eq(cases.actionable, true), or(...old)))
    .all();

  const judged: { row: (typeof rows)[number]; status: SlaStatus }[] = [];
  for (const row of rows) {
    const facts = { priority: row.priority, createdAt: row.createdAt, firstResponseAt: row.firstResponseAt, resolvedAt: row.resolvedAt };
    // The same choice as the card: the first-response clock until the customer has an answer.
    const status = row.firstResponseAt ? resolutionStatus(facts, sla, now) : firstResponseStatus(facts, sla, now);
    if (status.phase === 'breached' || status.phase === 'at_risk') judged.push({ row, status });
  }
  judged.sort((a, b) => a.status.dueAt.getTime() - b.status.dueAt.getTime() || a.row.id - b.row.id);
  const breached = judged.filter((j) => j.status.phase === 'breached');
  const atRisk = judged.filter((j) => j.status.phase === 'at_risk');
  const shown = [...breached.slice(0, limit), ...atRisk.slice(0, limit)];

  const firstMentions = new Map(
    shown.length === 0
      ? []
      : db
          .select()
          .from(mentions)
          .where(
            inArray(
              mentions.id,
              shown.map((j) => j.row.firstMentionId),
            ),
          )
          .all()
          .map((m) => [m.id, m] as const),
  );
  const toViews = (list: typeof judged): CaseView[] =>
    list.slice(0, limit).flatMap((j) => {
      const first = firstMentions.get(j.row.firstMentionId);
      return first ? [toCaseView(j.row, first, now, sla)] : [];
    });

  return {
    asOf: new Date(t),
    warnAt: sla.warnAt,
    policies: slaPolicies(sla),
    breached: toViews(breached),
    atRisk: toViews(atRisk),
    breachedTotal: breached.length,
    atRiskTotal: atRisk.length,
  };
}
