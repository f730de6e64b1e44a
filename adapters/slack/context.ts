import type { ChatDeps } from '../../src/chat/deps.js';
import type { SlackPeople } from './people.js';

/** What every Slack listener needs: the chat flows' dependencies and Slack's name look-ups. */
export interface SlackListenerDeps extends ChatDeps {
  /** Names for user and channel ids (users.info, conversations.info), cached. */
  people: SlackPeople;
}
