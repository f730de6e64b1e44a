/**
 * What a spike alert carries to a chat platform: plain data, rendered by each adapter. Kept apart
 * from the detector so ports and intents can name it without importing the detector.
 */

/** One rule that fired: a negative surge (per source or overall) or a theme cluster. */
export interface SpikeTrigger {
  kind: 'negative' | 'theme';
  /** 'all', a source name ('twitter'), or a theme key ('outage'). */
  scope: string;
  /** Words for people: "all sources", "twitter", "outage". */
  label: string;
  /** Mentions counted in the window ending at `at`. */
  count: number;
  windowMinutes: number;
  /** Expected count per window (EWMA), for comparison; null when unknown. */
  baseline: number | null;
  /** The count at which this rule fires (the alert ends once the count drops below it). */
  threshold: number;
}

export interface SpikeSample {
  source: string;
  authorHandle: string | null;
  authorFollowers: number | null;
  text: string;
  createdAt: string;
  /** The case the mention belongs to, when it opened or joined one. */
  caseId: number | null;
}

export interface SpikeAlert {
  /** ISO instant the spike was detected. */
  at: string;
  triggers: SpikeTrigger[];
  /** Up to three example mentions, highest score first. */
  samples: SpikeSample[];
}
