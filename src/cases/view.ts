import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { caseEvents, cases, mentions, outbox, type CaseRow, type MentionRow } from '../../db/schema/index.js';
import { PRIORITIES } from '../domain/priority.js';
import type { DbOrTx } from '../../db/types.js';
import type { CaseView } from '../ports.js';
import type { SlaConfig } from '../sla/config.js';
import { firstResponseStatus, resolutionStatus } from '../sla/status.js';
import { formatCaseRef } from './refs.js';
import { publicReplyOf, replyTarget } from './reply-target.js';
import { HARM_LABELS, isHarmId } from '../scoring/harm/categories.js';
import { LANGUAGE_NAMES, SCORED_LANGUAGES } from '../scoring/language/detect.js';

function harmView(ids: readonly string[]): NonNullable<CaseView['harm']> {
  return ids.map((id) => ({ id, label: isHarmId(id) ? HARM_LABELS[id] : id.replace(/_/g, ' ') }));
}

function languageView(code: string | null): CaseView['language'] {
  if (!code) return null;
  return { code, name: LANGUAGE_NAMES[code] ?? code, scored: SCORED_LANGUAGES.has(code) };
}

/** The SLA clock a case is judged on now: first response until the customer has an answer, then resolution. */
export function caseSlaStatus(
  row: Pick<CaseRow, 'priority' | 'createdAt' | 'firstResponseAt' | 'resolvedAt'>,
  now: Date,
  sla: SlaConfig,
): CaseView['sla'] {
  const facts = { priority: row.priority, createdAt: row.createdAt, firstResponseAt: row.firstResponseAt, resolvedAt: row.resolvedAt };
  return row.firstResponseAt ? resolutionStatus(facts, sla, now) : firstResponseStatus(facts, sla, now);
}

/**
 * Builds the platform-neutral view of a case as of `now` (SLA time left is relative to it).
 * `answering` is the message a reply would answer (see replyTarget); lists pass the first.
 */
export function toCaseView(
  row: CaseRow,
  first: MentionRow,
  now: Date,
  sla: SlaConfig,
  lastReply: CaseView['lastReply'] = null,
  incident: CaseView['incident'] = null,
  answering: MentionRow = first,
): CaseView {
  const status = caseSlaStatus(row, now, sla);
  return {
    id: row.id,
    ref: formatCaseRef(row.id),
    state: row.state,
    priority: row.priority,
    score: row.score,
    reasons: row.reasons,
    source: row.source,
    author: {
      id: first.authorId,
      handle: first.authorHandle,
      name: first.authorName,
      followers: first.authorFollowers,
      verified: first.authorVerified,
    },
    text: first.text,
    url: first.url,
    isPrivate: first.isPrivate,
    publicReply: publicReplyOf(answering),
    createdAt: row.createdAt,
    mentionCount: row.mentionCount,
    reach: row.reach,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName } : null,
    firstResponseAt: row.firstResponseAt,
    firstResponseVia: row.firstResponseVia,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
    sla: status,
    lastReply,
    incident,
    mergedInto: row.mergedInto,
    harm: harmView(row.harm),
    language: languageView(row.language),
    intent: row.intent,
    actionable: row.actionable,
    guidance: row.guidance,
    asOf: now,
    version: row.version,
  };
}

export function loadCaseView(db: DbOrTx, caseId: number, now: Date, sla: SlaConfig): CaseView | null {
  const row = db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) return null;
  const first = db.select().from(mentions).where(eq(mentions.id, row.firstMentionId)).get();
  if (!first) return null;
  return {
    ...toCaseView(
      row,
      first,
      now,
      sla,
      loadLastReply(db, caseId),
      row.kind === 'incident' ? loadIncident(db, caseId) : null,
      replyTarget(db, caseId, first),
    ),
    ai: loadAiTriage(db, caseId),
  };
}

/** The latest AI triage of a case (its audit row), for the card; null when there is none. */
export function loadAiTriage(db: DbOrTx, caseId: number): CaseView['ai'] {
  const event = db
    .select({ detail: caseEvents.detail })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'ai_triaged')))
    .orderBy(desc(caseEvents.at), desc(caseEvents.id))
    .limit(1)
    .get();
  const d = event?.detail;
  if (!d) return null;
  const text = (key: string): string => (typeof d[key] === 'string' ? d[key] : '');
  const priority = (key: string) => ((PRIORITIES as readonly unknown[]).includes(d[key]) ? (d[key] as (typeof PRIORITIES)[number]) : null);
  const from = priority('from');
  const to = priority('to');
  if (!from || !to) return null;
  return {
    model: text('model'),
    reason: text('reason'),
    category: text('category'),
    intent: text('intent'),
    language: text('language'),
    from,
    to,
  };
}

const SAMPLES = 3;

export function loadIncident(db: DbOrTx, caseId: number): CaseView['incident'] {
  const samples = db
    .select({ handle: mentions.authorHandle, followers: mentions.authorFollowers, text: mentions.text })
    .from(mentions)
    .where(and(eq(mentions.caseId, caseId), eq(mentions.direction, 'inbound'), isNull(mentions.repostOf)))
    .orderBy(desc(mentions.id))
    .limit(SAMPLES)
    .all();
  return { samples };
}

export function loadLastReply(db: DbOrTx, caseId: number): CaseView['lastReply'] {
  const reply = db
    .select({ id: outbox.id, kind: outbox.kind, status: outbox.status, resultRef: outbox.resultRef, lastError: outbox.lastError })
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), inArray(outbox.kind, ['reply.public', 'reply.private'])))
    .orderBy(desc(outbox.id))
    .limit(1)
    .get();
  if (!reply) return null;
  const link = reply.resultRef && /^https?:\/\//.test(reply.resultRef) ? reply.resultRef : null;
  return {
    outboxId: reply.id,
    status: reply.status,
    mode: reply.kind === 'reply.public' ? 'public' : 'private',
    link,
    error: reply.lastError,
  };
}
