import type { CaseContext } from '../cases/context.js';
import type { VipDirectory } from '../cases/vip-directory.js';
import type { CommandDeps } from '../commands/run.js';
import type { SavedReply } from '../config/file.js';
import type { Logger } from '../log.js';

/**
 * What every chat platform's handlers need, injected once by the composition root (never read
 * from the environment at request time). Each adapter adds only what its platform has: Slack its
 * name look-ups, Teams its conversation store and 1:1 chats.
 */
export interface ChatDeps {
  cases: CaseContext;
  logger: Logger;
  vips: VipDirectory;
  savedReplies: readonly SavedReply[];
  /** Default of the "sign with my initials" box and of replies sent by command. */
  signReplies: boolean;
  /** Queues the digest now (null when no digest channel is configured); returns where it goes. */
  requestDigest: (() => string) | null;
  /** Signed download links for `report … csv` (Teams answers with the link; Slack uploads the file itself). */
  exports?: CommandDeps['exports'];
}
