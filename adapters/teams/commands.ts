import type { Activity } from 'botbuilder';
import type { HandoffTarget } from '../../src/cases/verbs/handoff.js';
import { answerAudience, type AnswerAudience } from '../../src/commands/audience.js';
import { runCommand, type CommandOutcome } from '../../src/commands/run.js';
import type { TeamsBotDeps } from './context.js';
import type { KnownUser } from './conversations.js';
import { teamsActor } from './ids.js';
import { renderOutcome, type TeamsReply } from './cards/outcome.js';
import { customerText, type MarkupPart } from '../../src/replies/customer-text.js';
import { parseTeamsTyped, type MentionEntity } from './typed-markup.js';
import { tellPerson } from '../../src/chat/failure.js';

export function mentionsOf(activity: Partial<Activity>): MentionEntity[] {
  return ((activity.entities ?? []) as MentionEntity[]).filter((e) => e.type === 'mention' && e.mentioned?.id);
}

export function mentionsBot(activity: Partial<Activity>): boolean {
  return mentionsOf(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
}

const TOKEN = /@mention\d+/g;

/**
 * The command typed after `@Klaxon`, read from the message's HTML (entities, links, paragraphs:
 * see typed-markup.ts). Other mentions (`<at>Jane Doe</at>`, a channel mention) may hold
 * spaces, so each becomes one `@mention<n>` token the grammar sees as a single word;
 * `resolveTarget` turns it back into the person or channel it names, and `toPlain` into their
 * name when it is part of free text (a reply, a note).
 */
export function commandText(
  activity: Partial<Activity>,
  deps: Pick<TeamsBotDeps, 'conversations'>,
): { text: string; resolveTarget: (token: string) => HandoffTarget | null; toPlain: (typed: string) => string } {
  const targets = new Map<string, HandoffTarget>();
  const named = new Map<string, MarkupPart>();
  // Every person mentioned is of this conversation's organisation (until they write themselves):
  // remembered whether or not the command uses them, so a later chat with them opens there.
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const tenantId = activity.conversation?.tenantId ?? channelData?.tenant?.id ?? null;
  const people = new Map<string, KnownUser | null>();
  for (const { mentioned } of mentionsOf(activity)) {
    if (!mentioned || mentioned.id === activity.recipient?.id || /@thread\./.test(mentioned.id) || people.has(mentioned.id)) continue;
    const person = { id: mentioned.id, name: mentioned.name ?? null, aadObjectId: mentioned.aadObjectId ?? null };
    const known = deps.conversations.user(mentioned.id) ?? (tenantId ? deps.conversations.rememberUser(person, undefined, tenantId) : null);
    people.set(mentioned.id, known);
  }
  const parts: MarkupPart[] = parseTeamsTyped(activity.text ?? '', mentionsOf(activity)).map((part): MarkupPart => {
    if (part.kind !== 'at') return part;
    const mentioned = part.entity?.mentioned;
    // A mention without an entity is only its text; the bot's own mention is not part of the command.
    if (!mentioned) return { kind: 'text', text: part.name };
    if (mentioned.id === activity.recipient?.id) return { kind: 'text', text: ' ' };
    const token = `@mention${named.size}`;
    if (/@thread\./.test(mentioned.id)) {
      targets.set(token, { kind: 'channel', platform: 'teams', id: mentioned.id });
      named.set(token, { kind: 'channel', name: mentioned.name ?? part.name });
    } else {
      const known = people.get(mentioned.id) ?? null;
      const name = mentioned.name ?? known?.name ?? part.name;
      targets.set(token, { kind: 'user', platform: 'teams', id: known?.aadObjectId ?? mentioned.aadObjectId ?? mentioned.id, name });
      named.set(token, { kind: 'person', name });
    }
    return { kind: 'text', text: ` ${token} ` };
  });
  const text = customerText(parts);
  const resolveTarget = (token: string): HandoffTarget | null => {
    const mentioned = targets.get(token);
    if (mentioned) return mentioned;
    if (token.startsWith('#')) {
      // A name that fits several channels names none of them: the grammar then asks for a mention.
      const channel = deps.conversations.resolveOrNull(token.slice(1));
      if (channel?.kind === 'channel') return { kind: 'channel', platform: 'teams', id: channel.conversationId };
    }
    return null;
  };
  const toPlain = (typed: string): string => {
    const out: MarkupPart[] = [];
    let at = 0;
    for (const m of typed.matchAll(TOKEN)) {
      out.push({ kind: 'text', text: typed.slice(at, m.index) }, named.get(m[0]) ?? { kind: 'text', text: m[0] });
      at = m.index + m[0].length;
    }
    out.push({ kind: 'text', text: typed.slice(at) });
    return customerText(out);
  };
  return { text, resolveTarget, toPlain };
}

/**
 * `@Klaxon …`: the same grammar and verbs as Slack's `/klaxon`, with who may see the answer
 * (`answerAudience`): Teams has no ephemeral messages in channels, so the bot sends an answer
 * for the asker alone to their 1:1 chat, and anything else in the command's thread.
 */
export async function runTeamsCommand(activity: Partial<Activity>, deps: TeamsBotDeps): Promise<TeamsReply & { audience: AnswerAudience }> {
  const actor = teamsActor({
    id: activity.from?.id ?? 'unknown',
    name: activity.from?.name ?? null,
    aadObjectId: activity.from?.aadObjectId ?? null,
  });
  const { text, resolveTarget, toPlain } = commandText(activity, deps);
  let outcome: CommandOutcome;
  try {
    outcome = await runCommand(text, actor, deps, resolveTarget, toPlain);
  } catch (error) {
    // runCommand answers refusals itself: what reaches here is logged, and the asker gets the apology.
    return { text: tellPerson(error, deps.logger, 'Teams command'), audience: 'any' };
  }
  return { ...renderOutcome(outcome), audience: answerAudience(outcome) };
}
