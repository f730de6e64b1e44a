import type { PendingHandoff } from '../cases/verbs/handoff.js';
import type { PlatformId } from '../ports.js';
import type { SpikeAlert } from '../domain/spike.js';

/**
 * Outgoing actions, written to the outbox in the transaction of the change that caused them.
 * Payloads are small and refer to the case by id: a card is rendered from the case's state at
 * send time, so several updates queued for one case collapse into one call.
 */
export type NoticeSpec =
  | { kind: 'text'; text: string }
  | { kind: 'escalation'; note: string | null; by: string | null; mention: string | null }
  | { kind: 'sla_warning'; mention: string | null }
  | { kind: 'sla_breach'; mention: string | null }
  /** `pending`: the hand-off this notice completes (absent on rows written before hand-offs were confirmed). */
  | { kind: 'handoff'; note: string | null; by: string | null; pending?: PendingHandoff }
  /** A surge of negative mentions or of one theme; not about one case (caseId null). */
  | { kind: 'spike'; alert: SpikeAlert; mention: string | null };

export type Intent =
  | { kind: 'card.post'; platform: PlatformId; target: string; caseId: number }
  /** `force` re-renders even when the case version did not change (the SLA phase moved with time). */
  | { kind: 'card.update'; platform: PlatformId; target: string; caseId: number; force?: boolean }
  | { kind: 'thread.post'; platform: PlatformId; target: string; caseId: number; text: string }
  | { kind: 'notice'; platform: PlatformId; target: string; caseId: number | null; notice: NoticeSpec }
  | ({
      kind: 'reply.public';
      platform: 'source';
      target: string;
      caseId: number;
      text: string;
      by: string;
      byName: string | null;
    } & RetryOf)
  | ({
      kind: 'reply.private';
      platform: 'source';
      target: string;
      caseId: number;
      text: string;
      by: string;
      byName: string | null;
      publicNote: string | null;
    } & RetryOf)
  /** The executive digest as of `windowEnd` (ISO instant), for local day `day` (YYYY-MM-DD); built at send time. */
  | { kind: 'digest.post'; platform: PlatformId; target: string; day: string; windowEnd: string };

/** On a manual retry of a reply: the first attempt's idempotency key and when it began. */
interface RetryOf {
  idempotencyKey?: string;
  /** ISO instant. */
  firstAttemptAt?: string;
}

export type IntentKind = Intent['kind'];
export const INTENT_KINDS = [
  'card.post',
  'card.update',
  'thread.post',
  'notice',
  'reply.public',
  'reply.private',
  'digest.post',
] as const satisfies readonly IntentKind[];

/**
 * Public replies are at most once: a reply found "sending" after a crash may have reached the
 * customer, so it is never resent blindly.
 */
export function isAtMostOnce(kind: IntentKind): boolean {
  return kind === 'reply.public' || kind === 'reply.private';
}
