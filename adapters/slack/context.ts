import type { CommandDeps } from '../../src/commands/run.js';
import type { CaseContext } from '../../src/cases/context.js';
import type { VipDirectory } from '../../src/cases/vip-directory.js';
import type { SavedReply } from '../../src/config/file.js';
import type { Logger } from '../../src/log.js';
import type { SlackPeople } from './people.js';

/** What every Slack listener needs, injected once (never read from the environment at request time). */
export interface SlackListenerDeps {
  cases: CaseContext;
  logger: Logger;
  vips: VipDirectory;
  savedReplies: readonly SavedReply[];
  /** Default of the "sign with my initials" box and of replies sent by command. */
  signReplies: boolean;
  /** Queues the digest now (null when no digest channel is configured); returns where it goes. */
  requestDigest: (() => Promise<string>) | null;
  /** Names for user and channel ids (users.info, conversations.info), cached. */
  people: SlackPeople;
  /** Signed download links for `report … csv` (Slack uploads the file itself; unused there). */
  exports?: CommandDeps['exports'];
}
