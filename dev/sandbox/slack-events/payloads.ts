import type { SandboxUser } from '../people.js';

/**
 * The request bodies Slack sends an app, built the way Slack builds them (shapes from Slack's
 * interactivity, slash command and Events API documentation), trimmed to what apps read.
 */

export const SANDBOX_TEAM = { id: 'TSANDBOX', domain: 'klaxon-sandbox' } as const;
export const SANDBOX_APP_ID = 'ASANDBOX';
/** Slack still sends the deprecated verification token; Bolt ignores it when signing is on. */
const LEGACY_TOKEN = 'sandbox-verification-token';

/** A block element as Slack reports it inside `actions[]`. */
export interface ActionElement {
  type: string;
  action_id: string;
  block_id: string;
  action_ts: string;
  text?: unknown;
  value?: string;
  style?: string;
  selected_option?: unknown;
  selected_options?: unknown[];
  selected_user?: string | null;
  selected_conversation?: string | null;
  selected_channel?: string | null;
}

/** A view as Slack sends it back to the app: what it opened, plus the state typed into it. */
export interface ViewPayload {
  id: string;
  hash: string;
  type: string;
  callback_id?: string;
  private_metadata?: string;
  title?: unknown;
  blocks?: unknown[];
  state: { values: Record<string, Record<string, unknown>> };
  previous_view_id?: string | null;
  root_view_id?: string | null;
  [key: string]: unknown;
}

function user(u: SandboxUser) {
  return { id: u.id, username: u.name, name: u.name, team_id: SANDBOX_TEAM.id };
}

function form(payload: unknown): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export interface MessageContainer {
  channel: { id: string; name: string };
  messageTs: string;
  threadTs?: string | null;
  isEphemeral: boolean;
  message: Record<string, unknown>;
}

/** A click (or select) on a message's interactive element: `block_actions` from a message. */
export function messageActionBody(input: {
  user: SandboxUser;
  container: MessageContainer;
  action: ActionElement;
  triggerId: string;
  responseUrl: string;
}): string {
  const c = input.container;
  return form({
    type: 'block_actions',
    user: user(input.user),
    api_app_id: SANDBOX_APP_ID,
    token: LEGACY_TOKEN,
    container: {
      type: 'message',
      message_ts: c.messageTs,
      channel_id: c.channel.id,
      is_ephemeral: c.isEphemeral,
      ...(c.threadTs ? { thread_ts: c.threadTs } : {}),
    },
    trigger_id: input.triggerId,
    team: SANDBOX_TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: c.channel,
    message: c.message,
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [input.action],
  });
}

/** An interactive element inside an open modal (`dispatch_action` inputs, selects). */
export function viewActionBody(input: { user: SandboxUser; view: ViewPayload; action: ActionElement; triggerId: string }): string {
  return form({
    type: 'block_actions',
    user: user(input.user),
    api_app_id: SANDBOX_APP_ID,
    token: LEGACY_TOKEN,
    container: { type: 'view', view_id: input.view.id },
    trigger_id: input.triggerId,
    team: SANDBOX_TEAM,
    enterprise: null,
    is_enterprise_install: false,
    view: input.view,
    actions: [input.action],
  });
}

/** The person pressed a modal's submit button. */
export function viewSubmissionBody(input: { user: SandboxUser; view: ViewPayload; triggerId: string }): string {
  return form({
    type: 'view_submission',
    team: SANDBOX_TEAM,
    user: user(input.user),
    api_app_id: SANDBOX_APP_ID,
    token: LEGACY_TOKEN,
    trigger_id: input.triggerId,
    view: input.view,
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

/** The person closed a modal that asked to be told (`notify_on_close`). */
export function viewClosedBody(input: { user: SandboxUser; view: ViewPayload; isCleared: boolean }): string {
  return form({
    type: 'view_closed',
    team: SANDBOX_TEAM,
    user: user(input.user),
    api_app_id: SANDBOX_APP_ID,
    token: LEGACY_TOKEN,
    view: input.view,
    is_cleared: input.isCleared,
    is_enterprise_install: false,
    enterprise: null,
  });
}

/** A slash command, form-encoded as Slack posts it. */
export function slashCommandBody(input: {
  user: SandboxUser;
  channel: { id: string; name: string };
  command: string;
  text: string;
  triggerId: string;
  responseUrl: string;
}): string {
  return new URLSearchParams({
    token: LEGACY_TOKEN,
    team_id: SANDBOX_TEAM.id,
    team_domain: SANDBOX_TEAM.domain,
    channel_id: input.channel.id,
    channel_name: input.channel.name,
    user_id: input.user.id,
    user_name: input.user.name,
    command: input.command,
    text: input.text,
    api_app_id: SANDBOX_APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  }).toString();
}

/** An Events API delivery (`event_callback`), JSON. */
export function eventCallback(input: {
  event: Record<string, unknown>;
  eventId: string;
  botUserId: string;
  nowSeconds: number;
}): Record<string, unknown> {
  return {
    token: LEGACY_TOKEN,
    team_id: SANDBOX_TEAM.id,
    api_app_id: SANDBOX_APP_ID,
    type: 'event_callback',
    event_id: input.eventId,
    event_time: input.nowSeconds,
    event: input.event,
    authorizations: [
      { enterprise_id: null, team_id: SANDBOX_TEAM.id, user_id: input.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}
