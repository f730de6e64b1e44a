import type { SourceNote } from '../../src/ports.js';
import type { SourceCapabilities } from './types.js';

/**
 * The line a source's capabilities add to a card: a deadline that runs (🕒 "Messenger window
 * closes in 3h", with its time) or the reason a reply cannot go (⛔). For a private item the
 * private reply is what matters; for a public one, a refused public reply first, then the
 * private reply's deadline. Null when there is nothing the agent needs to know.
 */
export function capabilityNote(caps: SourceCapabilities, isPrivate: boolean): SourceNote | null {
  const order = isPrivate ? [caps.privateReply] : [caps.publicReply, caps.privateReply];
  for (const cap of order) {
    if (!cap.why) continue;
    if (!cap.possible) return { text: `⛔ ${cap.why}` };
    if (cap.until) return { text: `🕒 ${cap.why}`, until: cap.until };
  }
  return null;
}
