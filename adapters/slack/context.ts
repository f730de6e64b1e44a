import type { CaseContext } from '../../src/cases/context.js';
import type { Logger } from '../../src/log.js';

/** What every Slack listener needs, injected once (never read from the environment at request time). */
export interface SlackListenerDeps {
  cases: CaseContext;
  logger: Logger;
}
