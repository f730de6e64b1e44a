import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/log.js';
import { slackErrorCode } from './errors.js';

export type ChannelAccess = { ok: true; joined: boolean } | { ok: false; code: string; message: string };

const INVITE = 'In that channel, type /invite @klaxon (or add Klaxon from the channel’s settings), then try again.';

/** Why Klaxon cannot post in a channel, in words for the person who asked, with the fix. */
export function accessMessage(code: string): string {
  switch (code) {
    case 'is_archived':
      return 'That channel is archived: choose another one.';
    case 'channel_not_found':
      return `Klaxon cannot see that channel: it is private and Klaxon was never invited (or it was deleted). ${INVITE}`;
    default:
      return `Klaxon is not in that channel and, as it is private, only an invitation can add it. ${INVITE}`;
  }
}

/**
 * Makes sure the bot can post in a channel before work is sent there: a member already, or it
 * joins now if the channel is public (`conversations.join`, scope `channels:join`). A private
 * channel cannot be joined, only invited to, and a bot outside it cannot even see it
 * (`channel_not_found`): that comes back as a refusal saying how to invite Klaxon.
 */
export async function ensureChannelAccess(client: WebClient, channel: string): Promise<ChannelAccess> {
  // Direct messages and user ids need no membership.
  if (!/^[CG][A-Z0-9]+$/.test(channel)) return { ok: true, joined: false };
  let info: Awaited<ReturnType<WebClient['conversations']['info']>>;
  try {
    info = await client.conversations.info({ channel });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'channel_not_found') return { ok: false, code, message: accessMessage(code) };
    throw error;
  }
  const c = info.channel;
  if (c?.is_archived) return { ok: false, code: 'is_archived', message: accessMessage('is_archived') };
  if (c?.is_member) return { ok: true, joined: false };
  if (c?.is_private) return { ok: false, code: 'not_in_channel', message: accessMessage('not_in_channel') };
  return joinChannel(client, channel);
}

/**
 * The check before a hand-off to a channel. When it cannot be made (Slack unreachable, a scope
 * missing) the hand-off goes ahead: its notice confirms it or, refused, reverts it.
 */
export async function checkHandoffChannel(client: WebClient, channel: string, logger: Logger): Promise<ChannelAccess> {
  return ensureChannelAccess(client, channel).catch((error: unknown) => {
    logger.warn('could not check a hand-off channel; the hand-off will be confirmed when its notice is delivered', { err: error });
    return { ok: true, joined: false };
  });
}

/** Joins a public channel; a private or vanished one is a refusal with the fix. */
export async function joinChannel(client: WebClient, channel: string): Promise<ChannelAccess> {
  try {
    await client.conversations.join({ channel });
    return { ok: true, joined: true };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'method_not_supported_for_channel_type')
      return { ok: false, code: 'not_in_channel', message: accessMessage('not_in_channel') };
    if (code === 'channel_not_found' || code === 'is_archived') return { ok: false, code, message: accessMessage(code) };
    throw error;
  }
}
