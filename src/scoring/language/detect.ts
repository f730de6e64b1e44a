/**
 * A small, fast language detector for short customer messages (no network, no model file).
 *
 * Latin-script texts are scored by their function words: every language here has a list of its
 * most frequent short words, and a word shared by several languages counts for each a fraction
 * (so "de" says little, "ich" a lot). Letters that only some languages use (ñ, ß, ã, ç ...) add
 * evidence. Other scripts are named by their script (Cyrillic, Arabic, Han ...). A text with no
 * evidence (an emoji, "ok", a product name) is taken as English, the default language of the
 * scorer, with low confidence.
 */

export type LanguageCode = string;

export interface LanguageGuess {
  /** ISO 639-1 where known ("en", "de"), else "und" (undetermined). */
  code: LanguageCode;
  /** English name for the card ("German"). */
  name: string;
  /** 0..1: how sure the guess is (short texts are less sure). */
  confidence: number;
}

/** Languages whose text the scorer reads (lexicons for harm and complaint words). */
export const SCORED_LANGUAGES: ReadonlySet<LanguageCode> = new Set(['en', 'es', 'fr', 'de', 'pt']);

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  de: 'German',
  pt: 'Portuguese',
  it: 'Italian',
  nl: 'Dutch',
  pl: 'Polish',
  tr: 'Turkish',
  sv: 'Swedish',
  da: 'Danish',
  no: 'Norwegian',
  fi: 'Finnish',
  id: 'Indonesian',
  ro: 'Romanian',
  cs: 'Czech',
  hu: 'Hungarian',
  ca: 'Catalan',
  tl: 'Tagalog',
  sw: 'Swahili',
  vi: 'Vietnamese',
  ru: 'Russian',
  uk: 'Ukrainian',
  bg: 'Bulgarian',
  el: 'Greek',
  ar: 'Arabic',
  he: 'Hebrew',
  fa: 'Persian',
  ur: 'Urdu',
  hi: 'Hindi',
  bn: 'Bengali',
  pa: 'Punjabi',
  ta: 'Tamil',
  te: 'Telugu',
  th: 'Thai',
  zh: 'Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  ka: 'Georgian',
  hy: 'Armenian',
  am: 'Amharic',
  und: 'unknown language',
};

/** The most frequent short words of each language (lowercase, accents kept, apostrophes dropped). */
const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  en: `the and to of a in is it you that was for on are with be this have not but at they my your from we
    me an so what all just can if do will there been has would about me our its im dont cant did why how
    when where who which been were had he she them their than then too very please thanks hi hello still
    again never no yes got get us ive youre thats isnt wasnt didnt doesnt wont today been by or`,
  es: `el la los las de del y que en un una por para con no es está están mi mis su sus lo le les se al
    pero muy más como ya me yo tu te hay fue ha han he son este esta esto eso ese hola gracias sin desde
    cuando porque nada nadie también todavía aún hace mucho poco tengo tiene tienen estoy donde qué
    cómo usted ustedes nos vez otra sus vuestro favor después hasta sobre entre hoy ayer
    ahora aquí allí solo sólo es llevo tengo estoy hace sigo siempre nunca ningún ninguna mucho
    esperando`,
  fr: `le la les de des du et que qui en un une pour pas ne est je il elle nous vous ils sur avec dans
    au aux ce cette ces mon ma mes votre vos son sa ses mais plus très tout tous rien depuis été avez
    ai suis sont fait bonjour merci toujours encore jamais personne aucun chez leur quand comme où
    parce car cest jai nai quil quelle dun dune lon sil nest ça après avant jusqu aujourd
    hier maintenant ici là seulement`,
  de: `der die das und ist ich nicht ein eine einen zu den dem mit von auf für es sie wir ihr sich auch
    aber wie noch nur mein meine meinen mir mich bei seit wird wurde wurden hat habe haben sind war
    kein keine keinen schon doch oder wenn dass was wo warum hallo danke bitte immer nie niemand
    nichts ihre ihren ihrem unser unsere im am zum zur vom über gibt kann können will ist
    nach vor bis zwischen heute gestern jetzt hier dort nur an kam`,
  pt: `o a os as de do da dos das e que em um uma por para com não é está estão meu minha meus minhas
    seu sua no na nos nas ao mas muito mais como já eu você vocês ele ela foi tem têm tenho estou sem
    desde quando porque nada ninguém também ainda obrigado obrigada olá isso esse essa isto há vez
    outra pelo pela favor aqui depois antes até sobre entre após hoje ontem agora lá só
    também vocês dele dela meu`,
  it: `il lo la gli le di del della dei e che in un una per non è sono mi mio mia miei con ma più come
    già io voi lui lei ho ha hanno sto senza ancora mai niente nessuno anche quando perché grazie ciao
    questo questa quello cosa ci si da dal alla al nel nella sempre fatto essere`,
  nl: `de het een en van ik je niet is dat op te in met voor zijn maar mijn wat er ook al nog geen wel
    naar bij uit heb hebben was werd wordt jullie ons onze u uw dit die waarom hoe wanneer bedankt
    hallo alsjeblieft nooit niemand niets sinds`,
  pl: `i w nie na się z do to że jest jak ale mnie mi mój moja moje co za o od po tak już jeszcze nigdy
    nic nikt dlaczego dziękuję proszę jestem był była są przez tylko bardzo`,
  tr: `ve bir bu da de için ile ben sen o ama çok daha ne neden nasıl hiç değil var yok mi mı mu mü
    benim sizin lütfen teşekkürler merhaba hala artık gibi kadar`,
  sv: `och att det som en på är av för med till den har inte jag om ett men var så kan min mitt mina
    inga aldrig ingen varför tack hej fortfarande`,
  da: `og at det som en på er af for med til den har ikke jeg om et men var så kan min mit mine aldrig
    ingen hvorfor tak hej stadig`,
  no: `og at det som en på er av for med til den har ikke jeg om et men var så kan min mitt mine aldri
    ingen hvorfor takk hei fortsatt`,
  id: `dan yang di ke dari ini itu tidak saya anda kami kita ada untuk dengan akan sudah belum juga tapi
    karena apa kenapa bagaimana terima kasih tolong`,
  ro: `și în de la nu că este sunt cu pe un o mai dar pentru ce care meu mea am ai au fost nimic
    niciodată mulțumesc vă rog`,
  cs: `a v na je se že to s z do nejsem jsem není ale jak co proč můj moje už ještě nikdy nic děkuji
    prosím`,
  ca: `el la els les de del i que en un una per amb no és està meu meva però més com ja jo vosaltres
    gràcies sense`,
};

/** Letters that point at one language (or a few). */
const LETTER_HINTS: ReadonlyArray<readonly [RegExp, string, number]> = [
  [/[ñ¿¡]/u, 'es', 2],
  [/[áíóú]/u, 'es', 0.3],
  [/[áíóúâê]/u, 'pt', 0.3],
  [/[ãõ]/u, 'pt', 2],
  [/ç/u, 'pt', 0.5],
  [/ç/u, 'fr', 0.5],
  [/[œæ]|[èêëîôûù]/u, 'fr', 1],
  [/ß/u, 'de', 2],
  [/[äö]/u, 'de', 0.7],
  [/ü/u, 'de', 0.3],
  [/[ąęłńśźż]/u, 'pl', 2],
  [/[ğış]/u, 'tr', 2],
  [/[åø]/u, 'sv', 0.5],
  [/[åø]/u, 'no', 0.5],
  [/[ăâșțî]/u, 'ro', 0.6],
  [/[řěůčšž]/u, 'cs', 2],
  [/[ảạấầẩẫậắằẳẵặẻẽẹếềểễệỉịỏọốồổỗộớờởỡợủụứừửữựỳỵỷỹđ]/u, 'vi', 3],
];

/** Scripts other than Latin: the first range that holds most letters names the language. */
const SCRIPTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u3040-\u30ff]/u, 'ja'],
  [/[\uac00-\ud7af\u1100-\u11ff]/u, 'ko'],
  [/[\u4e00-\u9fff]/u, 'zh'],
  [/[\u0400-\u04ff]/u, 'ru'],
  [/[\u0370-\u03ff]/u, 'el'],
  [/[\u0590-\u05ff]/u, 'he'],
  [/[\u0600-\u06ff\u0750-\u077f]/u, 'ar'],
  [/[\u0900-\u097f]/u, 'hi'],
  [/[\u0980-\u09ff]/u, 'bn'],
  [/[\u0a00-\u0a7f]/u, 'pa'],
  [/[\u0b80-\u0bff]/u, 'ta'],
  [/[\u0c00-\u0c7f]/u, 'te'],
  [/[\u0e00-\u0e7f]/u, 'th'],
  [/[\u10a0-\u10ff]/u, 'ka'],
  [/[\u0530-\u058f]/u, 'hy'],
  [/[\u1200-\u137f]/u, 'am'],
];

/** The languages with function-word lists, in a fixed order (indexes into the score array). */
const LANGS: readonly string[] = Object.keys(FUNCTION_WORDS);
const LANG_INDEX = new Map(LANGS.map((l, i) => [l, i]));

/** A function word's evidence: the languages it belongs to (indexes) and the share each gets. */
export interface LanguageWord {
  langs: Uint8Array;
  weight: number;
}

/** Per function word: the languages it belongs to (indexes) and the share each gets (1 / count). */
const WORD_WEIGHTS: ReadonlyMap<string, LanguageWord> = (() => {
  const byWord = new Map<string, number[]>();
  for (const [lang, list] of Object.entries(FUNCTION_WORDS)) {
    const index = LANG_INDEX.get(lang)!;
    for (const raw of list.split(/\s+/)) {
      const w = raw.trim();
      if (!w) continue;
      const langs = byWord.get(w) ?? [];
      if (!langs.includes(index)) langs.push(index);
      byWord.set(w, langs);
    }
  }
  const out = new Map<string, { langs: Uint8Array; weight: number }>();
  for (const [w, langs] of byWord) out.set(w, { langs: Uint8Array.from(langs), weight: 1 / langs.length });
  return out;
})();

/** Scores per language, reused across calls (detection is synchronous). */
const scores = new Float64Array(LANGS.length);

/** Every function word with its evidence (for callers that merge this lookup with their own). */
export function languageWords(): ReadonlyMap<string, LanguageWord> {
  return WORD_WEIGHTS;
}

/** True for tokens that count as words for the detector (not breaks, numbers or emoji). */
export function isLanguageWord(w: string): boolean {
  const c = w.charCodeAt(0);
  return !(c === 46 || c === 33 || c === 63 || c === 35 || w.length === 0 || (c > 127 && !LETTER.test(w[0]!)));
}

/**
 * Evidence gathered by a caller's own pass over the words: the per-language scores (a fresh
 * array from `newEvidence`) and how many words were counted.
 */
export interface LanguageEvidence {
  scores: Float64Array;
  count: number;
}

/** Evidence reused across calls (detection is synchronous): reset, not reallocated. */
const shared: LanguageEvidence = { scores: new Float64Array(LANGS.length), count: 0 };

/** Empty evidence for a new text. The object is shared: use it before the next call. */
export function newEvidence(): LanguageEvidence {
  shared.scores.fill(0);
  shared.count = 0;
  return shared;
}

/** Adds one word's evidence (up to MAX_WORDS words). */
export function addEvidence(e: LanguageEvidence, word: LanguageWord | undefined): void {
  if (e.count >= MAX_WORDS) return;
  e.count++;
  if (word) for (let k = 0; k < word.langs.length; k++) e.scores[word.langs[k]!]! += word.weight;
}

const LETTER = /\p{L}/u;
const NON_LATIN_LETTER = /[^\p{Script=Latin}\p{P}\p{N}\p{S}\s]/u;
/** Words (letters only) in a text, lowercased; apostrophes are removed as the tokeniser does. */
const WORD_RE = /[\p{L}'’]+/gu;

function result(code: string, confidence: number): LanguageGuess {
  return { code, name: LANGUAGE_NAMES[code] ?? code, confidence: Math.max(0, Math.min(1, confidence)) };
}

const NON_ASCII = /[^\u0000-\u007f]/;
/** Only the first 200 words: enough to decide, and a 50,000-character e-mail stays cheap. */
const MAX_WORDS = 200;

/**
 * Guesses the language of a text. `words` may be the tokeniser's output for it (lowercased,
 * apostrophes removed), which saves scanning the text a second time.
 */
export function detectLanguage(text: string, words?: readonly string[]): LanguageGuess {
  scores.fill(0);
  const evidence: LanguageEvidence = { scores, count: 0 };
  if (words) {
    for (let i = 0; i < words.length && evidence.count < MAX_WORDS; i++) {
      const w = words[i]!;
      if (isLanguageWord(w)) addEvidence(evidence, WORD_WEIGHTS.get(w));
    }
  } else {
    WORD_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WORD_RE.exec(text)) !== null && evidence.count < MAX_WORDS) {
      const w = m[0].toLowerCase().replace(/['’]/g, '');
      if (w) addEvidence(evidence, WORD_WEIGHTS.get(w));
    }
  }
  return decideLanguage(text, evidence);
}

/** The guess from a text and the word evidence gathered over it (scripts and letters are read here). */
export function decideLanguage(text: string, evidence: LanguageEvidence): LanguageGuess {
  const ascii = !NON_ASCII.test(text);
  const nonLatin = !ascii && NON_LATIN_LETTER.test(text) ? scriptOf(text) : null;
  if (nonLatin) return nonLatin;
  const { scores: s, count } = evidence;
  if (count === 0) return result('en', 0);
  /** A letter hint for a language without a word list (Vietnamese), used when words say nothing. */
  let hinted: string | null = null;
  if (!ascii) {
    for (const [re, lang, weight] of LETTER_HINTS) {
      if (!re.test(text)) continue;
      const index = LANG_INDEX.get(lang);
      if (index === undefined) hinted = lang;
      else s[index]! += weight;
    }
  }
  const en = LANG_INDEX.get('en')!;
  let best = en;
  let bestScore = s[en]!;
  let second = 0;
  for (let k = 0; k < LANGS.length; k++) {
    if (k === en) continue;
    const v = s[k]!;
    if (v > bestScore) {
      second = bestScore;
      bestScore = v;
      best = k;
    } else if (v > second) {
      second = v;
    }
  }
  if (hinted && bestScore < 1) return result(hinted, 0.4);
  // Too little evidence: a product name or "ok" is read as the default language.
  if (bestScore < 1) return result('en', 0.2);
  const margin = (bestScore - second) / bestScore;
  const coverage = Math.min(1, bestScore / Math.max(3, count * 0.4));
  return result(LANGS[best]!, 0.3 + 0.7 * margin * coverage);
}

function scriptOf(text: string): LanguageGuess | null {
  let letters = 0;
  let latin = 0;
  const counts = new Map<string, number>();
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    letters++;
    if (/\p{Script=Latin}/u.test(ch)) {
      latin++;
      continue;
    }
    for (const [re, lang] of SCRIPTS) {
      if (re.test(ch)) {
        counts.set(lang, (counts.get(lang) ?? 0) + 1);
        break;
      }
    }
    if (letters > 400) break;
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [lang, n] of counts) if (n > bestCount) [best, bestCount] = [lang, n];
  // A Latin text with a word in another script (a name, a quote) stays Latin.
  if (!best || bestCount < latin) return null;
  if (best === 'ru' && /[іїєґ]/u.test(text)) best = 'uk';
  if (best === 'ar' && /[پچژگ]/u.test(text)) best = 'fa';
  return result(best, bestCount / Math.max(1, letters));
}
