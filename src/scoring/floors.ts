/**
 * What the additive score cannot decide alone (docs/CONTRACT.md §9):
 *   - a harm category lifts the priority to its floor (config `harm.<id>`) whatever the reach;
 *     reach, VIP and volume can only raise it further;
 *   - a text in a language the scorer cannot read is never left at P4 for that reason alone
 *     (`scoring.unscoredFloor`), and a complaint is never left at P4 (`scoring.complaintFloor`);
 *   - praise is P4, and so are irrelevant messages and spam (those also marked "no action").
 * The score moves with the priority (to the floor's threshold, or under P3's), so sorting by
 * score and by priority agree. Each change is an explained signal.
 */
import { PRIORITIES, type Priority } from '../domain/priority.js';
import type { ScoringConfig } from './config.js';
import type { Intent } from './intent/classify.js';
import type { Signal } from './reasons.js';
import type { HarmResult } from './score.js';

export interface Scored {
  score: number;
  priority: Priority;
}

export interface FloorInput {
  harm: readonly HarmResult[];
  scored: boolean;
  language: string;
  intent: Intent;
  noAction: boolean;
  /** A joke format ("me waiting for my parcel like…"). */
  joke: boolean;
  /** No category named, but the learned backstop reads a serious harm (read.ts). */
  possibleHarm?: boolean;
}

/** The backstop's floor: below the categories' P1, at the P2 of most of them. */
export const POSSIBLE_HARM_FLOOR: Priority = 'P2';

const urgency = (p: Priority): number => PRIORITIES.indexOf(p);

function thresholdOf(p: Priority, t: ScoringConfig['thresholds']): number {
  return p === 'P1' ? t.p1 : p === 'P2' ? t.p2 : p === 'P3' ? t.p3 : 0;
}

export function applyFloorsAndCaps(start: Scored, input: FloorInput, config: ScoringConfig): Scored & { signals: Signal[] } {
  let { score, priority } = start;
  const signals: Signal[] = [];
  const raise = (floor: Priority, signal: string): void => {
    if (urgency(floor) >= urgency(priority)) {
      signals.push({ signal, points: 0, reason: '' });
      return;
    }
    const to = Math.max(score, thresholdOf(floor, config.thresholds));
    signals.push({ signal, points: to - score, reason: '' });
    score = to;
    priority = floor;
  };
  for (const h of input.harm) raise(h.floor, `floor:${h.id}`);
  if (input.possibleHarm && input.harm.length === 0) raise(POSSIBLE_HARM_FLOOR, 'floor:possible serious harm');
  if (!input.scored) raise(config.unscoredFloor, `floor:language (${input.language})`);
  if (input.intent === 'complaint') raise(config.complaintFloor, 'floor:complaint');

  // Praise, jokes and no-action messages are P4 even from a VIP: nothing to fix, nothing urgent.
  const capped = input.harm.length === 0 && (input.intent === 'praise' || input.noAction || input.joke);
  if (capped && priority !== 'P4') {
    const to = Math.min(score, Math.max(0, thresholdOf('P3', config.thresholds) - 1));
    signals.push({ signal: `cap:${input.noAction ? 'no action' : input.joke ? 'joke' : 'praise'}`, points: to - score, reason: '' });
    score = to;
    priority = 'P4';
  }
  return { score, priority, signals };
}
