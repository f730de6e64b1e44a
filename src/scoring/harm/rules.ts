/**
 * Harm rules: each names a category and the concepts that must meet for it, within a window of
 * words. Requirements are written "CONCEPT" (present and not negated), "!CONCEPT" (present and
 * negated: "didn't authorise"), "~CONCEPT" (negation does not matter) and "CONCEPT@n" (within n
 * words of the first requirement instead of the rule's window). The rules are language-neutral:
 * every lexicon fills the same concepts.
 */
import type { HarmId } from './categories.js';

export interface HarmRule {
  id: HarmId;
  /** Plain words for the card ("gas", "unrecognised payments"); null = the category label alone. */
  cue: string | null;
  all: readonly string[];
  /** Largest distance, in tokens, from the first requirement's hit (clause breaks count). */
  window: number;
  /** Evidence that the category applies, 0..1. */
  weight: number;
  /** Only when the text is otherwise a complaint (vulnerability alone is not a problem). */
  needsComplaint?: boolean;
  /** The first requirement must not sit in a question ("are you regulated by the FCA?"). */
  notQuestion?: boolean;
  /** Not in a message of plain praise ("my solicitor recommended you, first class"). */
  notPraise?: boolean;
  /** Concepts that cancel the rule when found within `unlessWindow` ("saw it on the news"). */
  unless?: readonly string[];
  /** Distance for `unless`, in tokens; the rule's window when absent. */
  unlessWindow?: number;
}

const r = (id: HarmId, cue: string | null, all: string[], window = 8, extra: Partial<HarmRule> = {}): HarmRule => ({
  id,
  cue,
  all,
  window,
  weight: 0.9,
  ...extra,
});

export const HARM_RULES: readonly HarmRule[] = [
  // safety
  r('safety', 'gas', ['GAS_DIRECT'], 0),
  r('safety', 'gas', ['GAS', 'GAS_SIGN'], 6),
  r('safety', 'fire', ['FIRE_EVENT'], 0),
  r('safety', 'fire', ['ON_FIRE', 'DEVICE'], 6),
  r('safety', 'fire', ['ON_FIRE', 'PLACE'], 5),
  r('safety', 'smoke', ['SMOKE', 'DEVICE'], 6),
  r('safety', 'electrics', ['HEAT_DAMAGE', 'DEVICE'], 7),
  r('safety', 'electrics', ['SHOCK'], 0),
  r('safety', 'electrics', ['LIVE_WIRE'], 0),
  r('safety', 'water near electrics', ['WATER_IN', 'ELEC_FITTING'], 7),
  r('safety', 'contaminated food', ['CONTAMINANT', 'FOOD@8', 'FOUND@8'], 8),
  r('safety', 'food safety', ['FOOD_ILLNESS'], 0),
  r('safety', 'transport', ['VEHICLE', 'DRIVE_DANGER'], 10),
  r('safety', 'transport', ['VEHICLE_FAIL'], 0),
  r('safety', 'transport', ['VEHICLE_PART', 'PART_FAIL'], 6),
  r('safety', 'child safety', ['CHILD', 'CHILD_HARM'], 6),
  r('safety', 'child safety', ['CHILD_PRODUCT', 'PRODUCT_FAIL'], 10),
  r('safety', 'injury', ['INJURY'], 0),
  r('safety', 'danger', ['DANGER'], 0),
  // told as a scene: a hazard and what it did (or nearly did) to someone
  r('safety', 'injury', ['HURT_SCENE', 'HAZARD_THING@14'], 14),
  r('safety', 'danger', ['NEAR_MISS', 'HAZARD_THING@14'], 14),
  r('safety', 'danger', ['STRUCT_FAIL', 'HAZARD_THING@6', 'PERSON_AT_RISK@16'], 16),
  r('safety', 'fumes', ['FUMES', 'SYMPTOM@14'], 14),
  r('safety', 'injury', ['FELL_OFF', 'PERSON_AT_RISK@8', 'HAZARD_THING@16'], 16),
  // a gas leak told by its smell; a smell that has gone is not one
  r('safety', 'gas', ['ROTTEN_EGG', '~GAS_SIGN@8'], 8, { unless: ['RESOLVED', 'FOOD'], unlessWindow: 12 }),
  // crisis
  r('crisis', null, ['~SELF_HARM'], 0, { unless: ['TREAT'], unlessWindow: 4 }),
  r('crisis', 'means at hand', ['MEANS', '~DESPAIR_WEAK@20'], 20),
  r('crisis', 'means at hand', ['MEANS', '~DESPAIR@30'], 30),
  r('crisis', 'despair', ['~DESPAIR', '~DESPAIR@40'], 40),
  // a plan with its means at hand, or a life with nothing left said as a last word
  r('crisis', 'means at hand', ['MEANS_AT_HAND'], 0),
  r('crisis', 'despair', ['~NOTHING_LEFT', '~FINAL_FRAME@30'], 30),
  r('crisis', 'despair', ['~NOTHING_LEFT', '~DESPAIR_WEAK@30'], 30),
  r('crisis', 'means at hand', ['MEANS', '~FINAL_FRAME@30'], 30),
  r('vulnerable', 'distress', ['~DESPAIR', '~DESPAIR_WEAK'], 30),
  // medical
  r('medical', 'medicines', ['MEDICINE', 'MED_PROBLEM'], 10),
  // "said no sesame" is a promise broken, not an absence: the allergen counts even negated.
  r('medical', 'allergy', ['~ALLERGEN', 'REACTION'], 14),
  r('medical', null, ['MED_EVENT'], 0),
  r('medical', 'medicines', ['DOSE_ERROR', 'MED_THING@14'], 14),
  // fraud
  r('fraud', 'unrecognised payments', ['MONEY', '~DENIED_AUTH'], 14),
  r('fraud', 'unrecognised payments', ['MONEY', 'NOT_MINE'], 16),
  r('fraud', 'unauthorised', ['~WITHOUT_CONSENT', 'MONEY@16'], 16),
  r('fraud', 'unauthorised', ['~WITHOUT_CONSENT', 'CREDENTIAL@10'], 10),
  r('fraud', 'account takeover', ['SOMEONE', 'TAKEOVER'], 8),
  r('fraud', 'account takeover', ['CREDENTIAL', 'CHANGED', '~DENIED_AUTH@16'], 6),
  r('fraud', 'account takeover', ['CREDENTIAL', 'CHANGED', 'NOT_MINE@16'], 6),
  r('fraud', 'impersonation', ['IMPERSONATE'], 0),
  r('fraud', null, ['SCAM_STRONG'], 0),
  r('fraud', 'scam', ['SCAM', 'LOSS'], 16),
  r('fraud', 'scam', ['GAVE_CODE', 'CALLER@24'], 24),
  r('fraud', 'scam', ['GAVE_CODE', 'LOSS@20'], 20),
  r('fraud', 'identity', ['IN_MY_NAME', 'OPEN_ACT'], 8),
  // told as a scene: a card or an account used where the customer was not, money gone, a courier for the card
  r('fraud', 'unrecognised payments', ['CARD_USED', 'NOT_MINE@16'], 16),
  r('fraud', 'unrecognised payments', ['CARD_USED', '~DENIED_AUTH@16'], 16),
  r('fraud', 'unrecognised payments', ['CARD_USED', 'ELSEWHERE@16'], 16),
  r('fraud', 'money gone', ['LOSS_STRONG'], 0, { notQuestion: true }),
  r('fraud', 'scam', ['CARD_HANDOVER'], 0, { notQuestion: true }),
  r('fraud', 'scam', ['REMOTE_ACCESS', 'LOSS@20'], 20),
  r('fraud', 'scam', ['REMOTE_ACCESS', 'CALLER@24'], 24),
  r('fraud', 'scam', ['REMOTE_ACCESS', 'IMPERSONATE@24'], 24),
  // vulnerable
  r('vulnerable', null, ['VULN_PERSON'], 0, { needsComplaint: true, unless: ['STAFF_THANKS'], unlessWindow: 24 }),
  r('vulnerable', 'no heating, water or power', ['UTILITY', 'NOT_WORKING'], 4),
  r('vulnerable', 'no heating, water or power', ['~UTILITY_LOSS'], 0),
  // privacy
  r('privacy', "someone else's data", ['OTHER_OWNER', 'DATA_ITEM'], 5),
  r('privacy', 'personal data exposed', ['MY_DATA', 'EXPOSE'], 9),
  r('privacy', 'sent to the wrong person', ['MY_DATA', 'WRONG_RECIPIENT'], 8),
  r('privacy', null, ['BREACH'], 0),
  r('privacy', 'personal data misused', ['MISUSE', 'STAFF_CONTACT'], 10),
  r('privacy', 'personal data passed on', ['MISUSE', 'THIRD_PARTY@14'], 14),
  // told as a scene: mail or a document where others can see it, data passed on after a deletion request
  r('privacy', 'personal data exposed', ['EXPOSED_CHANNEL', 'PRIVATE_DOC@14'], 14),
  r('privacy', 'personal data passed on', ['~AFTER_DELETION', 'DATA_ONWARD@30'], 30),
  // discrimination
  r('discrimination', null, ['~DISC_STRONG'], 0),
  r('discrimination', null, ['BECAUSE_SELF', 'ATTRIBUTE@5'], 5),
  r('discrimination', null, ['BECAUSE_SELF', 'ATTRIBUTE_WEAK@3'], 3),
  // "does not rent to people like us": the negation belongs to the act, not to who it was done to.
  r('discrimination', null, ['DISC_ACT', '~ATTRIBUTE'], 10),
  // told as a scene: singled out beside someone of another group treated better, or by who one is
  r('discrimination', null, ['SINGLED_OUT_STRONG'], 0),
  r('discrimination', null, ['SINGLED_OUT', 'OTHER_GROUP@24'], 24),
  r('discrimination', null, ['OTHER_GROUP', 'TREATED_BETTER@10', '~SINGLED_OUT@30'], 30),
  // threat
  r('threat', null, ['~THREAT_STRONG'], 0),
  r('threat', null, ['~REPORTED', '~VIOLENT_ACT@6'], 6),
  r('threat', null, ['~FUTURE_SELF', '~VIOLENT_ACT@8', '~TARGET@12'], 12),
  r('threat', null, ['~HARM_TO', '~FUTURE_SELF@8'], 8),
  // told as a scene: what will happen to someone, said by someone or on a condition
  r('threat', null, ['MENACE', 'MENACE_FRAME@12'], 12),
  // told as a scene: damage to the company's property, or waiting for its staff
  r('threat', 'property damage', ['THREAT_PROPERTY', 'STAFF_OR_PLACE@8'], 8),
  r('threat', null, ['MEET_STAFF', 'STAFF_OR_PLACE@10'], 10),
  // legal, regulator, press: mentioned even in a negation they are a warning. A solicitor who
  // introduces herself is not one instructed; a question about a regulator's rules is not a report.
  r('legal', null, ['~LEGAL'], 0, { notPraise: true, unless: ['SELF_PROFESSION'], unlessWindow: 3 }),
  r('legal', null, ['~LEGAL_TRADE'], 0, { notPraise: true }),
  r('regulator', null, ['~REGULATOR', '~REPORT_ACT'], 8, { notPraise: true, unless: ['RULE_QUESTION'], unlessWindow: 8 }),
  r('regulator', null, ['~REGULATOR'], 0, {
    needsComplaint: true,
    notQuestion: true,
    notPraise: true,
    unless: ['RULE_QUESTION'],
    unlessWindow: 8,
  }),
  r('press', null, ['~JOURNALIST'], 0, { notPraise: true }),
  r('press', null, ['~GO_MEDIA'], 0, { notPraise: true }),
  r('press', null, ['~MEDIA', '~ENGAGE'], 8, { unless: ['CONSUME'], notPraise: true }),
  // a named outlet or someone's role at one: warm words do not make it praise
  r('press', null, ['PRESS_ROLE', 'OUTLET@6'], 6),
  r('press', null, ['PRESS_ACT', 'OUTLET@8'], 8, { unless: ['CONSUME'], unlessWindow: 4 }),
  // essential service: an outage that stops work, business or daily life, or lasts. The impact
  // and the duration count negated too: "no sales all morning", "cannot take shifts" and "not
  // worked for a week" are the harm itself; the outage must not be negated.
  r('essential_service', null, ['OUTAGE_FULL', '~IMPACT'], 24),
  r('essential_service', null, ['OUTAGE_FULL', '~LONG'], 12),
  r('essential_service', null, ['SERVICE_OUT', 'CORE@5', '~IMPACT@24'], 24),
  r('essential_service', null, ['SERVICE_OUT', 'CORE@5', '~LONG@12'], 12),
  r('essential_service', null, ['~LONG', 'SERVICE_OUT_WEAK@12', 'CORE@14'], 14),
  r('essential_service', null, ['~IMPACT_STRONG', 'SERVICE_OUT_WEAK@24', 'CORE@26'], 26),
];
