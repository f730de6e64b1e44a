import { bands, type Fingerprint } from './minhash.js';
import type { StormTerms } from './terms/extract.js';

export interface StormEntry {
  at: number;
  fp: Fingerprint;
  links: string[];
  /** What the mention is about (paraphrase clustering); null when that clustering is off. */
  terms: StormTerms | null;
  authorKey: string;
  source: string;
  /** The case the mention belongs to (a single case or an incident). */
  caseId: number;
  /** A VIP's or influencer's mention: its case keeps its own card. */
  keepOwnCard: boolean;
  /** The last lookup that visited this entry (so one lookup checks each candidate once). */
  visited: number;
}

export type StormKeySource = Pick<StormEntry, 'fp' | 'links' | 'terms'>;

/** A FIFO list: entries leave in the order they came, from every key at once. */
interface Bucket {
  items: StormEntry[];
  head: number;
}

/**
 * Newest entries read per key and lookup. In a storm a key's newest entries are storm members,
 * so a few dozen are enough to find its incident; a key shared by everyday words never costs
 * more than this, however busy.
 */
const SCAN_PER_KEY = 48;

function hashKey(kind: string, value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < kind.length; i += 1) h = Math.imul(h ^ kind.charCodeAt(i), 0x01000193);
  for (let i = 0; i < value.length; i += 1) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  // 30 bits: small-integer map keys (no string per key). A collision only adds a candidate,
  // which the caller's check then refuses.
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

/**
 * The one candidate lookup of storm clustering: recent inbound mentions indexed by MinHash
 * band (near-duplicates), shared link, and rare-term postings (each anchor term and brand a
 * mention names: paraphrases). A lookup reads the newest few entries of each of the probe's keys
 * and hands each distinct one to the caller's check once; it never walks the window.
 *
 * Bounded by time and by count: entries older than the window leave, and past `maxEntries` the
 * oldest go first, so memory is the same after a million mentions as after fifty thousand. Each
 * entry leaving is reported to `onLeave` (the document-frequency table learns from it then, so
 * a storm in the window never dilutes its own terms).
 */
export class StormIndex {
  readonly #entries: Bucket = { items: [], head: 0 };
  readonly #byKey = new Map<number, Bucket>();
  #lookups = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 50_000,
    private readonly onLeave: (entry: StormEntry) => void = () => {},
  ) {}

  get size(): number {
    return this.#entries.items.length - this.#entries.head;
  }

  /** Distinct keys held (for the memory benchmark). */
  get keyCount(): number {
    return this.#byKey.size;
  }

  #keys(e: StormKeySource): number[] {
    const out = new Set<number>();
    // Very short texts (a word or two) say too little to be "the same thing": exact match only.
    if (e.fp.words.size >= 4) for (const b of bands(e.fp)) out.add(hashKey('b', b));
    else if (e.fp.normalized) out.add(hashKey('x', e.fp.normalized));
    for (const l of e.links) out.add(hashKey('l', l));
    if (e.terms) {
      // A paraphrase always shares an anchor or (for an outage) a brand: those are its keys.
      for (const t of e.terms.anchors) out.add(hashKey('t', t));
      for (const n of e.terms.names) out.add(hashKey('t', n));
    }
    return [...out];
  }

  /** Forgets every entry (the detector warms again from the database). */
  clear(): void {
    this.#entries.items.length = 0;
    this.#entries.head = 0;
    this.#byKey.clear();
  }

  add(entry: StormEntry): void {
    this.#entries.items.push(entry);
    for (const key of this.#keys(entry)) {
      let bucket = this.#byKey.get(key);
      if (!bucket) this.#byKey.set(key, (bucket = { items: [], head: 0 }));
      bucket.items.push(entry);
    }
    if (this.size > this.maxEntries) this.#drop();
  }

  #drop(): void {
    const entry = this.#entries.items[this.#entries.head];
    if (!entry) return;
    this.#entries.items[this.#entries.head] = undefined as unknown as StormEntry;
    this.#entries.head += 1;
    compact(this.#entries);
    // FIFO everywhere: the oldest entry is at the head of each of its keys' buckets.
    for (const key of this.#keys(entry)) {
      const bucket = this.#byKey.get(key);
      if (!bucket) continue;
      if (bucket.items[bucket.head] === entry) bucket.head += 1;
      if (bucket.head >= bucket.items.length) this.#byKey.delete(key);
      else compact(bucket);
    }
    this.onLeave(entry);
  }

  prune(now: number): void {
    while (this.size > 0 && now - this.#entries.items[this.#entries.head]!.at > this.windowMs) this.#drop();
  }

  /**
   * Recent mentions `matches` accepts, newest first per key, at most `limit`: deciding needs a
   * few recent look-alikes (their incident, or enough distinct authors), never all of a storm.
   */
  similar(probe: StormKeySource, now: number, matches: (entry: StormEntry) => boolean, limit = 64): StormEntry[] {
    this.prune(now);
    const lookup = ++this.#lookups;
    const found: StormEntry[] = [];
    for (const key of this.#keys(probe)) {
      const bucket = this.#byKey.get(key);
      if (!bucket) continue;
      const stop = Math.max(bucket.head, bucket.items.length - SCAN_PER_KEY);
      for (let i = bucket.items.length - 1; i >= stop; i -= 1) {
        const e = bucket.items[i]!;
        if (e.visited === lookup) continue;
        e.visited = lookup;
        if (matches(e)) found.push(e);
      }
      if (found.length >= limit) break;
    }
    return found.length > limit ? found.slice(0, limit) : found;
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
