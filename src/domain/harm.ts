/**
 * The ids of the harm taxonomy (docs/CONTRACT.md §9): stable machine keys (config `harm.<id>`),
 * shared by the scorer, the AI triage answer and the cards. Their floors, labels and guidance are
 * the scorer's (src/scoring/harm/categories.ts).
 */
export const HARM_IDS = [
  'safety',
  'crisis',
  'medical',
  'fraud',
  'vulnerable',
  'privacy',
  'discrimination',
  'threat',
  'legal',
  'regulator',
  'press',
  'essential_service',
] as const;
export type HarmId = (typeof HARM_IDS)[number];
