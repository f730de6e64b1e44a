import { ISSUE_CONCEPTS, type IssueConcept } from './terms/lexicon.js';

/**
 * Is a symptom being reported well above its usual rate right now? A busy brand always has a few
 * "it's not working" mentions in any half hour — one customer's card, another's app — and three
 * of them are not a storm. When the whole service is down, such reports jump to many times their
 * usual share; only then does a shared brand count as evidence (paraphrase.ts).
 *
 * Usual rate: the symptom's share among mentions that have left the window and belonged to no
 * incident (the ordinary traffic), decayed with the same half-life as the term frequencies and
 * smoothed towards PRIOR_SHARE while there is little history. Current rate: its count among the
 * mentions in the window. Nine counters and a few numbers: flat memory.
 */
const PRIOR_SHARE = 0.03;
const PRIOR_DOCUMENTS = 200;
/** Bursting = at least this many times the usual share of the window… */
const BURST_FACTOR = 3;

export class SymptomRates {
  readonly #window = new Map<IssueConcept, number>(ISSUE_CONCEPTS.map((c) => [c, 0]));
  #windowSize = 0;
  readonly #history = new Map<IssueConcept, number>(ISSUE_CONCEPTS.map((c) => [c, 0]));
  #historySize = 0;
  #decayedAt: number | null = null;

  constructor(
    private readonly halfLifeMs: number,
    /** …and at least this many reports (the storm's own minimum). */
    private readonly minReports: number,
  ) {}

  /** A mention entered the window. */
  enter(issues: readonly IssueConcept[]): void {
    this.#windowSize += 1;
    for (const c of issues) this.#window.set(c, this.#window.get(c)! + 1);
  }

  /** A mention left the window; `ordinary` when it belonged to no incident (it joins the history). */
  leave(issues: readonly IssueConcept[], atMs: number, ordinary: boolean): void {
    this.#windowSize -= 1;
    for (const c of issues) this.#window.set(c, this.#window.get(c)! - 1);
    if (ordinary) this.learn(issues, atMs);
  }

  /** Counts one ordinary mention in the history (also used to warm up from stored mentions). */
  learn(issues: readonly IssueConcept[], atMs: number): void {
    this.#decay(atMs);
    this.#historySize += 1;
    for (const c of issues) this.#history.set(c, this.#history.get(c)! + 1);
  }

  #decay(atMs: number): void {
    if (this.#decayedAt === null) {
      this.#decayedAt = atMs;
      return;
    }
    const halvings = Math.floor((atMs - this.#decayedAt) / this.halfLifeMs);
    if (halvings <= 0) return;
    const factor = halvings >= 30 ? 0 : 0.5 ** halvings;
    for (const c of ISSUE_CONCEPTS) this.#history.set(c, this.#history.get(c)! * factor);
    this.#historySize *= factor;
    this.#decayedAt += halvings * this.halfLifeMs;
  }

  /** The symptom's usual share of mentions. */
  usualShare(issue: IssueConcept): number {
    return (this.#history.get(issue)! + PRIOR_SHARE * PRIOR_DOCUMENTS) / (this.#historySize + PRIOR_DOCUMENTS);
  }

  bursting(issue: IssueConcept): boolean {
    const now = this.#window.get(issue)!;
    return now >= this.minReports && now >= BURST_FACTOR * this.usualShare(issue) * this.#windowSize;
  }
}
