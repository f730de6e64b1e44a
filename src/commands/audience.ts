import type { CommandOutcome } from './run.js';

/**
 * Who may see a command's answer, the same on every chat platform:
 * - `asker`: only the person who asked — it carries cases, customers' words, numbers or a
 *   download link, and the channel it was asked in may hold people who may not read them
 *   (Slack: an ephemeral answer; Teams: the asker's 1:1 chat with Klaxon);
 * - `shared`: the channel, because they asked to share it (`report … share`);
 * - `any`: no case data (help, a confirmation, a refusal): wherever the platform answers.
 */
export type AnswerAudience = 'asker' | 'shared' | 'any';

export function answerAudience(outcome: CommandOutcome): AnswerAudience {
  switch (outcome.kind) {
    case 'queue':
    case 'sla':
    case 'history':
    case 'vips':
      return 'asker';
    case 'report':
    case 'export':
      return outcome.public ? 'shared' : 'asker';
    case 'text':
      return outcome.public ? 'shared' : 'any';
    case 'help':
    case 'privacy_blocked':
      return 'any';
  }
}
