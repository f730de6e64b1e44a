import { TeamsInfo, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Logger } from '../../src/log.js';
import type { ConversationStore, StoredConversation } from './conversations.js';
import { baseConversationId } from './ids.js';

interface TeamsChannelData {
  eventType?: string;
  team?: { id?: string; name?: string; aadGroupId?: string };
  channel?: { id?: string; name?: string };
  tenant?: { id?: string };
}

function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

/** The reference that reaches a conversation later, without the activity it was taken from. */
function referenceFor(activity: Partial<Activity>, conversationId: string): Partial<ConversationReference> {
  const ref = TurnContext.getConversationReference(activity);
  const { activityId: _activityId, ...rest } = ref;
  return { ...rest, conversation: { ...ref.conversation!, id: conversationId } };
}

/** The General channel has the team's id and no name of its own. */
function channelNameOf(id: string, data: TeamsChannelData, override?: { channelName?: string | null }): string | null {
  const named = override ? override.channelName : data.channel?.id === id ? data.channel.name : null;
  return named || (id === data.team?.id ? 'General' : null);
}

/** A stored conversation for the conversation an activity came from. */
export function conversationOf(activity: Partial<Activity>, override?: { id: string; channelName?: string | null }): StoredConversation {
  const data = channelDataOf(activity);
  const type = activity.conversation?.conversationType;
  const kind = type === 'personal' ? 'personal' : type === 'groupChat' ? 'groupChat' : 'channel';
  const id = override?.id ?? baseConversationId(activity.conversation?.id ?? '');
  const teamName = data.team?.name ?? null;
  const channelName = kind === 'channel' ? channelNameOf(id, data, override) : null;
  const name =
    kind === 'channel'
      ? teamName && channelName
        ? `${teamName}/${channelName}`
        : channelName
      : kind === 'groupChat'
        ? (activity.conversation?.name ?? null)
        : null;
  return {
    conversationId: id,
    kind,
    name,
    teamId: data.team?.id ?? null,
    teamName,
    teamAadGroupId: data.team?.aadGroupId ?? null,
    channelName,
    tenantId: data.tenant?.id ?? activity.conversation?.tenantId ?? null,
    userId: kind === 'personal' ? (activity.from?.aadObjectId ?? activity.from?.id ?? null) : null,
    reference: referenceFor(activity, id),
  };
}

/**
 * Learns where the bot may post proactively: when it is added to a team (every channel of the
 * team, listed through the connector), a group chat or a personal chat, and when channels are
 * created, renamed or deleted. Removal forgets them.
 */
export class InstallTracker {
  constructor(
    private readonly store: ConversationStore,
    private readonly logger: Logger,
  ) {}

  /** Any activity refreshes its conversation (service URLs can move) and remembers who sent it. */
  touch(activity: Partial<Activity>): void {
    const conversation = conversationOf(activity);
    if (!conversation.conversationId) return;
    const stored = this.store.get(conversation.conversationId);
    if (!stored || stored.reference.serviceUrl !== conversation.reference.serviceUrl)
      this.store.save(stored ? { ...stored, reference: conversation.reference } : conversation);
    if (activity.from?.id && activity.from.id !== activity.recipient?.id) {
      this.store.rememberUser(
        { id: activity.from.id, name: activity.from.name ?? null, aadObjectId: activity.from.aadObjectId ?? null },
        conversation.kind === 'personal' ? conversation.conversationId : undefined,
        conversation.tenantId,
      );
    }
  }

  async installed(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const conversation = conversationOf(activity);
    this.store.save(conversation);
    this.logger.info('Teams conversation stored', {
      kind: conversation.kind,
      conversation: conversation.conversationId,
      name: conversation.name,
    });
    if (conversation.kind === 'personal' && activity.from)
      this.store.rememberUser(
        { id: activity.from.id, name: activity.from.name ?? null, aadObjectId: activity.from.aadObjectId ?? null },
        conversation.conversationId,
        conversation.tenantId,
      );
    const teamId = conversation.teamId;
    if (conversation.kind !== 'channel' || !teamId) return;
    try {
      const channels = await TeamsInfo.getTeamChannels(context, teamId);
      for (const channel of channels) {
        if (!channel.id) continue;
        this.store.save(conversationOf(activity, { id: channel.id, channelName: channel.name ?? null }));
      }
    } catch (error) {
      // The General channel is stored; others are learnt as they are used or created.
      this.logger.warn('could not list the team’s channels', { teamId, err: error });
    }
  }

  uninstalled(activity: Partial<Activity>): void {
    const conversation = conversationOf(activity);
    const gone = conversation.teamId ? this.store.channelsOfTeam(conversation.teamId).map((c) => c.conversationId) : [];
    for (const id of new Set([conversation.conversationId, ...gone])) this.store.remove(id);
    this.logger.info('Teams conversation forgotten', { conversation: conversation.conversationId, channels: gone.length });
  }

  /** Teams channel events arrive as conversationUpdate with `channelData.eventType`. */
  channelEvent(activity: Partial<Activity>): void {
    const data = channelDataOf(activity);
    const channelId = data.channel?.id;
    switch (data.eventType) {
      case 'channelCreated':
      case 'channelRenamed':
      case 'channelRestored':
        if (channelId) this.store.save(conversationOf(activity, { id: channelId, channelName: data.channel?.name ?? null }));
        return;
      case 'channelDeleted':
        if (channelId) this.store.remove(channelId);
        return;
      case 'teamRenamed':
        if (data.team?.id) {
          for (const c of this.store.channelsOfTeam(data.team.id))
            this.store.save(conversationOf(activity, { id: c.conversationId, channelName: c.channelName }));
        }
        return;
    }
  }
}
