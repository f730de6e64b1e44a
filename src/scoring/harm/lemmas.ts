/**
 * Lemmas for the concept lexicons: every inflected form of a lexicon word maps back to the form
 * the lexicon is written in, so one entry ("smell gas") matches "smelt gas", "smelling gas" and
 * "smells of gas". English forms are generated (regular suffixes plus a table of irregular
 * verbs); for the other languages, and for English stems written "fraud*", a word matches by its
 * longest known prefix, which covers their richer endings ("abgebucht", "robaron") cheaply.
 * Only words of the lexicons are mapped: anything else passes through unchanged.
 */

/** Irregular English forms → base (verbs people use when reporting harm). */
const IRREGULAR: Readonly<Record<string, string>> = {
  took: 'take',
  taken: 'take',
  stole: 'steal',
  stolen: 'steal',
  left: 'leave',
  smelt: 'smell',
  burnt: 'burn',
  fell: 'fall',
  fallen: 'fall',
  gave: 'give',
  given: 'give',
  got: 'get',
  gotten: 'get',
  made: 'make',
  went: 'go',
  gone: 'go',
  said: 'say',
  told: 'tell',
  sent: 'send',
  came: 'come',
  ran: 'run',
  broke: 'break',
  broken: 'break',
  caught: 'catch',
  bought: 'buy',
  paid: 'pay',
  lost: 'lose',
  found: 'find',
  felt: 'feel',
  kept: 'keep',
  thought: 'think',
  brought: 'bring',
  spent: 'spend',
  meant: 'mean',
  threw: 'throw',
  thrown: 'throw',
  drove: 'drive',
  driven: 'drive',
  ate: 'eat',
  eaten: 'eat',
  wrote: 'write',
  written: 'write',
  spoke: 'speak',
  spoken: 'speak',
  heard: 'hear',
  saw: 'see',
  seen: 'see',
  knew: 'know',
  known: 'know',
  shot: 'shoot',
  hung: 'hang',
  struck: 'strike',
  bit: 'bite',
  bitten: 'bite',
  swore: 'swear',
  sworn: 'swear',
  froze: 'freeze',
  frozen: 'freeze',
  woke: 'wake',
  began: 'begin',
  begun: 'begin',
  blew: 'blow',
  blown: 'blow',
  sold: 'sell',
  sat: 'sit',
  stuck: 'stick',
  led: 'lead',
  fed: 'feed',
  bled: 'bleed',
  hid: 'hide',
  hidden: 'hide',
  wore: 'wear',
  tore: 'tear',
  torn: 'tear',
  became: 'become',
  did: 'do',
  done: 'do',
  going: 'go',
  goes: 'go',
  doing: 'do',
  being: 'be',
  ill: 'ill',
  died: 'die',
  dying: 'die',
  lying: 'lie',
  lay: 'lie',
  children: 'child',
  kids: 'kid',
  men: 'man',
  women: 'woman',
  people: 'person',
  wives: 'wife',
  lives: 'life',
  knives: 'knife',
  mice: 'mouse',
  teeth: 'tooth',
  feet: 'foot',
  leaves: 'leave',
  thieves: 'thief',
  elderly: 'elderly',
  was: 'be',
  were: 'be',
  is: 'be',
  are: 'be',
  been: 'be',
  am: 'be',
  has: 'have',
  had: 'have',
  does: 'do',
  flew: 'fly',
  flown: 'fly',
  mimicked: 'mimic',
  mimicking: 'mimic',
  panicked: 'panic',
  trafficked: 'traffic',
  picnicked: 'picnic',
};

const VOWEL = /[aeiou]/;
/** Function words that end like verbs but do not inflect ("the" is not "thing" without its e). */
const UNINFLECTED: ReadonlySet<string> = new Set([
  'the',
  'she',
  'are',
  'one',
  'none',
  'some',
  'more',
  'there',
  'where',
  'here',
  'were',
  'those',
  'these',
  'whose',
  'whole',
  'sure',
  'else',
  'once',
  'since',
  'like',
  'while',
  'due',
  'due',
  'isnt',
  'wasnt',
  'dont',
  'cant',
  'wont',
  'after',
  'never',
  'ever',
  'over',
  'under',
  'other',
  'another',
  'every',
  'very',
  'only',
  'any',
  'many',
  'my',
]);
const SINGLE_SYLLABLE_CVC = /^[^aeiou]*[aeiou][bdgklmnprtv]$/;

/** The regular inflections of an English word (nouns and verbs alike; extra forms are harmless). */
export function englishForms(base: string): string[] {
  const forms = new Set<string>([base]);
  // Two-letter words ("us", "it", "go") would collide with real words ("used"); the irregular
  // table covers the ones that inflect.
  if (!/^[a-z]+$/.test(base) || base.length < 3 || UNINFLECTED.has(base)) return [...forms];
  const last = base[base.length - 1]!;
  const beforeLast = base[base.length - 2]!;
  if (base.endsWith('ie')) {
    const stem = base.slice(0, -2);
    forms.add(`${base}s`).add(`${base}d`).add(`${stem}ying`);
  } else if (last === 'e') {
    forms
      .add(`${base}s`)
      .add(`${base}d`)
      .add(`${base.slice(0, -1)}ing`);
  } else if (last === 'y' && !VOWEL.test(beforeLast)) {
    forms
      .add(`${base.slice(0, -1)}ies`)
      .add(`${base.slice(0, -1)}ied`)
      .add(`${base}ing`);
  } else if (/(s|x|z|ch|sh)$/.test(base)) {
    forms.add(`${base}es`).add(`${base}ed`).add(`${base}ing`);
  } else {
    forms.add(`${base}s`).add(`${base}ed`).add(`${base}ing`);
    if (SINGLE_SYLLABLE_CVC.test(base)) forms.add(`${base}${last}ed`).add(`${base}${last}ing`);
  }
  return [...forms];
}

/**
 * The shorter lexicon word a lexicon word inflects, if any ("smoking" → "smoke" when both are in
 * the lexicon), so every form maps to one lemma whichever pattern mentioned it first.
 */
function deinflect(word: string, vocab: ReadonlySet<string>): string {
  if (word.length < 5 || !/^[a-z]+$/.test(word)) return word;
  const candidates: string[] = [];
  if (word.endsWith('ies') || word.endsWith('ied')) candidates.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ing') && word.length >= 6) {
    const stem = word.slice(0, -3);
    candidates.push(stem, `${stem}e`);
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) candidates.push(stem.slice(0, -1));
  }
  if (word.endsWith('ed') && word.length >= 5) {
    const stem = word.slice(0, -2);
    candidates.push(stem, word.slice(0, -1));
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) candidates.push(stem.slice(0, -1));
  }
  if (word.endsWith('es')) candidates.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) candidates.push(word.slice(0, -1));
  for (const c of candidates) if (c !== word && vocab.has(c)) return deinflect(c, vocab);
  return word;
}

/** Strips accents: "fumée" → "fumee", "não" → "nao", "Unverschämt" → "unverschamt". */
export function foldAccents(word: string): string {
  // ß is not a combining form: it folds to "ss" as German writes it without the letter.
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss');
}

const MIN_PREFIX = 3;

export interface LemmatizerSpec {
  /** Every single word used in the lexicon's patterns ("*"-suffixed words are prefix stems). */
  words: Iterable<string>;
  english: boolean;
  /** Leading elided articles to try removing ("lodeur" → "odeur" in French). */
  elisions?: readonly string[];
}

/** A character trie of prefix stems: finds the longest stem a word starts with, without slicing. */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** The lexicon form ("betrug*") when a stem ends here. */
  stem: string | null;
}

const node = (): TrieNode => ({ next: new Map(), stem: null });

export class Lemmatizer {
  readonly #exact = new Map<string, string>();
  readonly #stems: TrieNode = node();
  #hasStems = false;
  readonly #elisions: readonly string[];
  readonly #fold: boolean;

  constructor(spec: LemmatizerSpec) {
    this.#elisions = spec.elisions ?? [];
    this.#fold = !spec.english;
    const irregularByBase = new Map<string, string[]>();
    for (const [form, base] of Object.entries(IRREGULAR)) {
      const list = irregularByBase.get(base) ?? [];
      list.push(form);
      irregularByBase.set(base, list);
    }
    const vocab = new Set<string>();
    for (const raw of spec.words) {
      const w = this.#fold ? foldAccents(raw) : raw;
      if (w.endsWith('*') && w.length > 1) this.#addStem(w.slice(0, -1), w);
      else vocab.add(w);
    }
    for (const w of vocab) {
      // A word a stem covers is that stem, in patterns and in texts alike ("cheiro" and "cheiro*").
      const stem = this.#match(w, 0);
      if (stem !== undefined) {
        this.#exact.set(w, stem);
        continue;
      }
      if (!spec.english) {
        this.#exact.set(w, w);
        continue;
      }
      const base = IRREGULAR[w] !== undefined && vocab.has(IRREGULAR[w]) ? IRREGULAR[w] : deinflect(w, vocab);
      if (base !== w) {
        this.#exact.set(w, base);
        continue;
      }
      for (const form of englishForms(w)) if (!this.#exact.has(form) || form === w) this.#exact.set(form, w);
      for (const form of irregularByBase.get(w) ?? []) this.#exact.set(form, w);
    }
  }

  /** Every word form the lemmatiser knows, with its lemma (for tables that merge lookups). */
  forms(): IterableIterator<[string, string]> {
    return this.#exact.entries();
  }

  #addStem(prefix: string, stem: string): void {
    let at = this.#stems;
    for (let i = 0; i < prefix.length; i++) {
      const c = prefix.charCodeAt(i);
      let next = at.next.get(c);
      if (!next) at.next.set(c, (next = node()));
      at = next;
    }
    at.stem = stem;
    this.#hasStems = true;
  }

  /** The lexicon form of a token, or the token itself (accent-folded for non-English lexicons). */
  lemma(token: string): string {
    const exact = this.#exact.get(token);
    if (exact !== undefined) return exact;
    // English without stems: a word not in the table is itself (the common case, one lookup).
    if (!this.#hasStems && !this.#fold && this.#elisions.length === 0) return token;
    if (token.length < MIN_PREFIX || token === '#') return token;
    const w = this.#fold && !isAscii(token) ? foldAccents(token) : token;
    const found = this.#match(w, 0);
    if (found !== undefined) return found;
    for (const e of this.#elisions) {
      if (w.length > e.length + 2 && w.startsWith(e)) {
        const rest = this.#exact.get(w.slice(e.length)) ?? this.#match(w, e.length);
        if (rest !== undefined) return rest;
      }
    }
    return w;
  }

  #match(w: string, from: number): string | undefined {
    if (from > 0 || w.length > 0) {
      const exact = from === 0 ? this.#exact.get(w) : undefined;
      if (exact !== undefined) return exact;
    }
    if (!this.#hasStems) return undefined;
    let at: TrieNode | undefined = this.#stems;
    let best: string | undefined;
    for (let i = from; i < w.length && at; i++) {
      at = at.next.get(w.charCodeAt(i));
      if (at?.stem && i + 1 - from >= MIN_PREFIX) best = at.stem;
    }
    return best;
  }
}

function isAscii(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) > 127) return false;
  return true;
}
