import { sourceConfig } from '../../src/config/adapter-config.js';
import { plainVariables } from '../source-kit/settings.js';

/**
 * E-mail's variables (docs/CONTRACT.md §9), checked by emailSettings. Its section, `sources.email`,
 * takes nothing but what every source takes (a reply webhook, unused once SMTP answers).
 */
export const emailConfig = sourceConfig({
  label: 'e-mail',
  env: plainVariables(['IMAP_URL', 'SMTP_URL', 'EMAIL_FROM', 'EMAIL_INBOUND_SECRET']),
  secretEnv: ['IMAP_URL', 'SMTP_URL', 'EMAIL_INBOUND_SECRET'],
});
