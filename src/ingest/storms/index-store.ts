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
  /** The index keys it is filed under (set by the index). */
  keys?: number[];
}

/** Which postings a look-up reads besides near-duplicate bands and links. */
export interface LookupPlan {
  /** Anchor terms worth reading (rare enough to matter), rarest first. */
  terms: readonly string[];
  /** Whether to read the brands' postings (only useful while a service-wide symptom bursts). */
  names: boolean;
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
 * more than this, however busy. Term postings (one per word) are read less deep than the rarer
 * band and link keys.
 */
const SCAN_PER_KEY = 16;
const SCAN_PER_TERM = 10;

/**
 * Keys other than bands (numbers already: minhash.ts) are hashed with their kind; keys of two kinds may still collide, which only adds a
 * candidate the check refuses.
 */
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
 * oldest go first, so memory is the same after a million mentions as after fifty thousand.
 */
export class StormIndex {
  readonly #entries: Bucket = { items: [], head: 0 };
  readonly #byKey = new Map<number, Bucket>();
  /** The window's entries of each case (reassigning a merged case moves only its own entries). */
  readonly #byCase = new Map<number, Set<StormEntry>>();
  #lookups = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 50_000,
    /** Told of every entry that leaves the window (by age or by count). */
    private readonly onLeave: (entry: StormEntry) => void = () => {},
  ) {}

  get size(): number {
    return this.#entries.items.length - this.#entries.head;
  }

  /** Distinct keys held (for the memory benchmark). */
  get keyCount(): number {
    return this.#byKey.size;
  }

  /** Every key an entry is filed under: its bands (or exact text), links, anchors and brands. */
  #entryKeys(e: StormKeySource): number[] {
    const keys: number[] = [];
    const push = (key: number) => {
      if (!keys.includes(key)) keys.push(key);
    };
    // Very short texts (a word or two) say too little to be "the same thing": exact match only.
    if (e.fp.words.size >= 4) for (const b of bands(e.fp)) push(b);
    else if (e.fp.normalized) push(hashKey('x', e.fp.normalized));
    for (const l of e.links) push(hashKey('l', l));
    // A paraphrase always shares a symptom, and an anchor or (for a service-wide symptom) a
    // brand: those are its keys. A mention reporting no symptom is nobody's paraphrase.
    if (e.terms && e.terms.issues.length > 0) {
      for (const t of e.terms.anchors) push(hashKey('t', t));
      for (const n of e.terms.names) push(hashKey('t', n));
    }
    return keys;
  }

  /** Forgets every entry (the detector warms again from the database). */
  clear(): void {
    this.#entries.items.length = 0;
    this.#entries.head = 0;
    this.#byKey.clear();
    this.#byCase.clear();
  }

  add(entry: StormEntry): void {
    entry.keys = this.#entryKeys(entry);
    this.#entries.items.push(entry);
    this.#caseSet(entry.caseId).add(entry);
    for (const key of entry.keys) {
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
    const ofCase = this.#byCase.get(entry.caseId);
    ofCase?.delete(entry);
    if (ofCase?.size === 0) this.#byCase.delete(entry.caseId);
    // FIFO everywhere: the oldest entry is at the head of each of its keys' buckets.
    for (const key of entry.keys ?? []) {
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
   * Recent mentions `matches` accepts (told whether the entry was reached by a near-duplicate
   * key: a MinHash band or the exact text), newest first per key, at most `limit`: deciding needs a
   * few recent look-alikes (their incident, or enough distinct authors), never all of a storm.
   * `plan` says which of the probe's terms (and whether its brands) are worth reading postings for.
   */
  similar(
    probe: StormKeySource,
    now: number,
    matches: (entry: StormEntry, viaText: boolean) => boolean,
    plan: LookupPlan = { terms: probe.terms?.anchors ?? [], names: true },
    limit = 64,
  ): StormEntry[] {
    this.prune(now);
    const lookup = ++this.#lookups;
    const found: StormEntry[] = [];
    // biome-ignore lint/suspicious/noConfusingLabels: a labelled block leaves the five lookups at the first that fills the page.
    done: {
      if (probe.fp.words.size >= 4) {
        for (const b of bands(probe.fp)) if (this.#read(b, SCAN_PER_KEY, true, lookup, matches, found, limit)) break done;
      } else if (probe.fp.normalized && this.#read(hashKey('x', probe.fp.normalized), SCAN_PER_KEY, true, lookup, matches, found, limit))
        break done;
      for (const l of probe.links) if (this.#read(hashKey('l', l), SCAN_PER_KEY, false, lookup, matches, found, limit)) break done;
      for (const t of plan.terms) if (this.#read(hashKey('t', t), SCAN_PER_TERM, false, lookup, matches, found, limit)) break done;
      if (plan.names && probe.terms)
        for (const n of probe.terms.names) if (this.#read(hashKey('t', n), SCAN_PER_TERM, false, lookup, matches, found, limit)) break done;
    }
    return found.length > limit ? found.slice(0, limit) : found;
  }

  /** Reads the newest `depth` entries under one key into `found`; true once it holds `limit`. */
  #read(
    key: number,
    depth: number,
    viaText: boolean,
    lookup: number,
    matches: (entry: StormEntry, viaText: boolean) => boolean,
    found: StormEntry[],
    limit: number,
  ): boolean {
    const bucket = this.#byKey.get(key);
    if (!bucket) return false;
    const items = bucket.items;
    const stop = Math.max(bucket.head, items.length - depth);
    for (let i = items.length - 1; i >= stop; i -= 1) {
      const e = items[i]!;
      if (e.visited === lookup) continue;
      e.visited = lookup;
      if (matches(e, viaText)) found.push(e);
    }
    return found.length >= limit;
  }

  #caseSet(caseId: number): Set<StormEntry> {
    let set = this.#byCase.get(caseId);
    if (!set) this.#byCase.set(caseId, (set = new Set()));
    return set;
  }

  /** Points entries of merged cases at the incident they joined; returns the entries moved. */
  reassign(fromCaseIds: ReadonlySet<number>, toCaseId: number): StormEntry[] {
    const moved: StormEntry[] = [];
    for (const from of fromCaseIds) {
      const entries = this.#byCase.get(from);
      if (!entries || from === toCaseId) continue;
      this.#byCase.delete(from);
      const target = this.#caseSet(toCaseId);
      for (const e of entries) {
        e.caseId = toCaseId;
        target.add(e);
        moved.push(e);
      }
    }
    return moved;
  }

  /** The window's entries of one case. */
  entriesOf(caseId: number): StormEntry[] {
    return [...(this.#byCase.get(caseId) ?? [])];
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
