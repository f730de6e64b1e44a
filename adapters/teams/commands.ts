import type { Activity } from 'botbuilder';
import type { HandoffTarget } from '../../src/cases/verbs/handoff.js';
import { runCommand, type CommandOutcome } from '../../src/commands/run.js';
import type { TeamsBotDeps } from './context.js';
import { teamsActor } from './ids.js';
import { renderOutcome, type TeamsReply } from './cards/outcome.js';

interface MentionEntity {
  type: string;
  text?: string;
  mentioned?: { id: string; name?: string; aadObjectId?: string };
}

/** Teams sends message text lightly HTML-escaped (`&nbsp;`, `&amp;`). */
function decodeEntities(text: string): string {
  return text.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

export function mentionsOf(activity: Partial<Activity>): MentionEntity[] {
  return ((activity.entities ?? []) as MentionEntity[]).filter((e) => e.type === 'mention' && e.mentioned?.id);
}

export function mentionsBot(activity: Partial<Activity>): boolean {
  return mentionsOf(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
}

/**
 * The command typed after `@Klaxon`. Other mentions (`<at>Jane Doe</at>`, a channel mention) may
 * hold spaces, so each becomes one `@mention<n>` token the grammar sees as a single word;
 * `resolveTarget` turns it back into the person or channel it names.
 */
export function commandText(activity: Partial<Activity>, deps: Pick<TeamsBotDeps, 'conversations'>): { text: string; resolveTarget: (token: string) => HandoffTarget | null } {
  let text = decodeEntities(activity.text ?? '');
  const targets = new Map<string, HandoffTarget>();
  mentionsOf(activity).forEach((m, i) => {
    const tag = m.text ?? `<at>${m.mentioned?.name ?? ''}</at>`;
    const mentioned = m.mentioned!;
    if (mentioned.id === activity.recipient?.id) {
      text = text.split(tag).join(' ');
      return;
    }
    const token = `@mention${i}`;
    text = text.split(tag).join(` ${token} `);
    if (/@thread\./.test(mentioned.id)) {
      targets.set(token, { kind: 'channel', platform: 'teams', id: mentioned.id });
    } else {
      // A person mentioned in a conversation is of that conversation's organisation (until they write themselves).
      const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? null;
      const known = deps.conversations.user(mentioned.id) ?? (tenantId ? deps.conversations.rememberUser({ id: mentioned.id, name: mentioned.name ?? null, aadObjectId: mentioned.aadObjectId ?? null }, undefined, tenantId) : null);
      targets.set(token, { kind: 'user', platform: 'teams', id: known?.aadObjectId ?? mentioned.aadObjectId ?? mentioned.id, name: mentioned.name ?? known?.name ?? null });
    }
  });
  // Whatever markup is left (a mention without an entity) is not part of the command.
  text = text.replace(/<\/?at>/g, '').replace(/\s+/g, ' ').trim();
  const resolveTarget = (token: string): HandoffTarget | null => {
    const mentioned = targets.get(token);
    if (mentioned) return mentioned;
    if (token.startsWith('#')) {
      const channel = deps.conversations.resolve(token.slice(1));
      if (channel?.kind === 'channel') return { kind: 'channel', platform: 'teams', id: channel.conversationId };
    }
    return null;
  };
  return { text, resolveTarget };
}

/**
 * `@Klaxon …`: the same grammar and verbs as Slack's `/klaxon`. Teams has no ephemeral messages
 * in channels, so the answer is a reply in the command's thread.
 */
export function runTeamsCommand(activity: Partial<Activity>, deps: TeamsBotDeps): TeamsReply {
  const actor = teamsActor({ id: activity.from?.id ?? 'unknown', name: activity.from?.name ?? null, aadObjectId: activity.from?.aadObjectId ?? null });
  const { text, resolveTarget } = commandText(activity, deps);
  let outcome: CommandOutcome;
  try {
    outcome = runCommand(text, actor, deps, resolveTarget);
  } catch (error) {
    deps.logger.error('teams command failed', { err: error, command: text.split(' ')[0] });
    return { text: 'Sorry, that did not work because of an internal error. It has been logged.' };
  }
  return renderOutcome(outcome);
}
