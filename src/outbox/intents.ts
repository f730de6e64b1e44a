import type { PlatformId } from '../ports.js';

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
  | { kind: 'handoff'; note: string | null; by: string | null };

export type Intent =
  | { kind: 'card.post'; platform: PlatformId; target: string; caseId: number }
  | { kind: 'card.update'; platform: PlatformId; target: string; caseId: number }
  | { kind: 'thread.post'; platform: PlatformId; target: string; caseId: number; text: string }
  | { kind: 'notice'; platform: PlatformId; target: string; caseId: number | null; notice: NoticeSpec }
  | { kind: 'reply.public'; platform: 'source'; target: string; caseId: number; text: string; by: string }
  | { kind: 'reply.private'; platform: 'source'; target: string; caseId: number; text: string; by: string; publicNote: string | null };

export type IntentKind = Intent['kind'];
export const INTENT_KINDS = ['card.post', 'card.update', 'thread.post', 'notice', 'reply.public', 'reply.private'] as const satisfies readonly IntentKind[];

/**
 * Public replies are at most once: a reply found "sending" after a crash may have reached the
 * customer, so it is never resent blindly.
 */
export function isAtMostOnce(kind: IntentKind): boolean {
  return kind === 'reply.public' || kind === 'reply.private';
}
