/**
 * What ingest does with a scored mention beyond storing it (docs/CONTRACT.md §9):
 *   - a harm whose policy escalates (crisis, by default) is raised at once to the escalation
 *     channel of every platform showing the case (or where its card is, when a platform has no
 *     escalation channel), with the on-call lead mentioned: the same notice and audit row as the
 *     Escalate button, written by Klaxon itself, in the case's transaction;
 *   - a case below `cards.minPriority` is stored, counted and listed by `queue`, but gets no card
 *     until its priority reaches the minimum.
 * Nothing here ever writes to the customer.
 */
import { priorityRank, type Priority } from '../domain/priority.js';
import type { Tx } from '../../db/types.js';
import { recordEvent, SYSTEM_ACTOR } from '../cases/events.js';
import { enqueue } from '../outbox/enqueue.js';
import type { PlatformId } from '../ports.js';
import { HARM_LABELS, isHarmId } from '../scoring/harm/categories.js';

/** Where escalations go: the escalation channel per platform and who is mentioned (CaseContext.escalation). */
export interface EscalationPolicy {
  targets: Partial<Record<PlatformId, string>>;
  onCall: string | null;
}

/** Cards are posted for cases at or above this priority (config `cards.minPriority`). */
export function cardWanted(priority: Priority, minPriority: Priority): boolean {
  return priorityRank(priority) <= priorityRank(minPriority);
}

/** A case's guidance with a newly found harm's note added once. */
export function joinGuidance(before: string | null, added: string | null): string | null {
  if (!added || before?.includes(added)) return before;
  return before ? `${before}\n${added}` : added;
}

/** "crisis: possible self-harm, safety risk" from harm ids. */
export function harmWords(ids: readonly string[]): string {
  return ids.map((id) => (isHarmId(id) ? HARM_LABELS[id] : id.replace(/_/g, ' '))).join(', ');
}

/**
 * Escalates a case because of the harm found in it, unless it was escalated for that harm
 * before (the dedupe key names the case and the platform). Returns the platforms notified.
 */
export function escalateForHarm(
  tx: Tx,
  input: { caseId: number; route: Partial<Record<string, string>>; harm: readonly string[]; policy: EscalationPolicy | undefined },
  now: Date,
): PlatformId[] {
  const notified: PlatformId[] = [];
  const words = harmWords(input.harm);
  for (const [platform, cardChannel] of Object.entries(input.route) as [PlatformId, string | undefined][]) {
    const target = input.policy?.targets[platform] ?? cardChannel;
    if (!target) continue;
    // The on-call id in config is a Slack id; it means nothing on other platforms.
    const mention = platform === 'slack' ? (input.policy?.onCall ?? null) : null;
    const notice = { kind: 'escalation' as const, note: `Automatic: ${words}. See the guidance on the card.`, by: 'Klaxon', mention };
    if (enqueue(tx, { kind: 'notice', platform, target, caseId: input.caseId, notice }, now, `harm-escalation:${input.caseId}:${platform}`))
      notified.push(platform);
  }
  if (notified.length > 0) {
    recordEvent(tx, input.caseId, SYSTEM_ACTOR, 'escalated', now, { automatic: true, harm: [...input.harm], escalatedTo: notified });
    for (const [platform, target] of Object.entries(input.route) as [PlatformId, string | undefined][]) {
      if (target)
        enqueue(tx, { kind: 'thread.post', platform, target, caseId: input.caseId, text: `🚨 Escalated automatically: ${words}` }, now);
    }
  }
  return notified;
}
