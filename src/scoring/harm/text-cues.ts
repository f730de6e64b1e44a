/**
 * Cues read from the raw text rather than from tokens, because the tokeniser folds every number
 * to "#": an age of 65 or more ("my 84 year old dad", "she is 92", "87 Jahre") marks an older
 * customer, and a currency amount ("£450", "300 euros") marks money, anywhere in the text.
 */
import type { ConceptHit } from './concepts.js';

const AGE_WITH_UNIT = /\b(6[5-9]|[7-9]\d|10\d)[\s-]*(?:years?|yrs?|yo\b|ans\b|años|anos\b|jahre|jährig|-year)/iu;
const AGE_AFTER_VERB = new RegExp(
  String.raw`\b(?:i'?m|i am|aged?|she'?s|he'?s|she is|he is|who is|who's|is|turned|turning|ist|tiene|tem|tenho|tengo|a|hat|von|` +
    String.raw`de)\s+(6[5-9]|[7-9]\d|10\d)\b(?!\s*(?:%|£|\$|€|[.,:]\d|pounds?|quid|euros?|dollars?|p\b|pence|mins?|minutes?|hours?|` +
    'hrs?|days?|weeks?|months?|times?|mb|gb|km|miles?|mph|items?|people|pages?|calls?|seats?|users?|orders?|°))',
  'iu',
);
/** Calling the emergency services is the most essential use of a phone line. */
const EMERGENCY_CALL = new RegExp(
  String.raw`\b(?:call|ring|dial|phone|reach)\s+(?:the\s+)?(?:999|911|112|000|an?\s+ambulance|emergency services|the police|` +
    String.raw`my doctor|my gp|the gp)\b`,
  'iu',
);
const MONEY_AMOUNT = /[£$€]\s?\d|\d\s?(?:€|£|\$|euros?\b|eur\b|pounds?\b|quid\b|dollars?\b|reais\b)/iu;

const anywhere = (concept: string): ConceptHit => ({ concept, start: -1, end: -1, negated: false, hypothetical: false, question: false });

/** Words that can open an emergency call ("call 999", "ring an ambulance"). */
const CALL_WORDS: ReadonlySet<string> = new Set(['call', 'ring', 'dial', 'phone', 'reach']);
/** Words one of which must follow a call word within three tokens for the call to be an emergency one. */
const EMERGENCY_WORDS: ReadonlySet<string> = new Set(['#', 'ambulance', 'emergency', 'police', 'doctor', 'gp']);

/** A call word followed closely by a number or an emergency service: worth the regex. */
function mayCallEmergency(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (!CALL_WORDS.has(words[i]!)) continue;
    for (let k = i + 1; k <= i + 3 && k < words.length; k++) if (EMERGENCY_WORDS.has(words[k]!)) return true;
  }
  return false;
}

/** Currency words the tokeniser keeps (symbols are dropped): a money regex needs one of them or a symbol. */
const CURRENCY_WORDS: ReadonlySet<string> = new Set(['euro', 'euros', 'eur', 'pound', 'pounds', 'quid', 'dollar', 'dollars', 'reais']);

/** Words next to a number that can make it an age ("84 year old", "she is 92", "87 Jahre"). */
const AGE_WORDS: ReadonlySet<string> = new Set([
  'year',
  'years',
  'yr',
  'yrs',
  'yo',
  'ans',
  'años',
  'anos',
  'jahre',
  'jährige',
  'jahrige',
  'im',
  'i',
  'am',
  'aged',
  'age',
  'shes',
  'hes',
  'is',
  'who',
  'whos',
  'turned',
  'turning',
  'ist',
  'tiene',
  'tem',
  'tenho',
  'tengo',
  'a',
  'hat',
  'von',
  'de',
]);

function mayHoldAge(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== '#') continue;
    if (AGE_WORDS.has(words[i + 1] ?? '') || AGE_WORDS.has(words[i - 1] ?? '')) return true;
  }
  return false;
}

/** Cues of a text; `words` are its tokens, to skip a regex when its trigger words are absent. */
export function textCues(text: string, words?: readonly string[]): ConceptHit[] {
  const out: ConceptHit[] = [];
  if ((!words || mayCallEmergency(words)) && EMERGENCY_CALL.test(text)) out.push(anywhere('IMPACT'));
  // Numbers are rare in most mentions: skip the other regexes when there are none.
  if (words ? !words.includes('#') : !/\d/.test(text)) return out;
  if ((!words || mayHoldAge(words)) && (AGE_WITH_UNIT.test(text) || AGE_AFTER_VERB.test(text))) out.push(anywhere('VULN_PERSON'));
  const currency = !words || /[£$€]/.test(text) || words.some((w) => CURRENCY_WORDS.has(w));
  if (currency && MONEY_AMOUNT.test(text)) out.push(anywhere('MONEY'));
  return out;
}
