import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Actor } from '../../../../src/cases/events.js';
import { canAct } from '../../../../src/cases/permissions.js';
import type { HandoffTarget } from '../../../../src/cases/verbs/handoff.js';
import { runCommand, type CommandOutcome } from '../../../../src/commands/run.js';
import { parseCommand } from '../../../../src/commands/parse.js';
import { checkHandoffChannel } from '../../channel-access.js';
import { renderOutcome } from '../../blocks/outcome.js';
import type { SlackListenerDeps } from '../../context.js';
import { slackTypedToPlain } from '../../typed-markup.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * Slack escapes people and channels in command text (`should_escape`): `<@U123|jane>` and
 * `<#C123|triage>`. Only this adapter knows that syntax.
 */
export function resolveSlackTarget(token: string, names: ReadonlyMap<string, string | null> = new Map()): HandoffTarget | null {
  const user = /^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$/.exec(token);
  if (user?.[1]) return { kind: 'user', platform: 'slack', id: user[1], name: names.get(user[1]) ?? (user[2] || null) };
  const channel = /^<#([CG][A-Z0-9]+)(?:\|([^>]*))?>$/.exec(token);
  if (channel?.[1]) return { kind: 'channel', platform: 'slack', id: channel[1], name: channel[2] || names.get(channel[1]) || null };
  return null;
}

/** Names of the people and channels a command mentions, looked up before the (synchronous) grammar runs. */
async function namesIn(text: string, people: SlackListenerDeps['people']): Promise<Map<string, string | null>> {
  const users = [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!))].slice(0, 5);
  const channels = [...new Set([...text.matchAll(/<#([CG][A-Z0-9]+)>/g)].map((m) => m[1]!))].slice(0, 5);
  // Up to five of each: a slash command must be answered within 3 s.
  const entries = await Promise.all([
    ...users.map(async (id) => [id, await people.name(id)] as const),
    ...channels.map(async (id) => [id, await people.channelName(id)] as const),
  ]);
  return new Map(entries);
}

/**
 * A hand-off to a channel is checked before anything changes: Klaxon joins a public channel it
 * is not in yet, and a private one it was never invited to is refused with how to invite it —
 * rather than recording a hand-off nobody will ever see. Null when there is nothing to refuse.
 */
async function handoffChannelRefusal(text: string, actor: Actor, deps: SlackListenerDeps, client: Args['client']): Promise<string | null> {
  const parsed = parseCommand(text, resolveSlackTarget);
  if (!parsed.ok || parsed.command.kind !== 'handoff' || parsed.command.to.kind !== 'channel') return null;
  // Someone who may not act is refused by the verb itself; they must not make Klaxon join anything.
  if (!canAct(actor, deps.cases.permissions)) return null;
  const access = await checkHandoffChannel(client, parsed.command.to.id, deps.logger);
  return access.ok ? null : `Not handed off: ${access.message}`;
}

/**
 * `/klaxon …`: every command runs through the shared grammar and verbs; the answer is the ack
 * body (Slack shows it at once), ephemeral unless it is meant for the channel.
 */
export function klaxonCommand(deps: SlackListenerDeps) {
  return async ({ ack, command, client, respond }: Args): Promise<void> => {
    // As Slack sent it: &, < and > typed are escaped, and people, channels and links are <…>
    // sequences. The grammar reads the sequences; the free text is unwrapped into plain text.
    const text = command.text ?? '';
    // A slash command must be answered within 3 s: the lookups run at once, each with a timeout.
    const [actor, names] = await Promise.all([deps.people.actor(command.user_id, command.user_name), namesIn(text, deps.people)]);
    // A failure is answered by the listeners' one error handler (listeners/guard.ts).
    const refusal = await handoffChannelRefusal(text, actor, deps, client);
    if (refusal) return await ack({ response_type: 'ephemeral', text: refusal });
    const outcome = await runCommand(
      text,
      actor,
      deps,
      (token) => resolveSlackTarget(token, names),
      (typed) => slackTypedToPlain(typed, names),
    );
    await ack(renderOutcome(outcome));
    if (outcome.kind === 'export')
      await uploadExport(outcome, { client, respond, user: command.user_id, channel: command.channel_id, logger: deps.logger });
  };
}

/**
 * `report … csv`: the file goes up after the command is acknowledged (an upload can take longer
 * than Slack's 3 seconds), through files.uploadV2 — upload URL, bytes, completion. Customer data is
 * private by default: the file goes to the person's direct messages with Klaxon unless they asked
 * to share it in the channel.
 */
async function uploadExport(
  outcome: Extract<CommandOutcome, { kind: 'export' }>,
  ctx: { client: Args['client']; respond: Args['respond']; user: string; channel: string; logger: SlackListenerDeps['logger'] },
): Promise<void> {
  try {
    let channel = ctx.channel;
    if (!outcome.public) {
      const im = await ctx.client.conversations.open({ users: ctx.user });
      channel = im.channel?.id ?? ctx.user;
    }
    await ctx.client.files.uploadV2({
      channel_id: channel,
      file: Buffer.from(outcome.csv(), 'utf8'),
      filename: outcome.filename,
      title: `Klaxon cases, last ${outcome.spec} (${outcome.rows} ${outcome.rows === 1 ? 'case' : 'cases'})`,
      initial_comment: `The cases behind \`/klaxon report ${outcome.spec}\`: one row per case opened in the window.`,
    });
  } catch (error) {
    ctx.logger.error('CSV export upload failed', { err: error });
    await ctx
      .respond({
        response_type: 'ephemeral',
        text: 'Sorry, the CSV could not be uploaded to Slack. It has been logged; try again in a moment.',
      })
      .catch(() => undefined);
  }
}
