/**
 * Bot Framework activities as Teams sends them to `/api/messages`, built with typed defaults
 * (shapes taken from Teams' documented payloads: channelData.team/channel/tenant, mention
 * entities, `adaptiveCard/action` invokes).
 */

export const TENANT = 'tenant-contoso';
export const BOT = { id: '28:klaxon-bot', name: 'Klaxon' };
export const TEAM = { id: '19:general@thread.tacv2', name: 'Contoso Support', aadGroupId: '00000000-0000-4000-8000-00000000c0de' };
export const TRIAGE = '19:triage@thread.tacv2';
export const ESCALATIONS = '19:escalations@thread.tacv2';

export interface TeamsPerson {
  id: string;
  name: string;
  aadObjectId: string;
}

export const alice: TeamsPerson = { id: '29:alice', name: 'Alice Agent', aadObjectId: 'aad-alice' };
export const bob: TeamsPerson = { id: '29:bob', name: 'Bob Builder', aadObjectId: 'aad-bob' };
export const eve: TeamsPerson = { id: '29:eve', name: 'Eve Outsider', aadObjectId: 'aad-eve' };

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

function channelData(channelId: string, extra: Record<string, unknown> = {}) {
  return { tenant: { id: TENANT }, team: { ...TEAM }, channel: { id: channelId }, ...extra };
}

function base(serviceUrl: string, conversationId: string, from: TeamsPerson) {
  return {
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    timestamp: new Date().toISOString(),
    locale: 'en-US',
  };
}

/** The bot added to a team: Teams sends this in the team's General channel. */
export function botAddedToTeam(serviceUrl: string, by: TeamsPerson = alice) {
  return {
    ...base(serviceUrl, TEAM.id, by),
    type: 'conversationUpdate',
    id: nextId('install'),
    membersAdded: [{ id: BOT.id }],
    channelData: channelData(TEAM.id, { eventType: 'teamMemberAdded' }),
  };
}

/** `@Klaxon <text>` posted in a channel; other mentions are given as `<at>Name</at>` with their person. */
export function mentionCommand(
  serviceUrl: string,
  text: string,
  from: TeamsPerson,
  opts: { channel?: string; mentions?: TeamsPerson[] } = {},
) {
  const id = nextId('msg');
  const channel = opts.channel ?? TRIAGE;
  const others = (opts.mentions ?? []).map((p) => ({ type: 'mention', text: `<at>${p.name}</at>`, mentioned: { id: p.id, name: p.name } }));
  return {
    ...base(serviceUrl, `${channel};messageid=${id}`, from),
    type: 'message',
    id,
    text: `<at>Klaxon</at> ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: '<at>Klaxon</at>', mentioned: BOT }, ...others],
    channelData: channelData(channel),
  };
}

/** A reply typed under a card in its channel thread (no mention). */
export function threadReply(serviceUrl: string, text: string, from: TeamsPerson, channel: string, rootId: string) {
  const id = nextId('reply');
  return {
    ...base(serviceUrl, `${channel};messageid=${rootId}`, from),
    type: 'message',
    id,
    replyToId: rootId,
    text,
    channelData: channelData(channel),
  };
}

/** A click on an Action.Execute button: `data` is the action's data merged with the card's inputs. */
export function cardAction(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  from: TeamsPerson,
  card: { channel: string; activityId: string },
  id = nextId('invoke'),
) {
  return {
    ...base(serviceUrl, `${card.channel};messageid=${card.activityId}`, from),
    type: 'invoke',
    name: 'adaptiveCard/action',
    id,
    replyToId: card.activityId,
    value: { action: { type: 'Action.Execute', verb, data: { ...data, klaxonVerb: verb } }, trigger: 'manual' },
    channelData: channelData(card.channel),
  };
}

/** A channel of the team deleted: Teams tells the bot in the team's General conversation. */
export function channelDeleted(serviceUrl: string, channel: { id: string; name: string }, by: TeamsPerson = alice) {
  return {
    ...base(serviceUrl, TEAM.id, by),
    type: 'conversationUpdate',
    id: nextId('channel-deleted'),
    channelData: channelData(TEAM.id, { eventType: 'channelDeleted', channel: { id: channel.id, name: channel.name } }),
  };
}
