/**
 * The harm taxonomy (docs/CONTRACT.md §9): categories of complaint that must reach a person quickly
 * whatever the author's reach. Each has a default priority floor, a plain-words label for the card
 * and, optionally, guidance for the agent. Ids are stable machine keys (config `harm.<id>`).
 */
import { HARM_IDS, type HarmId } from '../../domain/harm.js';
import type { Priority } from '../../domain/priority.js';

// The ids are domain vocabulary (src/domain/harm.ts); this module adds what the scorer knows of each.
export { HARM_IDS, type HarmId };

const HARM_ID_SET: ReadonlySet<string> = new Set(HARM_IDS);
export const isHarmId = (id: string): id is HarmId => HARM_ID_SET.has(id);

/** Default floors: danger to life or health is P1, every other harm P2. */
export const DEFAULT_HARM_FLOORS: Readonly<Record<HarmId, Priority>> = {
  safety: 'P1',
  crisis: 'P1',
  medical: 'P1',
  fraud: 'P2',
  vulnerable: 'P2',
  privacy: 'P2',
  discrimination: 'P2',
  threat: 'P2',
  legal: 'P2',
  regulator: 'P2',
  press: 'P2',
  essential_service: 'P2',
};

/** What the card calls each category: plain words an agent reads at a glance. */
export const HARM_LABELS: Readonly<Record<HarmId, string>> = {
  safety: 'safety risk',
  crisis: 'crisis: possible self-harm',
  medical: 'medical need',
  fraud: 'possible fraud',
  vulnerable: 'vulnerable customer',
  privacy: 'privacy breach',
  discrimination: 'discrimination or harassment',
  threat: 'threat of violence',
  legal: 'legal action',
  regulator: 'regulator or ombudsman',
  press: 'press or media',
  essential_service: 'essential service lost',
};

/**
 * Guidance shown to the agent on the card (never sent to the customer). Crisis has one by
 * default; the others are empty unless the config sets them.
 */
export const DEFAULT_HARM_GUIDANCE: Readonly<Partial<Record<HarmId, string>>> = {
  crisis:
    'Possible risk to life. Reply privately, calmly and quickly; do not argue about the account. ' +
    'Share crisis support (e.g. emergency services, or Samaritans 116 123 in the UK and Ireland), ' +
    "follow your team's safeguarding procedure and tell your lead.",
};

/** Categories escalated to the escalation channel as soon as they are detected, by default. */
export const DEFAULT_HARM_ESCALATE: ReadonlySet<HarmId> = new Set<HarmId>(['crisis']);

/** "safety risk (gas)": the label, with the cue that triggered it when there is one. */
export function harmReason(id: HarmId, cue: string | null): string {
  return cue ? `${HARM_LABELS[id]} (${cue})` : HARM_LABELS[id];
}
