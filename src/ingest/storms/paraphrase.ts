import type { IssueConcept } from './terms/lexicon.js';
import type { StormTerms } from './terms/extract.js';

/**
 * Are two mentions reports of the same incident in other words? They must share a symptom
 * (an issue concept) and enough *evidence about what or where*, each shared term weighed by how
 * rare it is in recent traffic (doc-frequency.ts):
 *
 *   evidence = the strongest shared symptom (1; "late/stuck" ¾ — one late parcel is not a storm)
 *            + each shared name or code, by its rarity ("Manchester", "BS3", "error 503")
 *            + 1 for the shared brand, only for a service-wide symptom (down, can't log in,
 *              payments fail) and only while that symptom is bursting: "Streamly is down" —
 *              the brand itself is what fails, and often the only thing such reports share
 *            + ½ of each further shared symptom, when a name, code or brand is shared
 *            + the shared ordinary words ("depot", "app"), each at most 0.4, all at most 0.6
 *
 * and they are paraphrases when evidence ≥ `minEvidence` (default 1.75). So:
 * - a symptom and a rare place or product are enough ("no signal" + "Manchester" = 2);
 * - a place or a brand without a shared symptom never is ("Telvo shop in Manchester was rude");
 * - the same symptom elsewhere is not ("no signal in Truro" + Telvo = 1: a missing signal is
 *   local, so the brand does not count);
 * - a symptom with ordinary words only never is ("parcel late" = 1.4; "no signal, router,
 *   kitchen" = 1.6); a late parcel needs its place ("stuck" + "Leeds" + "depot" = 2.15);
 * - "@Brand it's broken" from three people is a storm only when such reports are well above
 *   their usual rate (symptom-rates.ts): a busy brand always has a few.
 * Whether a word is a name is read from its spelling (terms/extract.ts), so no gazetteer is
 * needed; how rare it is comes from traffic, so words that are everyday for this brand
 * ("flight" for an airline) stop counting as they become common.
 */
export interface EvidenceContext {
  /**
   * 0 (common) .. 1 (rare). `incident`: the other mention's incident, if any — its own
   * occurrences of the term do not make it everyday. `isName`: written as a name or code.
   */
  rarity(term: string, incident: number | null, isName: boolean): number;
  /**
   * Whether a shared key may count: against an incident's member, only what that incident is
   * about (its core terms) does, so an incident cannot drift topic by topic. Keys are anchors,
   * brand names and `issueKey(concept)`.
   */
  admits(key: string, incident: number | null): boolean;
  /** Whether reports of a service-wide symptom are now well above their usual rate. */
  bursting(issue: IssueConcept): boolean;
}

/** The key of a symptom among terms (never a word: words have no "§"). */
export const issueKey = (concept: IssueConcept): string => `§${concept}`;

/** Symptoms that happen to one customer at a time count less (see above). */
const ISSUE_WEIGHT: Partial<Record<IssueConcept, number>> = { delay: 0.75 };
/**
 * Symptoms a whole service has at once — it is down, nobody can log in, payments fail — for
 * which the brand is what fails. A missing signal, a power cut or a late parcel happens
 * somewhere: for those the place must be shared, not just the brand.
 */
export const SERVICE_WIDE: ReadonlySet<IssueConcept> = new Set(['outage', 'login', 'payment']);
/**
 * A shared word that is not a name or a code ("depot", "app") counts at most this much: with a
 * symptom, two of them are enough (1 + 0.4 + 0.4), with a late/stuck they are not.
 */
const PLAIN_CAP = 0.4;
/**
 * …and all of them together at most this much: ordinary words alone never make two reports one
 * incident (two complaints that share "router" and "kitchen" and a missing signal are not a
 * storm); a name, a code or a bursting brand must say where or what.
 */
const PLAIN_TOTAL_CAP = 0.6;

function sharesBrand(a: StormTerms, b: StormTerms, ctx: EvidenceContext, incident: number | null): boolean {
  for (const n of a.names) if ((b.names.includes(n) || b.anchors.includes(n)) && ctx.admits(n, incident)) return true;
  for (const n of b.names) if (a.anchors.includes(n) && ctx.admits(n, incident)) return true;
  return false;
}

/** Evidence that `a` reports what `b` reports; `incident`: the incident `b` belongs to, if any. */
export function paraphraseEvidence(a: StormTerms, b: StormTerms, ctx: EvidenceContext, incident: number | null = null): number {
  let strongest = 0;
  let further = 0;
  let brandCanCount = false;
  for (const issue of a.issues) {
    if (!b.issues.includes(issue) || !ctx.admits(issueKey(issue), incident)) continue;
    const w = ISSUE_WEIGHT[issue] ?? 1;
    if (SERVICE_WIDE.has(issue) && ctx.bursting(issue)) brandCanCount = true;
    if (w > strongest) {
      further += strongest * 0.5;
      strongest = w;
    } else further += w * 0.5;
  }
  if (strongest === 0) return 0;
  // What or where: names and codes in full, ordinary words together at most PLAIN_TOTAL_CAP.
  let named = 0;
  let plain = 0;
  for (let i = 0; i < a.anchors.length; i += 1) {
    const term = a.anchors[i]!;
    const j = b.anchors.indexOf(term);
    // A word one side writes as a brand (its @handle) is that brand on both sides.
    if (j < 0 || b.names.includes(term) || !ctx.admits(term, incident)) continue;
    const isName = a.specific[i]! || b.specific[j]!;
    const r = ctx.rarity(term, incident, isName);
    if (isName) named += r;
    else plain += Math.min(PLAIN_CAP, r);
  }
  if (brandCanCount && sharesBrand(a, b, ctx, incident)) named += 1;
  // A second shared symptom sharpens a report that names its place or brand; between two lists
  // of everyday words it is only more of the same vocabulary.
  const evidence = strongest + (named > 0 ? further : 0) + named + Math.min(PLAIN_TOTAL_CAP, plain);
  return evidence;
}
