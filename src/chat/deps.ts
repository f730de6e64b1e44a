import type { ChatListeners } from '../adapter-modules.js';
import type { Logger } from '../log.js';

/**
 * What every chat platform's handlers need: what the composition root gives each chat adapter
 * (ChatListeners), and the adapter's logger. Each adapter adds only what its platform has: Slack
 * its name look-ups, Teams its conversation store and 1:1 chats.
 */
export interface ChatDeps extends ChatListeners {
  logger: Logger;
}
