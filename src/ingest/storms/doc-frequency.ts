/**
 * How common each term is: a document-frequency table that says a brand's name or "flight" is
 * everyday while "Kendal" or "E1023" is rare, so a shared rare term is evidence of one incident
 * and a shared common one is not.
 *
 * Memory is flat by design: a count-min sketch (fixed rows × columns of counters) instead of a
 * map of every word ever seen. Two uses (detector.ts): the *history* (mentions that have left
 * the storm window, with exponential decay: counts and the document total halve every
 * half-life, so it follows recent traffic) and the *window* (mentions in it now: added when they
 * arrive, removed when they leave). Over-counting from hash collisions only makes a term look
 * more common: it can cost a merge, never cause a false one.
 */
export interface DocFrequencyOptions {
  /** Counters per row (a power of two). */
  width?: number;
  depth?: number;
  /** Counts halve after this long (clock time); absent = no decay (the window table). */
  halfLifeMs?: number;
  /** Shares at which a term stops being fully rare and becomes fully common. */
  shares?: Shares;
}

export interface Shares {
  rare: number;
  common: number;
}

/**
 * Pseudo-documents in which no term occurs: with little history every term looks rare (a new
 * install clusters on its word lists alone), and one early occurrence is not yet "common".
 */
export const PRIOR_DOCUMENTS = 200;
/**
 * A term in at most 2% of documents counts fully as rare, from 20% on not at all (a brand name,
 * "parcel" for a delivery company).
 */
export const HISTORY_SHARES: Shares = { rare: 0.02, common: 0.2 };

function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** 1 for a term in at most `shares.rare` of documents, 0 from `shares.common` on, linear in IDF between. */
export function rarityOf(count: number, documents: number, shares: Shares = HISTORY_SHARES): number {
  const idf = Math.log((documents + PRIOR_DOCUMENTS) / (Math.max(0, count) + 1));
  const rare = Math.log(1 / shares.rare);
  const common = Math.log(1 / shares.common);
  return Math.min(1, Math.max(0, (idf - common) / (rare - common)));
}

export class DocFrequency {
  readonly #width: number;
  readonly #depth: number;
  readonly #counts: Float32Array;
  readonly #halfLifeMs: number | undefined;
  readonly #shares: Shares;
  #documents = 0;
  #decayedAt: number | null = null;
  readonly #slots: number[];

  constructor(options: DocFrequencyOptions = {}) {
    this.#width = options.width ?? 1 << 16;
    if ((this.#width & (this.#width - 1)) !== 0) throw new Error('DocFrequency width must be a power of two');
    this.#depth = options.depth ?? 3;
    this.#counts = new Float32Array(this.#width * this.#depth);
    this.#halfLifeMs = options.halfLifeMs;
    this.#shares = options.shares ?? HISTORY_SHARES;
    this.#slots = new Array<number>(this.#depth).fill(0);
  }

  /** Documents counted (decayed). */
  get documents(): number {
    return this.#documents;
  }

  #locate(term: string): number[] {
    // Double hashing: row r uses h1 + r·h2, so two hashes serve every row.
    const h1 = hash(term, 0);
    const h2 = hash(term, 0x9e3779b9) | 1;
    const mask = this.#width - 1;
    for (let r = 0; r < this.#depth; r += 1) this.#slots[r] = r * this.#width + ((h1 + Math.imul(r, h2)) & mask);
    return this.#slots;
  }

  #decay(atMs: number): void {
    if (this.#halfLifeMs === undefined) return;
    if (this.#decayedAt === null) {
      this.#decayedAt = atMs;
      return;
    }
    const halvings = Math.floor((atMs - this.#decayedAt) / this.#halfLifeMs);
    if (halvings <= 0) return;
    const factor = halvings >= 30 ? 0 : 0.5 ** halvings;
    for (let i = 0; i < this.#counts.length; i += 1) this.#counts[i]! *= factor;
    this.#documents *= factor;
    this.#decayedAt += halvings * this.#halfLifeMs;
  }

  /** Counts one document (its terms are distinct). */
  add(terms: readonly string[], atMs = 0): void {
    this.#change(terms, 1, atMs);
  }

  /** Takes back a document counted before (the window table, when a mention leaves it). */
  remove(terms: readonly string[]): void {
    this.#change(terms, -1, 0);
  }

  #change(terms: readonly string[], by: 1 | -1, atMs: number): void {
    this.#decay(atMs);
    this.#documents += by;
    for (const term of terms) for (const s of this.#locate(term)) this.#counts[s] = this.#counts[s]! + by;
  }

  /** Documents containing the term (an upper estimate). */
  count(term: string): number {
    let min = Infinity;
    for (const s of this.#locate(term)) min = Math.min(min, this.#counts[s]!);
    return min;
  }

  /** The term's rarity (rarityOf); `discount`: occurrences not to count (an incident's own). */
  rarity(term: string, discount = 0): number {
    return rarityOf(this.count(term) - discount, this.#documents, this.#shares);
  }
}
