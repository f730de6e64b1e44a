import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { HandoffTarget } from '../../../../src/cases/verbs/handoff.js';
import { runCommand } from '../../../../src/commands/run.js';
import { renderOutcome } from '../../blocks/outcome.js';
import type { SlackListenerDeps } from '../../context.js';
import { slackActor } from '../../ids.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * Slack escapes people and channels in command text (`should_escape`): `<@U123|jane>` and
 * `<#C123|triage>`. Only this adapter knows that syntax.
 */
export function resolveSlackTarget(token: string): HandoffTarget | null {
  const user = /^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$/.exec(token);
  if (user?.[1]) return { kind: 'user', platform: 'slack', id: user[1], name: user[2] || null };
  const channel = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  if (channel?.[1]) return { kind: 'channel', platform: 'slack', id: channel[1] };
  return null;
}

/**
 * `/klaxon …`: every command runs through the shared grammar and verbs; the answer is the ack
 * body (Slack shows it at once), ephemeral unless it is meant for the channel.
 */
export function klaxonCommand(deps: SlackListenerDeps) {
  return async ({ ack, command }: Args): Promise<void> => {
    const actor = slackActor(command.user_id, command.user_name);
    let message;
    try {
      message = renderOutcome(runCommand(command.text ?? '', actor, deps, resolveSlackTarget));
    } catch (error) {
      deps.logger.error('slash command failed', { err: error, command: (command.text ?? '').split(/\s+/)[0] });
      message = { response_type: 'ephemeral' as const, text: 'Sorry, that did not work because of an internal error. It has been logged.' };
    }
    await ack(message);
  };
}
