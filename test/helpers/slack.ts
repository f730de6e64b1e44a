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
    actions: [{ action_id: click.actionId, block_id: 'case_actions', text: { type: 'plain_text', text: 'x' }, value: click.value, type: 'button', action_ts: click.actionTs ?? `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, '0')}` }],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Posts a signed Slack request to the app and returns the HTTP status and body. */
export async function postSlack(baseUrl: string, secret: string, body: string, extraHeaders: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: { ...slackHeaders(secret, body), ...extraHeaders }, body });
  return { status: res.status, text: await res.text() };
}
