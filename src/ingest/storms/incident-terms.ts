import { issueKey } from './paraphrase.js';
import type { StormTerms } from './terms/extract.js';

/**
 * What each open incident is about: how often each anchor, brand and symptom occurs among its
 * own mentions in the storm window. Used two ways when a new mention is compared with an
 * incident's member:
 *
 * - Only the incident's *core* terms (in at least CORE_SHARE of its mentions) count as evidence,
 *   so an incident cannot drift: a report that shares "Newark" with one member of a storm about
 *   delays at "ORD" does not join it, one that shares "ORD" does.
 * - The incident's own occurrences are taken off a term's document frequency, so a storm about
 *   Manchester never makes "Manchester" look everyday to its own later reports — while "flight",
 *   common outside the incident too, stays common.
 *
 * Bounded: the most recently active incidents only, each with at most MAX_TERMS terms (a term
 * first seen after that is rare in the incident anyway).
 */
const MAX_INCIDENTS = 200;
const MAX_TERMS = 128;
const CORE_SHARE = 0.3;

interface Profile {
  size: number;
  counts: Map<string, number>;
}

export class IncidentTerms {
  /** Insertion order is recency: the least recently active incident is forgotten first. */
  readonly #byIncident = new Map<number, Profile>();

  add(incidentId: number, terms: StormTerms): void {
    let profile = this.#byIncident.get(incidentId);
    if (profile) this.#byIncident.delete(incidentId);
    else profile = { size: 0, counts: new Map() };
    this.#byIncident.set(incidentId, profile);
    profile.size += 1;
    const keys = new Set([...terms.anchors, ...terms.names, ...terms.issues.map(issueKey)]);
    for (const key of keys) {
      const n = profile.counts.get(key);
      if (n !== undefined) profile.counts.set(key, n + 1);
      else if (profile.counts.size < MAX_TERMS) profile.counts.set(key, 1);
    }
    if (this.#byIncident.size > MAX_INCIDENTS) {
      const oldest = this.#byIncident.keys().next().value;
      if (oldest !== undefined) this.#byIncident.delete(oldest);
    }
  }

  /** A member left the window. */
  remove(incidentId: number, terms: StormTerms): void {
    const profile = this.#byIncident.get(incidentId);
    if (!profile) return;
    profile.size -= 1;
    if (profile.size <= 0) {
      this.#byIncident.delete(incidentId);
      return;
    }
    for (const key of new Set([...terms.anchors, ...terms.names, ...terms.issues.map(issueKey)])) {
      const n = profile.counts.get(key);
      if (n === undefined) continue;
      if (n <= 1) profile.counts.delete(key);
      else profile.counts.set(key, n - 1);
    }
  }

  has(incidentId: number): boolean {
    return this.#byIncident.has(incidentId);
  }

  /** Occurrences of `key` among the incident's mentions (0 for an unknown incident). */
  count(incidentId: number, key: string): number {
    return this.#byIncident.get(incidentId)?.counts.get(key) ?? 0;
  }

  /** Whether `key` is what the incident is about (true for an unknown incident: nothing to hold to). */
  isCore(incidentId: number, key: string): boolean {
    const profile = this.#byIncident.get(incidentId);
    if (!profile) return true;
    return (profile.counts.get(key) ?? 0) >= Math.max(2, Math.ceil(CORE_SHARE * profile.size));
  }
}
