/**
 * Which words name a brand. Every mention of a storm names the brand ("Telvo", "@TelvoMobile"),
 * and so do the brand's unrelated mentions, so a brand's name is never evidence of *which*
 * incident a mention is about (paraphrase.ts counts it only when the brand itself is down).
 *
 * Brands are known from the config (`brands`: names, handles, keywords) and learned from the
 * @handles people write: a handle addressed in several recent mentions is a brand, and a word
 * that spells it ("Telvo", "FibreNet" for @TelvoMobile, @FibreNetUK) names it even without the @.
 * The learned set is bounded (least recently seen handles are forgotten).
 */

/** Keys a handle is known by: the whole handle, its first word, and their stems. */
export function handleForms(handle: string, stem: (w: string) => string): string[] {
  const whole = handle
    .replace(/^@/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (whole.length < 3) return [];
  const forms = new Set([whole, stem(whole)]);
  const first = /^@?[A-Z]?[a-z]+/.exec(handle)?.[0]?.replace(/^@/, '').toLowerCase();
  if (first && first.length >= 4 && first.length < whole.length) forms.add(first).add(stem(first));
  return [...forms];
}

/** Handles addressed at least this often (among those remembered) are taken for brands. */
const BRAND_AFTER = 2;
const MAX_HANDLES = 500;
/** A word spells a handle when it is its start and at least this long (and half of it). */
const MIN_PREFIX = 5;

export class BrandVocabulary {
  /** Word → brand key, from the config; never forgotten. */
  readonly #configured = new Map<string, string>();
  /** Learned handle (lowercase) → as written and times seen; insertion order is recency (least recent first). */
  readonly #seen = new Map<string, { handle: string; count: number }>();
  /** Word → learned handles (as written) it names; several handles may share a word. */
  readonly #learned = new Map<string, Set<string>>();

  constructor(
    private readonly stem: (w: string) => string,
    brands: readonly { name: string; handles?: readonly string[]; keywords?: readonly string[] }[] = [],
  ) {
    for (const brand of brands) {
      const key = `brand:${brand.name.toLowerCase()}`;
      for (const phrase of [brand.name, ...(brand.handles ?? []), ...(brand.keywords ?? [])]) {
        for (const form of handleForms(phrase.replace(/\s+/g, ''), stem)) this.#configured.set(form, key);
        for (const word of phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word.length >= 4) this.#configured.set(stem(word), key);
      }
    }
  }

  /** Learns from the handles a mention addresses. */
  observe(handles: readonly string[]): void {
    for (const written of handles) {
      const key = written.toLowerCase();
      const entry = this.#seen.get(key) ?? { handle: written, count: 0 };
      entry.count += 1;
      this.#seen.delete(key);
      this.#seen.set(key, entry);
      if (entry.count === BRAND_AFTER) for (const word of this.#wordsOf(entry.handle)) this.#index(word, entry.handle, true);
    }
    while (this.#seen.size > MAX_HANDLES) {
      const [key, oldest] = this.#seen.entries().next().value as [string, { handle: string; count: number }];
      this.#seen.delete(key);
      if (oldest.count >= BRAND_AFTER) for (const word of this.#wordsOf(oldest.handle)) this.#index(word, oldest.handle, false);
    }
  }

  #wordsOf(handle: string): string[] {
    const words = new Set(handleForms(handle, this.stem));
    const whole = handle.toLowerCase().replace(/[^a-z0-9]/g, '');
    for (let n = Math.max(MIN_PREFIX, Math.ceil(whole.length / 2)); n < whole.length; n += 1) words.add(whole.slice(0, n));
    return [...words];
  }

  #index(word: string, handle: string, add: boolean): void {
    let set = this.#learned.get(word);
    if (add) {
      if (!set) this.#learned.set(word, (set = new Set()));
      set.add(handle);
    } else if (set) {
      set.delete(handle);
      if (set.size === 0) this.#learned.delete(word);
    }
  }

  /** The brand keys a (stemmed, lowercase) word names, or null. */
  brandOf(word: string): string[] | null {
    const configured = this.#configured.get(word);
    const learned = this.#learned.get(word);
    if (!configured && !learned) return null;
    const keys: string[] = configured ? [configured] : [];
    if (learned) for (const h of learned) keys.push(...handleForms(h, this.stem));
    return keys;
  }
}
