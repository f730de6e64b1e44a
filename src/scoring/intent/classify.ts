/**
 * What the customer wants: a complaint, a question, a request, praise, something irrelevant to
 * the brand, or spam (docs/CONTRACT.md §9: praise is P4; irrelevant and spam are P4 and "no action").
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
  /** The text's tokens (tokenise output), to skip patterns whose words are absent. */
  words?: readonly string[];
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
  /** Quotation marks outside words ('new', 'delivered'): a claim the writer doubts. */
  quotes?: number;
  /** Most of the words are in capitals. */
  shouting?: boolean;
}

const SPAM = new RegExp(
  [
    String.raw`\bfollow\s*(?:for|4)\s*follow\b`,
    String.raw`\bf4f\b`,
    String.raw`\bfollow\s+(?:me|back|us)\b.*\b(?:giveaway|free|win)\b`,
    String.raw`\bgiveaways?\b`,
    String.raw`\bwin\s+(?:a\s+)?free\b`,
    String.raw`\bfree\s+(?:iphone|gift\s*cards?|followers|money|crypto|bitcoin)\b`,
    String.raw`\b(?:cheap|buy|get)\s+(?:\d+\s+)?followers\b`,
    String.raw`\bearn\s+(?:[£$€]?\d[\d,]*|money|cash)\b`,
    String.raw`\bmake\s+(?:[£$€]?\d[\d,]*|money)\s+(?:a|per|from)\b`,
    String.raw`\b(?:crypto|bitcoin|btc|eth|nft|airdrop|forex|binary options)\b.*(?:🚀|moon|signals|gains|profit|100x|invest)`,
    String.raw`(?:🚀|moon|signals|gains|profit|100x).*\b(?:crypto|bitcoin|btc|eth|nft)\b`,
    String.raw`\bdm\s+me\s+(?:for|to)\s+(?:earn|make|invest|promo|collab)`,
    String.raw`\bclick\s+(?:here|the\s+link|link\s+in\s+bio)\b`,
    String.raw`\b(?:visit|check\s+out)\s+(?:my|our)\s+(?:site|page|channel|profile|store|shop)\b`,
    String.raw`\bsubscribe\s+to\s+my\b`,
    String.raw`\bpromo\s+code\b.*\b(?:my|use)\b`,
    String.raw`\bonlyfans\b`,
    String.raw`\bcasino\b`,
    String.raw`\bbetting\s+tips\b`,
    String.raw`\blink\s+in\s+(?:my\s+)?bio\b`,
  ].join('|'),
  'iu',
);

/**
 * A message that is only a greeting, a seasonal wish or laughter. The emoji variation selector and the
 * zero-width joiner are alternatives of their own, not members of a class, where they would look like
 * they join with their neighbours.
 */
const SMALL_TALK = new RegExp(
  String.raw`^(?:[\s\p{P}\p{S}]|\uFE0F|\u200D)*(?:(?:good\s+(?:morning|night|evening|afternoon)|gm|gn|happy\s+(?:friday|monday|` +
    String.raw`weekend|new\s+year|christmas|holidays?|easter|birthday|diwali|eid|halloween|thanksgiving)|merry\s+christmas|hello|hi|` +
    String.raw`hey|hiya|yo|lol|lmao|haha+|ha(?:ha)+|rofl|cheers|good\s+luck)(?:\s+(?:everyone|all|folks|twitter|world|friends|` +
    String.raw`from\s+all\s+of\s+us|to\s+all|y'?all))?(?:[\s\p{P}\p{S}\p{Extended_Pictographic}]|\uFE0F|\u200D)*)+$`,
  'iu',
);

const REQUEST = new RegExp(
  String.raw`\b(?:please|pls|plz|can\s+you|could\s+you|would\s+you|i'?d\s+like|i\s+would\s+like|i\s+want\s+to|i\s+need\s+to|` +
    String.raw`i\s+need\s+(?:a|an|my|the)|kindly|send\s+me|let\s+me\s+know|call\s+me|dm\s+me|email\s+me|get\s+back\s+to\s+me|` +
    String.raw`update\s+my|change\s+my|add\s+(?:me|my)|remove\s+(?:me|my)|unsubscribe\s+me|por\s+favor|s'?il\s+vous\s+pla[iî]t|bitte|` +
    String.raw`por\s+gentileza)\b`,
  'iu',
);

/** Twitter meme formats ("me waiting for my parcel like…", "POV:", "nobody:") are jokes, not reports. */
const MEME = new RegExp(
  String.raw`^\s*(?:@\w+\s+)*(?:me\s+(?:waiting|when|after|trying|realising|realizing|watching|every\s+time|checking|refreshing|` +
    String.raw`pretending)\b|pov\s*:|nobody\s*:|no\s+one\s*:|when\s+you\b|that\s+moment\s+when\b)`,
  'iu',
);

const QUESTION_START = new RegExp(
  String.raw`^\s*(?:@\w+\s+)*(?:how|what|when|where|why|who|which|can|could|do|does|did|is|are|will|would|should|any|anyone|has|` +
    String.raw`have|qu[eé]|c[oó]mo|cu[aá]ndo|d[oó]nde|por\s+qu[eé]|comment|quand|o[uù]|pourquoi|est-ce|wie|was|wann|wo|warum|` +
    String.raw`gibt\s+es|como|quando|onde|qual|porque)(?!\w)(?!['’]t\b)`,
  'iu',
);

/** True for the joke formats that are never urgent on their own. */
export const isJoke = (text: string): boolean => MEME.test(text);

/** Theme evidence from which a problem outweighs any praise around it ("thanks, but it never arrived"). */
const CLEAR_PROBLEM = 0.55;

/** Words without which no spam pattern can match: the regex runs only when one is there. */
const SPAM_WORDS: ReadonlySet<string> = new Set([
  'follow',
  'f4f',
  'giveaway',
  'giveaways',
  'free',
  'followers',
  'earn',
  'money',
  'crypto',
  'bitcoin',
  'btc',
  'eth',
  'nft',
  'airdrop',
  'forex',
  'binary',
  'click',
  'visit',
  'subscribe',
  'promo',
  'onlyfans',
  'casino',
  'betting',
  'bio',
  '🚀',
  'moon',
  'signals',
  'gains',
  'profit',
  'collab',
]);

/** Words without which the request pattern cannot match. */
const REQUEST_WORDS: ReadonlySet<string> = new Set([
  'please',
  'pls',
  'plz',
  'can',
  'could',
  'would',
  'id',
  'i',
  'kindly',
  'send',
  'let',
  'call',
  'dm',
  'email',
  'get',
  'update',
  'change',
  'add',
  'remove',
  'unsubscribe',
  'por',
  'sil',
  'bitte',
]);

/** True when a word of `set` is among `words`, or when the words are not known. */
function anyOf(words: readonly string[] | undefined, set: ReadonlySet<string>): boolean {
  if (!words) return true;
  for (let i = 0; i < words.length; i++) if (set.has(words[i]!)) return true;
  return false;
}

/** Words that report a failed expectation: a denial, a contrast, a promise, a persistence. */
const DENIAL = new Set([
  'not',
  'no',
  'never',
  'didnt',
  'doesnt',
  'dont',
  'wont',
  'cant',
  'cannot',
  'isnt',
  'wasnt',
  'werent',
  'arent',
  'havent',
  'hasnt',
  'hadnt',
  'nothing',
  'nobody',
  'none',
  'without',
]);
const CONTRAST = new Set(['but', 'yet', 'still', 'anyway', 'instead', 'despite', 'though', 'although', 'however', 'again']);
const EXPECTATION = new Set([
  'supposed',
  'meant',
  'promised',
  'booked',
  'paid',
  'pay',
  'paying',
  'ordered',
  'quoted',
  'agreed',
  'confirmed',
  'advertised',
  'due',
  'scheduled',
  'guaranteed',
  'told',
  'said',
  'says',
  'shows',
  'showed',
  'showing',
  'marked',
  'states',
  'claims',
  'claimed',
  'listed',
  'labelled',
  'labeled',
]);
/** The customer did their part: "a car I sold", "I cancelled", "I returned it". */
const DONE = new Set([
  'sold',
  'cancelled',
  'canceled',
  'returned',
  'moved',
  'closed',
  'reported',
  'submitted',
  'sent',
  'rang',
  'emailed',
  'informed',
  'notified',
  'posted',
  'complained',
  'chased',
]);
/** What came is not what was meant: empty, missing, wrong, double, someone else's. */
const MISMATCH = new Set([
  'empty',
  'missing',
  'wrong',
  'double',
  'doubled',
  'twice',
  'triple',
  'tripled',
  'half',
  'someone',
  'somebody',
  'someones',
  'somebodys',
  'else',
  'elses',
  'instead',
  'stranger',
  'different',
  'incorrect',
  'lost',
]);
/** Words too common for a repetition to mean anything. */
const FUNCTION_WORDS = new Set([
  'the',
  'and',
  'you',
  'your',
  'for',
  'with',
  'this',
  'that',
  'was',
  'are',
  'have',
  'has',
  'had',
  'not',
  'but',
  'its',
  'our',
  'they',
  'them',
  'their',
  'his',
  'her',
  'she',
  'him',
  'from',
  'all',
  'can',
  'will',
  'just',
  'get',
  'got',
  'one',
  'out',
  'what',
  'when',
  'who',
  'how',
  'why',
  'then',
  'than',
  'too',
  'very',
  'any',
  'now',
  'again',
  'still',
  'been',
  'were',
  'would',
  'could',
  'there',
  'here',
  'more',
  'only',
  'over',
  'into',
  'about',
  'back',
  'some',
  'did',
  'does',
]);
const DURATION = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'hours', 'since', 'fortnight', 'year', 'years']);

/**
 * How many kinds of factual complaint cue a text holds: a denial, a contrast, an expectation
 * ("says", "paid for"), the customer's own part ("a car I sold"), a mismatch ("empty", "double"),
 * a number, a duration, scare quotes, shouting, a content word said twice.
 */
function factualCues(input: IntentInput): number {
  const words = input.words;
  if (!words) return 0;
  let denial = 0;
  let contrast = 0;
  let expectation = 0;
  let done = 0;
  let mismatch = 0;
  let number = 0;
  let duration = 0;
  // A content word said twice sets one thing against another: "bag tag says London, bag went to Lisbon".
  let restated = 0;
  const seen = new Set<string>();
  for (const w of words) {
    if (w.length >= 3 && !FUNCTION_WORDS.has(w)) {
      if (seen.has(w)) restated = 1;
      else seen.add(w);
    }
    if (DENIAL.has(w)) denial = 1;
    else if (CONTRAST.has(w)) contrast = 1;
    else if (EXPECTATION.has(w)) expectation = 1;
    else if (DONE.has(w)) done = 1;
    else if (MISMATCH.has(w)) mismatch = 1;
    else if (w === '#') number = 1;
    else if (DURATION.has(w)) duration = 1;
  }
  const quoted = (input.quotes ?? 0) >= 2 ? 1 : 0;
  const shouting = input.shouting ? 1 : 0;
  return denial + contrast + expectation + done + mismatch + number + duration + quoted + shouting + restated;
}

/** Small talk is short: a long message is never only a greeting. */
const SMALL_TALK_MAX = 120;

export function classifyIntent(input: IntentInput): Intent {
  const text = input.text;
  const asks = input.questions > 0 || QUESTION_START.test(text);
  const negativity = Math.max(0, -input.sentiment);
  // A question needs more than tone to be a complaint: the model reads "why is my…" as negative
  // because most such questions in complaint data are complaints, but many are plain questions.
  const complaint = input.harm || input.problem || input.sarcasm || (asks ? negativity >= 0.6 : input.concern >= 0.45);
  if (!complaint && anyOf(input.words, SPAM_WORDS) && SPAM.test(text)) return 'spam';
  if (!complaint && text.length <= SMALL_TALK_MAX && SMALL_TALK.test(text)) return 'irrelevant';
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
  if (asks) return 'question';
  // A statement to a brand that is neither praise nor a question, with some sign of a problem (a
  // tone a little negative, a complaint theme, or two factual cues such as a denial and a number),
  // is a report of something wrong: "billed for 45 seats, we reduced to 20" has no angry word.
  if (input.sentiment < 0.2 && (negativity >= 0.25 || input.concern >= 0.3 || input.problemStrength >= 0.35 || factualCues(input) >= 2)) {
    return 'complaint';
  }
  if (anyOf(input.words, REQUEST_WORDS) && REQUEST.test(text)) return 'request';
  if (complaint) return 'complaint';
  if (input.sentiment >= 0.3) return 'praise';
  return 'other';
}
