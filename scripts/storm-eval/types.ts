/**
 * The team's paraphrase-storm sets: storms written as people write about an outage (many words,
 * not copies) and unrelated mentions that look like them — the same city, the same brand or
 * product, the same symptom somewhere else. Written for this project; brands, places and people
 * are invented or generic.
 */
export interface StormSpec {
  /** Stable id, e.g. `telecom-manchester`. */
  id: string;
  industry: string;
  /** Minute of the first mention on the set's timeline. */
  start: number;
  texts: readonly string[];
}

export interface LookAlikeSpec {
  /** The storm it resembles (its window is where it is placed), or null for background noise. */
  like: string | null;
  /** What it shares with the storm: why it is a look-alike and not a member. */
  shares: 'city' | 'brand' | 'product' | 'symptom' | 'city+brand' | 'brand+product' | 'none';
  text: string;
}

export interface StormSet {
  name: string;
  storms: readonly StormSpec[];
  lookAlikes: readonly LookAlikeSpec[];
}
