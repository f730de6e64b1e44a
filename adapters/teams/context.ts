import type { Activity } from 'botbuilder';
import type { CommandDeps } from '../../src/commands/run.js';
import type { CaseContext } from '../../src/cases/context.js';
import type { VipDirectory } from '../../src/cases/vip-directory.js';
import type { SavedReply } from '../../src/config/file.js';
import type { Logger } from '../../src/log.js';
import type { ConversationStore } from './conversations.js';

/** What every Teams handler needs, injected once (never read from the environment at request time). */
export interface TeamsBotDeps {
  cases: CaseContext;
  logger: Logger;
  vips: VipDirectory;
  savedReplies: readonly SavedReply[];
  /** Default of the "sign with my initials" toggle and of replies sent by command. */
  signReplies: boolean;
  /** Queues the digest now (null when no digest channel is configured); returns where it goes. */
  requestDigest: (() => Promise<string>) | null;
  conversations: ConversationStore;
  /** Signed download links for `report … csv` (Teams gets a link, not a file). */
  exports?: CommandDeps['exports'];
  /** Sends a message to a person's 1:1 chat with Klaxon (opened if needed): answers for them alone. */
  sendPrivately: (userId: string, activity: Partial<Activity>) => Promise<void>;
}

/** The handler-facing subset the command grammar needs. */
export type TeamsListenerDeps = Omit<TeamsBotDeps, 'logger' | 'conversations' | 'sendPrivately'>;
