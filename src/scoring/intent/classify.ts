/**
 * What the customer wants: a complaint, a question, a request, praise, something irrelevant to
 * the brand, or spam (CONTRACT §9: praise is P4; irrelevant and spam are P4 and "no action").
 * Decided from the text reading (complaint evidence, tone, harm) plus a few surface patterns, so
 * it works for every scored language; spam and greeting patterns are language-light on purpose.
 */

export const INTENTS = ['complaint', 'question', 'request', 'praise', 'irrelevant', 'spam', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

/** Plain words for the card. */
export const INTENT_LABELS: Readonly<Record<Intent, string>> = {
  complaint: 'complaint',
  question: 'question',
  request: 'request',
  praise: 'praise',
  irrelevant: 'irrelevant',
  spam: 'spam',
  other: 'remark',
};

/** Intents a person need not act on: stored and counted, marked "no action". */
export const NO_ACTION_INTENTS: ReadonlySet<Intent> = new Set(['irrelevant', 'spam']);

export interface IntentInput {
  text: string;
  /** How much of a complaint the text reads as, 0..1 (severity or negativity, whichever is higher). */
  concern: number;
  /** Sentiment -1..1. */
  sentiment: number;
  /** A harm category was found. */
  harm: boolean;
  /** Concrete problem evidence (a complaint theme or a strong complaint word). */
  problem: boolean;
  /** The strongest complaint-theme evidence, 0..1 ("stuck" 0.5, "never arrived" 0.6). */
  problemStrength: number;
  sarcasm: boolean;
  questions: number;
  /** The rules' own reading (VADER-style), a second opinion on tone beside the learned model. */
  compound: number;
  valence: { positive: number; negative: number };
}

const SPAM = new RegExp(
  [
    String.raw`\bfollow\s*(?:for|4)\s*follow\b`, String.raw`\bf4f\b`, String.raw`\bfollow\s+(?:me|back|us)\b.*\b(?:giveaway|free|win)\b`,
    String.raw`\bgiveaways?\b`, String.raw`\bwin\s+(?:a\s+)?free\b`, String.raw`\bfree\s+(?:iphone|gift\s*cards?|followers|money|crypto|bitcoin)\b`,
    String.raw`\b(?:cheap|buy|get)\s+(?:\d+\s+)?followers\b`, String.raw`\bearn\s+(?:[£$€]?\d[\d,]*|money|cash)\b`,
    String.raw`\bmake\s+(?:[£$€]?\d[\d,]*|money)\s+(?:a|per|from)\b`, String.raw`\b(?:crypto|bitcoin|btc|eth|nft|airdrop|forex|binary options)\b.*(?:🚀|moon|signals|gains|profit|100x|invest)`,
    String.raw`(?:🚀|moon|signals|gains|profit|100x).*\b(?:crypto|bitcoin|btc|eth|nft)\b`, String.raw`\bdm\s+me\s+(?:for|to)\s+(?:earn|make|invest|promo|collab)`,
    String.raw`\bclick\s+(?:here|the\s+link|link\s+in\s+bio)\b`, String.raw`\b(?:visit|check\s+out)\s+(?:my|our)\s+(?:site|page|channel|profile|store|shop)\b`,
    String.raw`\bsubscribe\s+to\s+my\b`, String.raw`\bpromo\s+code\b.*\b(?:my|use)\b`, String.raw`\bonlyfans\b`, String.raw`\bcasino\b`,
    String.raw`\bbetting\s+tips\b`, String.raw`\blink\s+in\s+(?:my\s+)?bio\b`,
  ].join('|'),
  'iu',
);

/** A message that is only a greeting, a seasonal wish or laughter. */
const SMALL_TALK = /^[\s\p{P}\p{S}]*(?:(?:good\s+(?:morning|night|evening|afternoon)|gm|gn|happy\s+(?:friday|monday|weekend|new\s+year|christmas|holidays?|easter|birthday|diwali|eid|halloween|thanksgiving)|merry\s+christmas|hello|hi|hey|hiya|yo|lol|lmao|haha+|ha(?:ha)+|rofl|cheers|good\s+luck)(?:\s+(?:everyone|all|folks|twitter|world|friends|from\s+all\s+of\s+us|to\s+all|y'?all))?[\s\p{P}\p{S}\p{Extended_Pictographic}]*)+$/iu;

const REQUEST = /\b(?:please|pls|plz|can\s+you|could\s+you|would\s+you|i'?d\s+like|i\s+would\s+like|i\s+want\s+to|i\s+need\s+to|i\s+need\s+(?:a|an|my|the)|kindly|send\s+me|let\s+me\s+know|call\s+me|dm\s+me|email\s+me|get\s+back\s+to\s+me|update\s+my|change\s+my|add\s+(?:me|my)|remove\s+(?:me|my)|unsubscribe\s+me|por\s+favor|s'?il\s+vous\s+pla[iî]t|bitte|por\s+gentileza)\b/iu;

/** Twitter meme formats ("me waiting for my parcel like…", "POV:", "nobody:") are jokes, not reports. */
const MEME = /^\s*(?:@\w+\s+)*(?:me\s+(?:waiting|when|after|trying|realising|realizing|watching|every\s+time|checking|refreshing|pretending)\b|pov\s*:|nobody\s*:|no\s+one\s*:|when\s+you\b|that\s+moment\s+when\b)/iu;

const QUESTION_START = /^\s*(?:@\w+\s+)*(?:how|what|when|where|why|who|which|can|could|do|does|did|is|are|will|would|should|any|anyone|has|have|qu[eé]|c[oó]mo|cu[aá]ndo|d[oó]nde|por\s+qu[eé]|comment|quand|o[uù]|pourquoi|est-ce|wie|was|wann|wo|warum|gibt\s+es|como|quando|onde|qual|porque)\b/iu;

/** True for the joke formats that are never urgent on their own. */
export const isJoke = (text: string): boolean => MEME.test(text);

/** Theme evidence from which a problem outweighs any praise around it ("thanks, but it never arrived"). */
const CLEAR_PROBLEM = 0.55;

export function classifyIntent(input: IntentInput): Intent {
  const text = input.text;
  const complaint = input.harm || input.problem || input.concern >= 0.45 || input.sarcasm;
  if (!complaint && SPAM.test(text)) return 'spam';
  if (!complaint && SMALL_TALK.test(text)) return 'irrelevant';
  const negativity = Math.max(0, -input.sentiment);
  // Praise when both readings say so, or when the rules read clear praise and the model's doubt
  // comes only from topic words ("customer service", "mortgage") that usually sit in complaints.
  const praise =
    !input.harm &&
    !input.sarcasm &&
    input.problemStrength < CLEAR_PROBLEM &&
    negativity < 0.3 &&
    (input.sentiment >= 0.3 || (input.compound >= 0.5 && input.valence.positive >= 2 * input.valence.negative));
  if (praise) return 'praise';
  if (!input.harm && input.problemStrength < 0.6 && MEME.test(text)) return 'other';
  if (complaint && (input.harm || input.concern >= 0.35 || input.sentiment < 0.3)) return 'complaint';
  if (!complaint && input.sentiment >= 0.3 && input.concern < 0.35) return 'praise';
  const asks = input.questions > 0 || QUESTION_START.test(text);
  if (asks) return 'question';
  if (REQUEST.test(text)) return 'request';
  if (complaint) return 'complaint';
  if (input.sentiment >= 0.3) return 'praise';
  return 'other';
}
