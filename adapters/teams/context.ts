import type { Activity } from 'botbuilder';
import type { ChatDeps } from '../../src/chat/deps.js';
import type { ConversationStore } from './conversations.js';

/** What every Teams handler needs: the chat flows' dependencies, where Klaxon may post, and 1:1 chats. */
export interface TeamsBotDeps extends ChatDeps {
  conversations: ConversationStore;
  /** Sends a message to a person's 1:1 chat with Klaxon (opened if needed): answers for them alone. */
  sendPrivately: (userId: string, activity: Partial<Activity>) => Promise<void>;
}

/** The handler-facing subset the command grammar needs. */
export type TeamsListenerDeps = Omit<TeamsBotDeps, 'logger' | 'conversations' | 'sendPrivately'>;
