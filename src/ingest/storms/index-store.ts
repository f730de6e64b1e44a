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

/** A FIFO list: entries leave in the order they came, from every key at once. */
interface Bucket {
  items: StormEntry[];
  head: number;
}

/**
 * Recent inbound mentions, indexed by MinHash band and by shared link, for the storm window.
 * Bounded: entries older than the window are dropped, and past `maxEntries` the oldest go first,
 * so a storm cannot grow memory without limit. Lookups read newest first and stop early, so a
 * 20,000-mention storm costs the same per mention as a quiet day.
 */
export class StormIndex {
  readonly #entries: Bucket = { items: [], head: 0 };
  readonly #byKey = new Map<string, Bucket>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  get size(): number {
    return this.#entries.items.length - this.#entries.head;
  }

  #keys(e: Pick<StormEntry, 'fp' | 'links' | 'source'>): string[] {
    // Very short texts (a word or two) say too little to be "the same thing": exact match only.
    const text = e.fp.words.size >= 4 ? bands(e.fp).map((b) => `${e.source}|b|${b}`) : e.fp.normalized ? [`${e.source}|x|${e.fp.normalized}`] : [];
    return [...text, ...e.links.map((l) => `${e.source}|l|${l}`)];
  }

  /** Forgets every entry (the detector warms again from the database). */
  clear(): void {
    this.#entries.items.length = 0;
    this.#entries.head = 0;
    this.#byKey.clear();
  }

  add(entry: StormEntry): void {
    this.#entries.items.push(entry);
    for (const key of new Set(this.#keys(entry))) {
      let bucket = this.#byKey.get(key);
      if (!bucket) this.#byKey.set(key, (bucket = { items: [], head: 0 }));
      bucket.items.push(entry);
    }
    if (this.size > this.maxEntries) this.#drop();
  }

  #drop(): void {
    const entry = this.#entries.items[this.#entries.head];
    if (!entry) return;
    this.#entries.head += 1;
    compact(this.#entries);
    // FIFO everywhere: the oldest entry is at the head of each of its keys' buckets.
    for (const key of new Set(this.#keys(entry))) {
      const bucket = this.#byKey.get(key);
      if (!bucket) continue;
      if (bucket.items[bucket.head] === entry) bucket.head += 1;
      if (bucket.head >= bucket.items.length) this.#byKey.delete(key);
      else compact(bucket);
    }
  }

  prune(now: number): void {
    while (this.size > 0 && now - this.#entries.items[this.#entries.head]!.at > this.windowMs) this.#drop();
  }

  /**
   * Recent mentions about the same thing — a shared link, or words with Jaccard ≥
   * `minSimilarity` — newest first, at most `limit`: deciding needs a few recent look-alikes
   * (their incident, or enough distinct authors), never all of a storm.
   */
  similar(probe: Pick<StormEntry, 'fp' | 'links' | 'source'>, now: number, minSimilarity: number, limit = 64): StormEntry[] {
    this.prune(now);
    const found = new Set<StormEntry>();
    for (const key of this.#keys(probe)) {
      const bucket = this.#byKey.get(key);
      if (!bucket) continue;
      const isBand = key.includes('|b|');
      for (let i = bucket.items.length - 1; i >= bucket.head && found.size < limit; i -= 1) {
        const e = bucket.items[i]!;
        if (!found.has(e) && (!isBand || jaccard(e.fp, probe.fp) >= minSimilarity)) found.add(e);
      }
      if (found.size >= limit) break;
    }
    return [...found];
  }

  /** Points entries of merged cases at the incident they joined. */
  reassign(fromCaseIds: ReadonlySet<number>, toCaseId: number): void {
    const { items, head } = this.#entries;
    for (let i = head; i < items.length; i += 1) {
      const e = items[i]!;
      if (fromCaseIds.has(e.caseId)) e.caseId = toCaseId;
    }
  }
}

/**
 * Drops dead slots once they are half the bucket (amortised O(1) per entry). No minimum: most
 * buckets are small and never drain (a band shared by common words keeps getting entries), and
 * with a minimum they would keep every entry they ever held alive — the memory benchmark
 * (bench/memory.ts) saw 1.2 GB live after 1,000,000 mentions.
 */
function compact(bucket: Bucket): void {
  if (bucket.head * 2 > bucket.items.length) {
    bucket.items.splice(0, bucket.head);
    bucket.head = 0;
  }
}
