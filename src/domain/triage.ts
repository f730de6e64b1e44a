import { HARM_IDS } from './harm.js';

/**
 * What an AI triage model answers about one mention (the TriageModel port in src/ports.ts): a harm
 * category of the core's taxonomy (or none), the intent, the language and a one-line reason.
 * src/triage/answer.ts checks a model's answer against this shape with zod.
 */

/** What the model may answer for the category: a harm id of the core, or "none". */
export const TRIAGE_CATEGORIES = [...HARM_IDS, 'none'] as const;
export type TriageCategory = (typeof TRIAGE_CATEGORIES)[number];

export const TRIAGE_INTENTS = ['complaint', 'question', 'request', 'praise', 'irrelevant'] as const;
export type TriageIntent = (typeof TRIAGE_INTENTS)[number];

export interface TriageAnswer {
  category: TriageCategory;
  intent: TriageIntent;
  /** ISO 639-1 code ("en"), or "und" when the model cannot tell. */
  language: string;
  /** One printable line, at most MAX_REASON characters (src/triage/answer.ts). */
  reason: string;
}
