import { bands, jaccard, type Fingerprint } from './minhash.js';

export interface StormEntry {
  at: number;
  fp: Fingerprint;
  links: string[];
  authorKey: string;
  source: string;
  /** The case the mention belongs to (a single case or an incident). */
  caseId: number;
}

/**
 * Recent inbound mentions, indexed by SimHash band and by shared link, for the storm window.
 * Bounded: entries older than the window are dropped, and past `maxEntries` the oldest go first,
 * so a storm cannot grow memory without limit.
 */
export class StormIndex {
  readonly #entries: StormEntry[] = [];
  #head = 0;
  readonly #byKey = new Map<string, Set<StormEntry>>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  get size(): number {
    return this.#entries.length - this.#head;
  }

  #keys(e: Pick<StormEntry, 'fp' | 'links' | 'source'>): string[] {
    // Very short texts (a word or two) say too little to be "the same thing": exact match only.
    const text = e.fp.words.size >= 4 ? bands(e.fp).map((b) => `${e.source}|b|${b}`) : e.fp.normalized ? [`${e.source}|x|${e.fp.normalized}`] : [];
    return [...text, ...e.links.map((l) => `${e.source}|l|${l}`)];
  }

  add(entry: StormEntry): void {
    this.#entries.push(entry);
    for (const key of this.#keys(entry)) {
      let set = this.#byKey.get(key);
      if (!set) this.#byKey.set(key, (set = new Set()));
      set.add(entry);
    }
    if (this.size > this.maxEntries) this.#drop();
  }

  #drop(): void {
    const entry = this.#entries[this.#head];
    if (!entry) return;
    this.#head += 1;
    for (const key of this.#keys(entry)) {
      const set = this.#byKey.get(key);
      set?.delete(entry);
      if (set?.size === 0) this.#byKey.delete(key);
    }
    // Compact now and then so the array does not keep dead slots forever.
    if (this.#head > 4096 && this.#head * 2 > this.#entries.length) {
      this.#entries.splice(0, this.#head);
      this.#head = 0;
    }
  }

  prune(now: number): void {
    while (this.size > 0 && now - this.#entries[this.#head]!.at > this.windowMs) this.#drop();
  }

  /** Recent mentions about the same thing: a shared link, or words with Jaccard ≥ `minSimilarity`. */
  similar(probe: Pick<StormEntry, 'fp' | 'links' | 'source'>, now: number, minSimilarity: number): StormEntry[] {
    this.prune(now);
    const found = new Set<StormEntry>();
    for (const key of this.#keys(probe)) {
      const set = this.#byKey.get(key);
      if (!set) continue;
      const isBand = key.includes('|b|');
      for (const e of set) if (!found.has(e) && (!isBand || jaccard(e.fp, probe.fp) >= minSimilarity)) found.add(e);
    }
    return [...found];
  }

  /** Points entries of merged cases at the incident they joined. */
  reassign(fromCaseIds: ReadonlySet<number>, toCaseId: number): void {
    for (let i = this.#head; i < this.#entries.length; i += 1) {
      const e = this.#entries[i]!;
      if (fromCaseIds.has(e.caseId)) e.caseId = toCaseId;
    }
  }
}
