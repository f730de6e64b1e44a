import type { Actor } from '../../src/cases/events.js';
import { escapeMrkdwn } from './blocks/text.js';

/**
 * Opaque ids that cross into the core: `slack:<channel>:<ts>` for a message, `slack:<user>` for
 * a person. Only this adapter parses them.
 */
export function messageRef(channel: string, ts: string): string {
  return `slack:${channel}:${ts}`;
}

export function parseMessageRef(ref: string): { channel: string; ts: string } {
  const match = /^slack:([^:]+):(\d+\.\d+)$/.exec(ref);
  if (!match?.[1] || !match[2]) throw new Error(`not a Slack message ref: ${ref}`);
  return { channel: match[1], ts: match[2] };
}

export function slackActor(user: { id: string; name?: string; username?: string } | string, name?: string | null): Actor {
  if (typeof user === 'string') return { id: `slack:${user}`, name: name ?? null, platform: 'slack' };
  return { id: `slack:${user.id}`, name: user.name ?? user.username ?? name ?? null, platform: 'slack' };
}

/** The Slack user id inside an actor id, if it is one of ours. */
export function slackUserId(actorId: string): string | null {
  return actorId.startsWith('slack:') ? actorId.slice('slack:'.length) : null;
}

/** A mention Slack renders as a name: `<@U123>` for users, `<!subteam^S123>` for user groups. */
export function slackMention(id: string | null | undefined): string | null {
  if (!id) return null;
  const bare = id.replace(/^slack:/, '');
  if (/^S[A-Z0-9]+$/.test(bare)) return `<!subteam^${bare}>`;
  if (/^[UW][A-Z0-9]+$/.test(bare)) return `<@${bare}>`;
  return escapeMrkdwn(bare);
}
