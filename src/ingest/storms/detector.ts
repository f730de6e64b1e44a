import { and, desc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { cases, mentions } from '../../../db/schema/index.js';
import type { Db, Tx } from '../../../db/types.js';
import { authorKeyOf } from '../../cases/refs.js';
import type { StormConfig } from './config.js';
import { DocFrequency } from './doc-frequency.js';
import { StormIndex, type StormEntry } from './index-store.js';
import { fingerprint, jaccard, linksIn } from './minhash.js';
import { issueTerm, paraphraseEvidence } from './paraphrase.js';
import { BrandVocabulary } from './terms/brands.js';
import { extractStormTerms, stem, type StormTerms } from './terms/extract.js';

export type StormDecision =
  | { kind: 'none' }
  /**
   * An open incident about the same thing exists: the mention joins it. `mergeCaseIds` are other
   * open, untouched cases this mention matches (earlier reports that matched no one else yet):
   * they join the incident too.
   */
  | { kind: 'join'; incidentId: number; mergeCaseIds: number[] }
  /** Enough authors now say the same thing: open an incident, merging these open cases into it. */
  | { kind: 'form'; mergeCaseIds: number[] };

export type StormProbe = Pick<StormEntry, 'fp' | 'links' | 'terms' | 'source' | 'authorKey'>;

interface CandidateCase {
  id: number;
  kind: 'single' | 'incident';
  state: 'open' | 'resolved';
  ownerId: string | null;
  firstResponseAt: Date | null;
  reach: number;
}

/** Open incidents remembered, at most (a set that never grows with the traffic). */
const MAX_KNOWN_INCIDENTS = 1000;
/** Mentions read at start-up to rebuild the document-frequency table, at most. */
const WARM_HISTORY_ROWS = 20_000;

/**
 * Decides whether an inbound mention belongs to a storm: a near-duplicate (mostly the same
 * words), the same link, or a paraphrase (the same symptom about the same rare place, product
 * or brand: paraphrase.ts) of recent mentions from other authors. Candidates come from one
 * bounded index (index-store.ts) shared by all three. The index and the document-frequency
 * table live in memory, bounded, and are rebuilt from the database at start, so a restart
 * mid-storm keeps clustering instead of opening a card per mention.
 */
export class StormDetector {
  readonly index: StormIndex;
  readonly frequency: DocFrequency;
  readonly #rarity = (term: string): number => this.frequency.rarity(term);

  readonly #brands: BrandVocabulary;

  /** `brands`: the config's brands (their names never count as evidence of one incident). */
  constructor(
    readonly config: StormConfig,
    brands: readonly { name: string; handles?: readonly string[]; keywords?: readonly string[] }[] = [],
  ) {
    this.#brands = new BrandVocabulary(stem, brands);
    this.frequency = new DocFrequency({ halfLifeMs: config.paraphrase.historyHours * 3_600_000 });
    this.index = new StormIndex(config.windowMinutes * 60_000, config.maxTracked, (entry) => this.#learn(entry));
  }

  probe(text: string, source: string, authorKey: string): StormProbe {
    const terms = this.config.paraphrase.enabled ? extractStormTerms(text, this.#brands) : null;
    if (terms) this.#brands.observe(terms.handles);
    return { fp: fingerprint(text), links: linksIn(text), terms, source, authorKey };
  }

  /** Incidents this process knows to be open: most storm mentions are decided without a query. */
  readonly #incidents = new Set<number>();

  /** Whether a recent mention is about the same thing as the probe. */
  #matches(probe: StormProbe, e: StormEntry): boolean {
    if (e.authorKey === probe.authorKey) return false;
    for (const l of probe.links) if (e.links.includes(l)) return true;
    if (probe.fp.words.size >= 4 ? jaccard(e.fp, probe.fp) >= this.config.minSimilarity : probe.fp.normalized !== '' && e.fp.normalized === probe.fp.normalized) return true;
    return probe.terms !== null && e.terms !== null && paraphraseEvidence(probe.terms, e.terms, this.#rarity) >= this.config.paraphrase.minEvidence;
  }

  decide(tx: Tx, probe: StormProbe, nowMs: number): StormDecision {
    if (!this.config.enabled) return { kind: 'none' };
    const similar = this.index.similar(probe, nowMs, (e) => this.#matches(probe, e));
    if (similar.length === 0) return { kind: 'none' };
    const caseIds = [...new Set(similar.map((e) => e.caseId))];
    // A VIP's or influencer's case keeps its own card: never folded into an incident.
    const keepOwn = new Set(similar.filter((e) => e.keepOwnCard).map((e) => e.caseId));
    // Joining a known incident costs one primary-key look-up (it may have been resolved since).
    for (const id of caseIds.filter((c) => this.#incidents.has(c)).sort((a, b) => b - a)) {
      const row = tx.select({ state: cases.state }).from(cases).where(eq(cases.id, id)).get();
      if (row?.state === 'open') {
        const others = caseIds.filter((c) => c !== id && !this.#incidents.has(c) && !keepOwn.has(c));
        return { kind: 'join', incidentId: id, mergeCaseIds: this.#untouched(this.#caseRows(tx, others), keepOwn) };
      }
      this.#incidents.delete(id);
    }
    const authors = new Set(similar.map((e) => e.authorKey));
    authors.add(probe.authorKey);
    if (authors.size < this.config.minMentions) return { kind: 'none' };
    const rows = this.#caseRows(tx, caseIds);
    const incident = rows.filter((r) => r.kind === 'incident' && r.state === 'open').sort((a, b) => b.id - a.id)[0];
    if (incident) {
      this.noteIncident(incident.id);
      return { kind: 'join', incidentId: incident.id, mergeCaseIds: this.#untouched(rows, keepOwn) };
    }
    return { kind: 'form', mergeCaseIds: this.#untouched(rows, keepOwn) };
  }

  #caseRows(tx: Tx, caseIds: number[]): CandidateCase[] {
    if (caseIds.length === 0) return [];
    return tx
      .select({ id: cases.id, kind: cases.kind, state: cases.state, ownerId: cases.ownerId, firstResponseAt: cases.firstResponseAt, reach: cases.reach })
      .from(cases)
      .where(inArray(cases.id, caseIds))
      .all();
  }

  /**
   * Only untouched cases are folded in: one somebody owns or answered stays theirs, and so does
   * an influencer's (their own card is the point).
   */
  #untouched(rows: CandidateCase[], keepOwn: ReadonlySet<number>): number[] {
    return rows
      .filter((r) => r.kind === 'single' && r.state === 'open' && r.ownerId === null && r.firstResponseAt === null && r.reach < this.config.influencerFollowers && !keepOwn.has(r.id))
      .map((r) => r.id);
  }

  /** Called when an incident is opened, so later members join it without a query. */
  noteIncident(caseId: number): void {
    this.#incidents.add(caseId);
    if (this.#incidents.size > MAX_KNOWN_INCIDENTS) {
      // Forgetting the oldest only costs a query the next time one of its members matches.
      const oldest = this.#incidents.values().next().value;
      if (oldest !== undefined) this.#incidents.delete(oldest);
    }
  }

  /** Indexes a placed mention; `keepOwnCard` for a VIP's or influencer's own case. */
  remember(probe: StormProbe, caseId: number, nowMs: number, keepOwnCard = false): void {
    if (this.config.enabled) this.index.add({ ...probe, caseId, at: nowMs, keepOwnCard, visited: 0 });
  }

  /**
   * A mention leaving the window joins the history the rarity of terms is judged by — unless it
   * belongs to an incident: a storm is the exception, and counting it would make its own place
   * and symptom look everyday, splitting a long storm.
   */
  #learn(entry: Pick<StormEntry, 'terms' | 'caseId' | 'at'>): void {
    if (entry.terms && !this.#incidents.has(entry.caseId)) this.frequency.add(termsOf(entry.terms), entry.at);
  }

  /**
   * Forgets everything in memory and warms again from what is stored: after a transaction that
   * taught the index about mentions was rolled back.
   */
  rebuild(db: Db, now: Date): number {
    this.index.clear();
    this.#incidents.clear();
    return this.warm(db, now);
  }

  /** Rebuilds the window, and the history of term frequencies before it, from stored mentions (start-up). */
  warm(db: Db, now: Date): number {
    if (!this.config.enabled) return 0;
    for (const open of db.select({ id: cases.id }).from(cases).where(and(eq(cases.kind, 'incident'), eq(cases.state, 'open'))).all()) this.noteIncident(open.id);
    const since = new Date(now.getTime() - this.config.windowMinutes * 60_000);
    if (this.config.paraphrase.enabled) this.#warmHistory(db, since);
    const rows = db
      .select({ text: mentions.text, source: mentions.source, authorId: mentions.authorId, authorHandle: mentions.authorHandle, caseId: mentions.caseId, receivedAt: mentions.receivedAt })
      .from(mentions)
      .where(and(eq(mentions.direction, 'inbound'), isNull(mentions.repostOf), gte(mentions.receivedAt, since)))
      .orderBy(mentions.id)
      .all();
    let n = 0;
    for (const r of rows) {
      if (r.caseId === null) continue;
      this.remember(this.probe(r.text, r.source, authorKeyOf(r.source, { id: r.authorId, handle: r.authorHandle })), r.caseId, r.receivedAt.getTime());
      n += 1;
    }
    return n;
  }

  /** The latest stored mentions before the window, oldest first, as if they had left it. */
  #warmHistory(db: Db, windowStart: Date): void {
    const oldest = new Date(windowStart.getTime() - 3 * this.config.paraphrase.historyHours * 3_600_000);
    const rows = db
      .select({ text: mentions.text, caseId: mentions.caseId, receivedAt: mentions.receivedAt, kind: cases.kind })
      .from(mentions)
      .leftJoin(cases, eq(cases.id, mentions.caseId))
      .where(and(eq(mentions.direction, 'inbound'), isNull(mentions.repostOf), lt(mentions.receivedAt, windowStart), gte(mentions.receivedAt, oldest)))
      .orderBy(desc(mentions.id))
      .limit(WARM_HISTORY_ROWS)
      .all();
    for (let i = rows.length - 1; i >= 0; i -= 1) {
      const r = rows[i]!;
      if (r.kind === 'incident') continue;
      const terms = extractStormTerms(r.text, this.#brands);
      this.#brands.observe(terms.handles);
      this.frequency.add(termsOf(terms), r.receivedAt.getTime());
    }
  }
}

/** What the document-frequency table counts for a mention: its anchors and its symptoms. */
function termsOf(terms: StormTerms): string[] {
  return [...terms.anchors, ...terms.issues.map(issueTerm)];
}

/** Cases merged into an incident whose mentions now point at it. */
export function moveMentions(tx: Tx, fromCaseIds: number[], toCaseId: number): void {
  if (fromCaseIds.length === 0) return;
  tx.update(mentions).set({ caseId: toCaseId }).where(inArray(mentions.caseId, fromCaseIds)).run();
}
