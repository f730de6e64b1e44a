import { caseEvents } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

/** Who did something: an opaque platform user id (`slack:U123`) or a system actor. */
export interface Actor {
  id: string;
  name: string | null;
  platform: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Klaxon', platform: 'system' };
export const INGEST_ACTOR: Actor = { id: 'ingest', name: null, platform: 'ingest' };
/** The optional AI triage (src/triage/ai-triage.ts). */
export const AI_ACTOR: Actor = { id: 'ai', name: 'AI triage', platform: 'ai' };

export const CASE_EVENT_KINDS = [
  'opened',
  'mention_added',
  'mention_edited',
  'claimed',
  'released',
  'reply_queued',
  'replied',
  'dm_sent',
  'reply_retried',
  'answered_outside',
  'handed_off',
  /** The hand-off's notice reached the receiver: the hand-off stands. */
  'handoff_confirmed',
  /** The platform refused the hand-off's notice: the case went back as it was, and the person was told. */
  'handoff_failed',
  'escalated',
  'resolved',
  'reopened',
  'note',
  'sla_warning',
  'sla_breach',
  'merged',
  /** A report joining a storm's incident carried harm or urgency it lacked: its harm and priority rose. */
  'storm_raised',
  'delivery_failed',
  'delivery_uncertain',
  'ai_triaged',
  /** The platform refused the full card (or notice); the short form went out instead. */
  'card_fallback',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** Writes one audit row; call it inside the transaction of the change it records. */
export function recordEvent(
  tx: DbOrTx,
  caseId: number,
  actor: Actor,
  kind: CaseEventKind,
  at: Date,
  detail?: Record<string, unknown>,
): void {
  tx.insert(caseEvents)
    .values({ caseId, at, actor: actor.id, actorName: actor.name, platform: actor.platform, kind, detail: detail ?? null })
    .run();
}
