import { createHmac } from 'node:crypto';

/** Signs a body the way Slack does: v0=HMAC-SHA256(secret, "v0:<ts>:<body>"). */
export function slackHeaders(secret: string, body: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${nowSeconds}:${body}`).digest('hex')}`;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(nowSeconds),
    'x-slack-signature': signature,
  };
}

export interface ButtonClick {
  actionId: string;
  value: string;
  user: { id: string; name: string };
  channel: string;
  messageTs: string;
  actionTs?: string;
  responseUrl?: string;
}

let counter = 0;

/** A `block_actions` payload as Slack sends it for a button click. */
export function blockActionsBody(click: ButtonClick): string {
  counter += 1;
  const payload = {
    type: 'block_actions',
    user: { id: click.user.id, username: click.user.name, name: click.user.name, team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: click.messageTs, channel_id: click.channel, is_ephemeral: false },
    trigger_id: `${counter}.${Date.now()}.trigger`,
    team: { id: 'T0TEST', domain: 'test' },
    channel: { id: click.channel, name: 'triage' },
    message: { type: 'message', ts: click.messageTs, text: '' },
    response_url: click.responseUrl ?? 'http://127.0.0.1:9/response',
    actions: [
      {
        action_id: click.actionId,
        block_id: 'case_actions',
        text: { type: 'plain_text', text: 'x' },
        value: click.value,
        type: 'button',
        action_ts: click.actionTs ?? `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, '0')}`,
      },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Posts a signed Slack request to the app and returns the HTTP status and body. */
export async function postSlack(
  baseUrl: string,
  secret: string,
  body: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: { ...slackHeaders(secret, body), ...extraHeaders }, body });
  return { status: res.status, text: await res.text() };
}

/** A slash command as Slack posts it (form-encoded). */
export function slashCommandBody(opts: {
  text: string;
  user: { id: string; name: string };
  channel: string;
  responseUrl?: string;
}): string {
  counter += 1;
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    team_domain: 'test',
    channel_id: opts.channel,
    channel_name: 'triage',
    user_id: opts.user.id,
    user_name: opts.user.name,
    command: '/klaxon',
    text: opts.text,
    api_app_id: 'A0TEST',
    response_url: opts.responseUrl ?? 'http://127.0.0.1:9/response',
    trigger_id: `${counter}.${Date.now()}.cmd`,
  }).toString();
}

/** A modal submission (`view_submission`) with the given state values. */
export function viewSubmissionBody(opts: {
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
  user: { id: string; name: string };
  viewId?: string;
}): string {
  counter += 1;
  const payload = {
    type: 'view_submission',
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: opts.user.id, username: opts.user.name, name: opts.user.name, team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    trigger_id: `${counter}.${Date.now()}.view`,
    view: {
      id: opts.viewId ?? `V${counter}`,
      team_id: 'T0TEST',
      type: 'modal',
      callback_id: opts.callbackId,
      private_metadata: opts.privateMetadata,
      state: { values: opts.values },
      hash: `h${counter}`,
      blocks: [],
    },
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** An Events API delivery (JSON body). */
export function eventBody(event: Record<string, unknown>, eventId = `Ev${++counter}`): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: 'T0TEST', user_id: 'UKLAXONBOT', is_bot: true }],
  });
}

export async function postSlackJson(
  baseUrl: string,
  secret: string,
  body: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const headers = { ...slackHeaders(secret, body), 'content-type': 'application/json', ...extraHeaders };
  const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}
