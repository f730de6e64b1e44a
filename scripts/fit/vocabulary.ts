/**
 * Decides which words the learned part may keep, so that it stays a general complaint model
 * rather than a model of the data set it was fitted on (US airline tweets, 2015):
 *   - brand and domain words are dropped by list (airline names, aviation nouns such as flight,
 *     plane, gate, seat, luggage: they say what the business is, not how the customer feels);
 *   - proper nouns (names, cities) and airport-style codes are dropped by how they are written in
 *     the data: a word written Capitalised mid-sentence most of the time, or as a 3-letter ALL-CAPS
 *     code most of the time, is a name - unless the hand lexicon knows it (WTF, OMG are feelings);
 *   - rare words (document frequency below a floor) are dropped as noise.
 * @handles, URLs and numbers never reach here (the tokeniser removes or folds them).
 */
import { COMPLAINT_PHRASES } from '../../src/scoring/lexicon/complaints.js';
import { wordSet } from '../../src/scoring/lexicon/build.js';
import { BOOSTERS, CONTRAST, DAMPENERS, NEGATORS } from '../../src/scoring/lexicon/modifiers.js';
import { RISK_PHRASES } from '../../src/scoring/lexicon/risks.js';
import { PRAISE_PHRASES, SARCASM_PHRASES } from '../../src/scoring/lexicon/sarcasm.js';
import { EMOJI_VALENCE, VALENCE } from '../../src/scoring/lexicon/valence.js';
import { ENGLISH_CONCEPT_TABLE, ENGLISH_CONCEPTS } from '../../src/scoring/harm/lexicon-en.js';

/** Substrings of brand names and of the data set's domain that no kept word may contain. */
const BRAND_PARTS = [
  'united',
  'american',
  'delta',
  'southwest',
  'jetblue',
  'virgin',
  'usair',
  'airway',
  'airline',
  'aadvantage',
  'mileage',
  'skymile',
  'trueblue',
  'flight',
  'fleek',
  'fleet',
  'aviation',
  'airport',
];

/** Domain nouns and verbs of air travel (kept out; generic events like "delayed" stay in). */
const DOMAIN_WORDS = wordSet(`
  plane planes aircraft jet jets gate gates pilot pilots crew attendant attendants fa fas board
  boarding boarded seat seats seating seated seatbelt luggage baggage bag bags suitcase suitcases
  carry carryon overhead bin bins runway tarmac takeoff landing landed land lands layover layovers
  miles mile lounge terminal terminals tsa checkin cabin aisle legroom economy class fly flying
  flew flown flyer flyers flier fliers cockpit depart departure departures departing arrival
  arrivals destination deice deicing icing turbulence jetway ramp hub standby customs passport
  nonstop redeye pilots captain stewardess steward jumpseat bulkhead upgrade upgrades upgraded
  status gold platinum silver premier elite companion pass passes lavatory snacks pretzels
  inflight onboard aboard airplane airplanes trip trips travel traveling travelling traveler
  travelers vacation connecting
  weather snow storm ice winter frozen freezing de entertainment tv movies jblu luv passbook
  vegas rt fl passenger passengers
`);

/** ALL-CAPS 3-letter words that are feelings or common words, not airport codes. */
const NOT_CODES = wordSet(`
  wtf omg lol smh fyi asap fml btw imo lmao irl ftw yes not now why how who can the and you are ugh thx
`);

/** Everything the hand lexicons name is generic by construction and never treated as a name. */
function lexiconWords(): Set<string> {
  const s = new Set<string>([...VALENCE.keys(), ...EMOJI_VALENCE.keys(), ...NEGATORS, ...BOOSTERS, ...DAMPENERS, ...CONTRAST]);
  for (const p of [...COMPLAINT_PHRASES, ...RISK_PHRASES, ...SARCASM_PHRASES, ...PRAISE_PHRASES]) {
    for (const w of p.pattern.toLowerCase().replace(/['’]/g, '').split(/\s+/)) s.add(w);
  }
  return s;
}

interface Casing {
  total: number;
  capitalisedMid: number;
  code3: number;
}

const RAW_WORD = /(@\w+|https?:\/\/\S+)|([A-Za-z][A-Za-z'’]*)|([.!?\n])/g;

/** Learns, from raw texts, which words are written like names or codes. */
export class CasingStats {
  readonly #stats = new Map<string, Casing>();

  add(text: string): void {
    let sentenceStart = true;
    RAW_WORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = RAW_WORD.exec(text)) !== null) {
      if (m[1] !== undefined) continue; // handles at the start do not end the sentence start
      if (m[3] !== undefined) {
        sentenceStart = true;
        continue;
      }
      const raw = m[2]!;
      const w = raw.toLowerCase().replace(/['’]/g, '');
      const s = this.#stats.get(w) ?? { total: 0, capitalisedMid: 0, code3: 0 };
      s.total++;
      const first = raw.charCodeAt(0);
      const rest = raw.slice(1);
      const capitalised = first >= 65 && first <= 90 && rest.length > 0 && rest === rest.toLowerCase();
      if (capitalised && !sentenceStart) s.capitalisedMid++;
      if (raw.length === 3 && raw === raw.toUpperCase()) s.code3++;
      this.#stats.set(w, s);
      sentenceStart = false;
    }
  }

  isNameLike(w: string): boolean {
    const s = this.#stats.get(w);
    if (!s || s.total < 3) return false;
    return s.capitalisedMid / s.total >= 0.6 || (s.code3 / s.total >= 0.5 && !NOT_CODES.has(w));
  }
}

/** Concepts of the harm lexicon whose single words are harm signals on their own. */
const HARM_CONCEPTS = [
  'GAS',
  'GAS_DIRECT',
  'FIRE_EVENT',
  'SMOKE',
  'SHOCK',
  'LIVE_WIRE',
  'FOOD_ILLNESS',
  'DANGER',
  'INJURY',
  'SELF_HARM',
  'DESPAIR',
  'MED_EVENT',
  'SCAM_STRONG',
  'IMPERSONATE',
  'WITHOUT_CONSENT',
  'BREACH',
  'DISC_STRONG',
  'THREAT_STRONG',
  'LEGAL',
  'REGULATOR',
  'JOURNALIST',
  'VULN_PERSON',
  'UTILITY_LOSS',
];

/**
 * Single words that are risk phrases on their own ("lawyer", "fire", "news"). The learned part
 * leaves them to the rules (harm/detect.ts): the fitting data has almost no real legal or safety
 * complaints, so what it would learn about them ("safety video", "good news") would mute real
 * risks elsewhere. Compared by lemma, so "lawyers" and "suing" are left out too.
 */
function riskWords(): Set<string> {
  const out = new Set<string>(RISK_PHRASES.map((p) => p.pattern).filter((p) => !p.includes(' ')));
  for (const concept of HARM_CONCEPTS) {
    for (const raw of (ENGLISH_CONCEPT_TABLE[concept] ?? '').split('|')) {
      const p = raw.trim();
      if (p && !p.includes(' ')) out.add(p);
    }
  }
  return out;
}

const lemmaOf = (w: string): string => ENGLISH_CONCEPTS.lemmatizer.lemma(w);

export function makeWordFilter(casing: CasingStats): (word: string) => boolean {
  const known = lexiconWords();
  const risky = riskWords();
  return (word: string): boolean => {
    const w = word.startsWith('!') ? word.slice(1) : word;
    if (DOMAIN_WORDS.has(w) || risky.has(w) || risky.has(lemmaOf(w))) return false;
    for (const part of BRAND_PARTS) if (w.includes(part)) return false;
    if (known.has(w)) return true;
    // Twitter handles of the sources are removed by the tokeniser; these are the leftovers.
    if (w.startsWith('http') || w === 'rt' || w === 'amp') return false;
    if (w === '#' || w === 'i' || w === 'a') return true;
    if (/^\p{L}$/u.test(w)) return false; // lone letters are mostly initials and codes
    return !casing.isNameLike(w);
  };
}

const COMPLAINT_WORDS: ReadonlySet<string> = new Set(COMPLAINT_PHRASES.map((p) => p.pattern).filter((p) => !p.includes(' ')));

/**
 * The hand lexicon's opinion of a single word: the sign of its valence (-1, 0, +1). The fit keeps
 * learned weights from contradicting it (see scripts/fit-lexicon.ts): the data may re-weight
 * "rude" but not turn it into a sign of a mild message because, in this data set, rude staff
 * happened to be filed under a reason that does not count as serious.
 */
export function valenceSign(word: string): -1 | 0 | 1 {
  const v = VALENCE.get(word) ?? EMOJI_VALENCE.get(word) ?? 0;
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** True when the word is a complaint event on its own ("delayed", "refund", "broken"). */
export function isComplaintWord(word: string): boolean {
  return COMPLAINT_WORDS.has(word);
}
