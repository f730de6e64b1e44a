/**
 * Cues read from the raw text rather than from tokens, because the tokeniser folds every number
 * to "#": an age of 65 or more ("my 84 year old dad", "she is 92", "87 Jahre") marks an older
 * customer, and a currency amount ("£450", "300 euros") marks money, anywhere in the text.
 */
import type { ConceptHit } from './concepts.js';

const AGE_WITH_UNIT = /\b(6[5-9]|[7-9]\d|10\d)[\s-]*(?:years?|yrs?|yo\b|ans\b|años|anos\b|jahre|jährig|-year)/iu;
const AGE_AFTER_VERB =
  /\b(?:i'?m|i am|aged?|she'?s|he'?s|she is|he is|who is|who's|is|turned|turning|ist|tiene|tem|tenho|tengo|a|hat|von|de)\s+(6[5-9]|[7-9]\d|10\d)\b(?!\s*(?:%|£|\$|€|[.,:]\d|pounds?|quid|euros?|dollars?|p\b|pence|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|times?|mb|gb|km|miles?|mph|items?|people|pages?|calls?|seats?|users?|orders?|°))/iu;
/** Calling the emergency services is the most essential use of a phone line. */
const EMERGENCY_CALL = /\b(?:call|ring|dial|phone|reach)\s+(?:the\s+)?(?:999|911|112|000|an?\s+ambulance|emergency services|the police|my doctor|my gp|the gp)\b/iu;
const MONEY_AMOUNT = /[£$€]\s?\d|\d\s?(?:€|£|\$|euros?\b|eur\b|pounds?\b|quid\b|dollars?\b|reais\b)/iu;

const anywhere = (concept: string): ConceptHit => ({ concept, start: -1, end: -1, negated: false, hypothetical: false, question: false });

export function textCues(text: string): ConceptHit[] {
  const out: ConceptHit[] = [];
  if (EMERGENCY_CALL.test(text)) out.push(anywhere('IMPACT'));
  // Digits are rare in most mentions: skip the other regexes when there are none.
  if (!/\d/.test(text)) return out;
  if (AGE_WITH_UNIT.test(text) || AGE_AFTER_VERB.test(text)) out.push(anywhere('VULN_PERSON'));
  if (MONEY_AMOUNT.test(text)) out.push(anywhere('MONEY'));
  return out;
}
