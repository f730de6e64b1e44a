import type { SourceAdapterModule, WiredSourceAdapter as SourceAdapter } from '../../src/adapter-modules.js';
import { kvCursorStore } from '../source-kit/kv-cursors.js';
import { sinkSourcePort } from '../source-kit/port.js';
import { createEmailAdapter, type EmailAdapter } from './index.js';
import { emailSettings, type EmailSettings } from './settings.js';

/** E-mail for the registry: IMAP and/or a provider's inbound webhook in, SMTP out. */
export const emailModule = {
  id: 'email',
  settings: (env) =>
    emailSettings({
      IMAP_URL: env.IMAP_URL,
      SMTP_URL: env.SMTP_URL,
      EMAIL_FROM: env.EMAIL_FROM,
      EMAIL_INBOUND_SECRET: env.EMAIL_INBOUND_SECRET,
    }),
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
