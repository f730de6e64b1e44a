import { randomBytes } from 'node:crypto';

/**
 * Slack hands the app a `trigger_id` with every click, submission and command; `views.open`
 * needs one, and that is how Slack knows whose screen the modal goes to. The sandbox keeps the
 * same link: each trigger it sends remembers its user.
 */
export class Triggers {
  readonly #users = new Map<string, string>();
  /** Unique across runs: Klaxon's delivery dedupe (kept in the database) keys on trigger ids. */
  readonly #run = randomBytes(4).toString('hex');
  #counter = 0;

  issue(userId: string): string {
    this.#counter += 1;
    const id = `${this.#counter}.${Date.now()}.${this.#run}`;
    this.#users.set(id, userId);
    // Slack's triggers expire after three seconds; keeping the last few hundred is plenty.
    if (this.#users.size > 500) this.#users.delete(this.#users.keys().next().value!);
    return id;
  }

  userOf(triggerId: string): string | undefined {
    return this.#users.get(triggerId);
  }

  /** A fresh id for things that must never repeat (event ids, action timestamps' suffix). */
  unique(prefix: string): string {
    this.#counter += 1;
    return `${prefix}${this.#run}${String(this.#counter).padStart(6, '0')}`;
  }

  /** An `action_ts`: Slack's seconds-with-microseconds form, distinct for every click. */
  actionTs(): string {
    this.#counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.#counter % 1_000_000).padStart(6, '0')}`;
  }
}
