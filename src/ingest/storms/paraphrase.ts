import type { IssueConcept } from './terms/lexicon.js';
import type { StormTerms } from './terms/extract.js';

/**
 * Are two mentions reports of the same incident in other words? They must share a symptom
 * (an issue concept) and enough *evidence about what or where*, each shared term weighed by how
 * rare it is in recent traffic (doc-frequency.ts):
 *
 *   evidence = the strongest shared symptom (1; "late/stuck" ¾ — one late parcel is not a storm)
 *            + ½ of each further shared symptom
 *            + each shared anchor's rarity (a name or code in full — "Manchester", "BS3", "error 503";
              any other word at most ½ — "depot", "app")
 *            + for a service-wide symptom only (down, can't log in, payments fail): the shared
 *              brand ("Streamly is down" — the brand itself is what fails, and often the only
 *              thing such reports share)
 *
 * and they are paraphrases when evidence ≥ `minEvidence` (default 1.75). So:
 * - a symptom and a rare place or product are enough ("no signal" + "Manchester" = 2);
 * - a place or a brand without a shared symptom never is ("Telvo shop in Manchester was rude");
 * - the same symptom elsewhere is not ("no signal in Truro" + Telvo = 1: a missing signal is
 *   local, so the brand does not count);
 * - a symptom with an everyday object is not ("parcel late" = 1.25), with two shared words it
 *   is ("app" + "account" + can't log in = 2).
 * Whether a word is a name is read from its spelling (terms/extract.ts), so no gazetteer is needed.
 * Each weight is a symptom's or term's rarity in recent traffic, so words that are everyday for
 * this brand ("flight", its own name, a chronic symptom) stop counting as they become common.
 */
export interface Rarity {
  /** 0 (common) .. 1 (rare). */
  (term: string): number;
}

/** The document-frequency key of an issue concept (never a word: words have no "§"). */
export const issueTerm = (concept: IssueConcept): string => `§${concept}`;

/** Symptoms that happen to one customer at a time count less (see above). */
const ISSUE_WEIGHT: Partial<Record<IssueConcept, number>> = { delay: 0.75 };
/**
 * Symptoms a whole service has at once — it is down, nobody can log in, payments fail — for
 * which the brand is what fails. A missing signal, a power cut or a late parcel happens
 * somewhere: for those the place must be shared, not just the brand.
 */
const SERVICE_WIDE: ReadonlySet<IssueConcept> = new Set(['outage', 'login', 'payment']);
/** A shared word that is not a name or a code ("depot", "app") counts at most this much. */
const PLAIN_CAP = 0.5;

function sharesBrand(a: StormTerms, b: StormTerms): boolean {
  for (const n of a.names) if (b.names.includes(n) || b.anchors.includes(n)) return true;
  for (const n of b.names) if (a.anchors.includes(n)) return true;
  return false;
}

export function paraphraseEvidence(a: StormTerms, b: StormTerms, rarity: Rarity): number {
  let strongest = 0;
  let further = 0;
  let serviceWide = 0;
  for (const issue of a.issues) {
    if (!b.issues.includes(issue)) continue;
    const w = rarity(issueTerm(issue)) * (ISSUE_WEIGHT[issue] ?? 1);
    if (SERVICE_WIDE.has(issue)) serviceWide = Math.max(serviceWide, w);
    if (w > strongest) {
      further += strongest * 0.5;
      strongest = w;
    } else further += w * 0.5;
  }
  if (strongest === 0) return 0;
  let evidence = strongest + further;
  for (let i = 0; i < a.anchors.length; i += 1) {
    const term = a.anchors[i]!;
    const j = b.anchors.indexOf(term);
    // A word one side writes as a brand (its @handle) is that brand on both sides.
    if (j < 0 || b.names.includes(term)) continue;
    const r = rarity(term);
    evidence += a.specific[i] || b.specific[j] ? r : Math.min(PLAIN_CAP, r);
  }
  if (serviceWide > 0 && sharesBrand(a, b)) evidence += serviceWide;
  return evidence;
}
