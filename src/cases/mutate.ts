import type { Actor } from './events.js';

// The case writes live in the case store; these names stay importable from here for the verbs.
export { applyChange, loadCase, notifyCardChanged, type Change } from './store.js';

/**
 * How a person is named in thread lines and notices. Adapters resolve names (Slack's users.info,
 * Teams' activity); when none is known the line says "a teammate" rather than show a platform id.
 */
export function actorLabel(actor: Actor): string {
  return actor.name ?? (actor.id.includes(':') ? 'a teammate' : actor.id);
}
