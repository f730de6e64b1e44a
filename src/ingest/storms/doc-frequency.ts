/**
 * How common each term is in ordinary traffic: a running document-frequency table that says a
 * brand's name or "parcel" is everyday for this brand while "Kendal" or "E1023" is rare, so a
 * shared rare term is evidence of one incident and a shared common one is not.
 *
 * Memory is flat by design: a count-min sketch (fixed rows × columns of counters, conservative
 * update) instead of a map of every word ever seen, and exponential decay (every count and the
 * document total halve each half-life), so the table follows recent traffic and never grows.
 * Over-counting from hash collisions only makes a term look more common: it can cost a merge,
 * never cause a false one.
 */
export interface DocFrequencyOptions {
  /** Counters per row (a power of two). */
  width?: number;
  depth?: number;
  /** Counts halve after this long (clock time). */
  halfLifeMs: number;
}

/**
 * Pseudo-documents in which no term occurs: with little history every term looks rare (a new
 * install clusters on its word lists alone), and one early occurrence is not yet "common".
 */
const PRIOR_DOCUMENTS = 200;
/** A term in at most this share of documents counts fully as rare… */
const RARE_SHARE = 0.02;
/** …and from this share on, not at all (a brand name, "parcel" for a delivery company). */
const COMMON_SHARE = 0.2;
const IDF_RARE = Math.log(1 / RARE_SHARE);
const IDF_COMMON = Math.log(1 / COMMON_SHARE);

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

export class DocFrequency {
  readonly #width: number;
  readonly #depth: number;
  readonly #counts: Float32Array;
  readonly #halfLifeMs: number;
  #documents = 0;
  #decayedAt: number | null = null;
  readonly #slots: number[];

  constructor(options: DocFrequencyOptions) {
    this.#width = options.width ?? 1 << 16;
    if ((this.#width & (this.#width - 1)) !== 0) throw new Error('DocFrequency width must be a power of two');
    this.#depth = options.depth ?? 3;
    this.#counts = new Float32Array(this.#width * this.#depth);
    this.#halfLifeMs = options.halfLifeMs;
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

  /** Counts one document: each distinct term once. */
  add(terms: Iterable<string>, atMs: number): void {
    this.#decay(atMs);
    this.#documents += 1;
    const done = new Set<string>();
    for (const term of terms) {
      if (done.has(term)) continue;
      done.add(term);
      const slots = this.#locate(term);
      let min = Infinity;
      for (const s of slots) min = Math.min(min, this.#counts[s]!);
      // Conservative update: raise only the counters at the minimum (less over-counting).
      for (const s of slots) if (this.#counts[s]! < min + 1) this.#counts[s] = min + 1;
    }
  }

  /** Documents containing the term (an upper estimate, decayed). */
  count(term: string): number {
    let min = Infinity;
    for (const s of this.#locate(term)) min = Math.min(min, this.#counts[s]!);
    return min;
  }

  /**
   * 1 for a rare term, 0 for a common one, linear in inverse document frequency between
   * (smoothed with PRIOR_DOCUMENTS empty documents).
   */
  rarity(term: string): number {
    const idf = Math.log((this.#documents + PRIOR_DOCUMENTS) / (this.count(term) + 1));
    return Math.min(1, Math.max(0, (idf - IDF_COMMON) / (IDF_RARE - IDF_COMMON)));
  }
}
