import type { SourceAdapterModule, WiredSourceAdapter as SourceAdapter } from '../../src/adapter-modules.js';
import { kvCursorStore } from '../source-kit/kv-cursors.js';
import { sinkSourcePort } from '../source-kit/port.js';
import { createEmailAdapter, type EmailAdapter } from './index.js';
import { emailSettings, type EmailSettings } from './settings.js';
import { envOf } from '../../src/config/adapter-config.js';
import { emailConfig } from './config.js';

/** E-mail for the registry: IMAP and/or a provider's inbound webhook in, SMTP out. */
export const emailModule = {
  id: 'email',
  settings: (env) => emailSettings(envOf(emailConfig, env)),
  create(deps): SourceAdapter<EmailAdapter> {
    const { settings, db, clock, metrics } = deps;
    const email = createEmailAdapter({
      settings,
      clock,
      logger: deps.logger.child({ source: 'email' }),
      metrics,
      cursors: kvCursorStore(db, 'email', clock),
    });
    // Every e-mail is private, and no length limit applies: the card has nothing to add.
    return sinkSourcePort('email', email, { sink: deps.sink, replyBudget: null, notes: false });
  },
} satisfies SourceAdapterModule<EmailSettings, SourceAdapter<EmailAdapter>>;
