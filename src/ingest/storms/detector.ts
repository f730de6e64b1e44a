import { and, desc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { cases, mentions } from '../../../db/schema/index.js';
import type { Db, Tx } from '../../../db/types.js';
import { authorKeyOf } from '../../cases/refs.js';
import type { StormConfig } from './config.js';
import { DocFrequency } from './doc-frequency.js';
import { IncidentTerms } from './incident-terms.js';
import { StormIndex, type LookupPlan, type StormEntry } from './index-store.js';
import { estimatedJaccard, fingerprint, jaccard, linksIn } from './minhash.js';
import { SERVICE_WIDE, paraphraseEvidence, type EvidenceContext } from './paraphrase.js';
import { SymptomRates } from './symptom-rates.js';
import { BrandVocabulary } from './terms/brands.js';
import { extractStormTerms, stem } from './terms/extract.js';
import { generalRarity } from './terms/general.js';

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
/** Terms rarer than this are looked up in the index; commoner ones could add little evidence. */
const MIN_LOOKUP_RARITY = 0.2;
/** Anchor postings read per look-up, at most (the rarest terms first). */
const MAX_TERM_LOOKUPS = 6;
/** History (documents) from which a new incident is trusted to be a storm, not an everyday topic. */
const MATURE_HISTORY = 1000;
/** Mentions read at start-up to rebuild the term and symptom history, at most. */
const WARM_HISTORY_ROWS = 20_000;

/**
 * Decides whether an inbound mention belongs to a storm: a near-duplicate (mostly the same
 * words), the same link, or a paraphrase (the same symptom about the same rare place, product
 * or brand: paraphrase.ts) of recent mentions from other authors. Candidates come from one
 * bounded index (index-store.ts) shared by all three. The index, the term and symptom
 * frequencies and the incidents' term counts live in memory, bounded, and are rebuilt from the
 * database at start, so a restart mid-storm keeps clustering instead of opening a card per mention.
 */
export class StormDetector {
  /** All of it is memory, rebuilt from the database by warm() (reset first by rebuild()). */
  #index!: StormIndex;
  #history!: DocFrequency;
  #window!: DocFrequency;
  #symptoms!: SymptomRates;
  #incidentTerms!: IncidentTerms;
  #brands!: BrandVocabulary;
  /** Incidents this process knows to be open: most storm mentions are decided without a query. */
  readonly #incidents = new Set<number>();
  /**
   * Incidents formed when the history was long enough to judge what is everyday. Their mentions
   * never join the history: a long storm would otherwise make its own place look everyday and
   * split. An incident formed on a new install (little history) is provisional: its mentions do
   * join the history, so one built on an everyday topic ("cancelled flight" at an airline, seen
   * as rare only for want of history) stops growing once the history shows the topic is common.
   */
  readonly #trusted = new Set<number>();

  /** `brands`: the config's brands (their names never count as evidence of one incident). */
  constructor(
    readonly config: StormConfig,
    private readonly brands: readonly { name: string; handles?: readonly string[]; keywords?: readonly string[] }[] = [],
  ) {
    this.#reset();
  }

  #reset(): void {
    const halfLifeMs = this.config.paraphrase.historyHours * 3_600_000;
    this.#index = new StormIndex(this.config.windowMinutes * 60_000, this.config.maxTracked, (entry) => this.#left(entry));
    this.#history = new DocFrequency({ halfLifeMs });
    // Judged more leniently than the history (a half hour is a small sample, and a city in 4% of
    // it is not yet everyday): it is there to catch what is plainly everyday ("flight" in a third
    // of an airline's mentions) before any history exists.
    this.#window = new DocFrequency({ shares: { rare: 0.05, common: 0.3 } });
    this.#symptoms = new SymptomRates(halfLifeMs, this.config.minMentions);
    this.#incidentTerms = new IncidentTerms();
    this.#brands = new BrandVocabulary(stem, this.brands);
    this.#incidents.clear();
    this.#trusted.clear();
  }

  /** The shared candidate index (near-duplicates, links, paraphrases). */
  get index(): StormIndex {
    return this.#index;
  }

  /** Anchor terms of ordinary traffic: mentions that have left the window (trusted storms' excepted). */
  get history(): DocFrequency {
    return this.#history;
  }

  /** Anchor terms of the mentions in the window now. */
  get window(): DocFrequency {
    return this.#window;
  }

  probe(text: string, source: string, authorKey: string): StormProbe {
    const terms = this.config.paraphrase.enabled ? extractStormTerms(text, this.#brands) : null;
    if (terms) this.#brands.observe(terms.handles);
    return { fp: fingerprint(text), links: linksIn(text), terms, source, authorKey };
  }

  /**
   * A term's rarity is the least of three: in English at large ("because" is everyday anywhere;
   * not asked of names — "York" is not "New York"), in the history (what this brand's ordinary traffic is like) and in the window outside
   * the other mention's incident (what is everyday right now — "flight" in a new install's first busy
   * minutes). Against an incident's member only its core terms count.
   */
  readonly #evidence: EvidenceContext = {
    rarity: (term, incident, isName) =>
      Math.min(
        isName ? 1 : generalRarity(term),
        this.history.rarity(term),
        this.window.rarity(term, incident === null ? 0 : this.#incidentTerms.count(incident, term)),
      ),
    admits: (key, incident) => incident === null || this.#incidentTerms.isCore(incident, key),
    bursting: (issue) => this.#symptoms.bursting(issue),
  };

  /** A term's rarity before knowing how it is written in the other mention (look-ups). */
  #rarity(term: string): number {
    return Math.min(this.history.rarity(term), this.window.rarity(term));
  }

  /** A mention left the window: the window's counts lose it, the history (usually) gains it. */
  #left(entry: StormEntry): void {
    if (!entry.terms) return;
    this.window.remove(entry.terms.anchors);
    if (this.#incidentTerms.has(entry.caseId)) this.#incidentTerms.remove(entry.caseId, entry.terms);
    const ordinary = !this.#trusted.has(entry.caseId);
    this.#symptoms.leave(entry.terms.issues, entry.at, ordinary);
    if (ordinary) this.history.add(entry.terms.anchors, entry.at);
  }

  /**
   * Jaccard ≥ minSimilarity, checked exactly only when the MinHash estimate is not far below it
   * (with 16 values an estimate under half the threshold almost never hides a match).
   */
  #nearDuplicate(probe: StormProbe, e: StormEntry): boolean {
    return estimatedJaccard(e.fp, probe.fp) >= this.config.minSimilarity / 2 && jaccard(e.fp, probe.fp) >= this.config.minSimilarity;
  }

  /** Whether a recent mention is about the same thing as the probe. */
  #matches(probe: StormProbe, e: StormEntry, viaText: boolean): boolean {
    if (e.authorKey === probe.authorKey) return false;
    for (const l of probe.links) if (e.links.includes(l)) return true;
    // Near-duplicates share a MinHash band (or the exact text): only those are worth a Jaccard.
    if (
      viaText &&
      (probe.fp.words.size >= 4 ? this.#nearDuplicate(probe, e) : probe.fp.normalized !== '' && e.fp.normalized === probe.fp.normalized)
    )
      return true;
    // No shared symptom, no paraphrase: one AND decides most candidates.
    if (probe.terms === null || e.terms === null || (probe.terms.issueMask & e.terms.issueMask) === 0) return false;
    const incident = this.#incidentTerms.has(e.caseId) ? e.caseId : null;
    return paraphraseEvidence(probe.terms, e.terms, this.#evidence, incident) >= this.config.paraphrase.minEvidence;
  }

  /**
   * Which postings are worth reading for a probe: its rarest few terms (a word in most mentions,
   * "flight" for an airline, can add little evidence and has the longest postings), and its
   * brands only while a service-wide symptom it reports is bursting (else a brand adds nothing).
   */
  #plan(probe: StormProbe): LookupPlan {
    const terms = probe.terms;
    // A paraphrase shares a symptom: a mention that reports none has no paraphrases to find.
    if (!terms || terms.issues.length === 0) return { terms: [], names: false };
    let lookUp: string[] = [];
    let rarities: number[] = [];
    for (const t of terms.anchors) {
      const r = this.#rarity(t);
      if (r < MIN_LOOKUP_RARITY) continue;
      lookUp.push(t);
      rarities.push(r);
    }
    if (lookUp.length > MAX_TERM_LOOKUPS) {
      // The rarest first: they have the shortest postings and say the most.
      const order = lookUp
        .map((_, i) => i)
        .sort((a, b) => rarities[b]! - rarities[a]!)
        .slice(0, MAX_TERM_LOOKUPS);
      lookUp = order.map((i) => lookUp[i]!);
      rarities = [];
    }
    let names = false;
    for (const i of terms.issues) if (SERVICE_WIDE.has(i) && this.#symptoms.bursting(i)) names = true;
    return { terms: lookUp, names };
  }

  decide(tx: Tx, probe: StormProbe, nowMs: number): StormDecision {
    if (!this.config.enabled) return { kind: 'none' };
    const similar = this.index.similar(probe, nowMs, (e, viaText) => this.#matches(probe, e, viaText), this.#plan(probe));
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
      .select({
        id: cases.id,
        kind: cases.kind,
        state: cases.state,
        ownerId: cases.ownerId,
        firstResponseAt: cases.firstResponseAt,
        reach: cases.reach,
      })
      .from(cases)
      .where(inArray(cases.id, caseIds))
      .all();
  }

  /**
   * Only untouched cases are folded in: one somebody owns or answered stays theirs, and so does
   * an influencer's or a VIP's (their own card is the point).
   */
  #untouched(rows: CandidateCase[], keepOwn: ReadonlySet<number>): number[] {
    return rows
      .filter(
        (r) =>
          r.kind === 'single' &&
          r.state === 'open' &&
          r.ownerId === null &&
          r.firstResponseAt === null &&
          r.reach < this.config.influencerFollowers &&
          !keepOwn.has(r.id),
      )
      .map((r) => r.id);
  }

  /** Called when an incident is opened, so later members join it without a query. */
  noteIncident(caseId: number): void {
    if (!this.#incidents.has(caseId)) {
      // Its members so far (indexed before it formed, now pointing at it) start its term counts.
      for (const e of this.index.entriesOf(caseId)) if (e.terms) this.#incidentTerms.add(caseId, e.terms);
      if (this.history.documents >= MATURE_HISTORY) this.#trusted.add(caseId);
    }
    this.#incidents.add(caseId);
    if (this.#incidents.size > MAX_KNOWN_INCIDENTS) {
      // Forgetting the oldest only costs a query the next time one of its members matches.
      const oldest = this.#incidents.values().next().value;
      if (oldest !== undefined) {
        this.#incidents.delete(oldest);
        this.#trusted.delete(oldest);
      }
    }
  }

  /** Indexes a placed mention; `keepOwnCard` for a VIP's or influencer's own case. */
  remember(probe: StormProbe, caseId: number, nowMs: number, keepOwnCard = false): void {
    if (!this.config.enabled) return;
    this.index.add({ ...probe, caseId, at: nowMs, keepOwnCard, visited: 0 });
    if (!probe.terms) return;
    this.window.add(probe.terms.anchors);
    this.#symptoms.enter(probe.terms.issues);
    if (this.#incidents.has(caseId)) this.#incidentTerms.add(caseId, probe.terms);
  }

  /** Entries of merged cases now belong to the incident: its term counts grow by theirs. */
  reassign(fromCaseIds: ReadonlySet<number>, incidentId: number): void {
    for (const e of this.index.reassign(fromCaseIds, incidentId))
      if (e.terms && this.#incidents.has(incidentId)) this.#incidentTerms.add(incidentId, e.terms);
  }

  /**
   * Forgets everything in memory and warms again from what is stored: after a transaction that
   * taught the index about mentions was rolled back.
   */
  rebuild(db: Db, now: Date): number {
    this.#reset();
    return this.warm(db, now);
  }

  /** Rebuilds the window, and the history of term and symptom frequencies before it, from stored mentions (start-up). */
  warm(db: Db, now: Date): number {
    if (!this.config.enabled) return 0;
    const since = new Date(now.getTime() - this.config.windowMinutes * 60_000);
    if (this.config.paraphrase.enabled) this.#warmHistory(db, since);
    for (const open of db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.kind, 'incident'), eq(cases.state, 'open')))
      .all())
      this.noteIncident(open.id);
    // The window's own mentions are counted by remember(), below.
    const rows = db
      .select({
        text: mentions.text,
        source: mentions.source,
        authorId: mentions.authorId,
        authorHandle: mentions.authorHandle,
        caseId: mentions.caseId,
        receivedAt: mentions.receivedAt,
      })
      .from(mentions)
      .where(and(eq(mentions.direction, 'inbound'), isNull(mentions.repostOf), gte(mentions.receivedAt, since)))
      .orderBy(mentions.id)
      .all();
    let n = 0;
    for (const r of rows) {
      if (r.caseId === null) continue;
      this.remember(
        this.probe(r.text, r.source, authorKeyOf(r.source, { id: r.authorId, handle: r.authorHandle })),
        r.caseId,
        r.receivedAt.getTime(),
      );
      n += 1;
    }
    return n;
  }

  /** The latest stored mentions before the window, oldest first: the history of what is everyday. */
  #warmHistory(db: Db, windowStart: Date): void {
    const oldest = new Date(windowStart.getTime() - 3 * this.config.paraphrase.historyHours * 3_600_000);
    const rows = db
      .select({ text: mentions.text, receivedAt: mentions.receivedAt, kind: cases.kind })
      .from(mentions)
      .leftJoin(cases, eq(cases.id, mentions.caseId))
      .where(
        and(
          eq(mentions.direction, 'inbound'),
          isNull(mentions.repostOf),
          lt(mentions.receivedAt, windowStart),
          gte(mentions.receivedAt, oldest),
        ),
      )
      .orderBy(desc(mentions.id))
      .limit(WARM_HISTORY_ROWS)
      .all();
    for (let i = rows.length - 1; i >= 0; i -= 1) {
      const r = rows[i]!;
      const terms = extractStormTerms(r.text, this.#brands);
      this.#brands.observe(terms.handles);
      if (r.kind === 'incident') continue;
      const at = r.receivedAt.getTime();
      this.history.add(terms.anchors, at);
      this.#symptoms.learn(terms.issues, at);
    }
  }
}

/** Cases merged into an incident whose mentions now point at it. */
export function moveMentions(tx: Tx, fromCaseIds: number[], toCaseId: number): void {
  if (fromCaseIds.length === 0) return;
  tx.update(mentions).set({ caseId: toCaseId }).where(inArray(mentions.caseId, fromCaseIds)).run();
}
