import { z } from 'zod';
import { chatConfig, requiredTogether } from '../../src/config/adapter-config.js';
import { chatTargetsSchema } from '../../src/config/file.js';

const optionalSecret = z.string().min(1, 'must not be empty when set').optional();
const channelId = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,79}$/i, 'must be a Slack channel id such as C0123456789')
  .optional();

/**
 * Slack's variables and its config-file section (`platforms.slack`, formerly the top-level
 * `channels`): what app/config.ts composes into the whole configuration.
 */
export const slackConfig = chatConfig({
  env: {
    SLACK_BOT_TOKEN: z
      .string()
      .regex(/^xox[bp]-/, 'must be a bot token starting with xoxb-')
      .optional(),
    SLACK_SIGNING_SECRET: optionalSecret,
    SLACK_APP_TOKEN: z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
    SLACK_API_URL: z.url({ message: 'must be an absolute URL, e.g. http://127.0.0.1:4000/api/' }).optional(),
    TRIAGE_CHANNEL: channelId,
    ESCALATION_CHANNEL: channelId,
    DIGEST_CHANNEL: channelId,
  },
  secretEnv: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'],
  /** Channel ids; the environment's TRIAGE_CHANNEL, ESCALATION_CHANNEL and DIGEST_CHANNEL win. */
  section: chatTargetsSchema,
  formerKey: 'channels',
  problems(e, file) {
    const problems = requiredTogether(e, 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET');
    if (e.SLACK_APP_TOKEN && !e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set');
    if (file && e.SLACK_BOT_TOKEN && !(e.TRIAGE_CHANNEL ?? file.platforms.slack.triage)) {
      problems.push(
        'TRIAGE_CHANNEL is required when Slack is configured (or set platforms.slack.triage in the config file): ' +
          'cards need a default channel',
      );
    }
    return problems;
  },
  targets: (e, section) => {
    const file = chatTargetsSchema.parse(section);
    return {
      triage: e.TRIAGE_CHANNEL ?? file.triage,
      escalation: e.ESCALATION_CHANNEL ?? file.escalation,
      digest: e.DIGEST_CHANNEL ?? file.digest,
    };
  },
});
