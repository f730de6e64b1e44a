import { createHmac } from 'node:crypto';

/**
 * Slack's request signing, from Slack's documentation: `X-Slack-Signature:
 * v0=<hex HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>")>` with the timestamp in
 * `X-Slack-Request-Timestamp`. Bolt rejects a timestamp more than five minutes from its own wall
 * clock, so the sandbox signs with the wall clock too (never with a test's manual clock).
 */
export function slackSignatureHeaders(secret: string, body: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${nowSeconds}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(nowSeconds), 'x-slack-signature': signature };
}

/** Sends signed requests to the app's `/slack/events`, as Slack does, and returns its answer. */
export class SlackEventsClient {
  constructor(
    private readonly eventsUrl: string,
    private readonly signingSecret: string,
  ) {}

  /** Interactivity (`payload=<json>`) and slash commands are form-encoded. */
  postForm(body: string): Promise<{ status: number; text: string }> {
    return this.#post(body, 'application/x-www-form-urlencoded');
  }

  /** Events API deliveries are JSON. */
  postJson(body: unknown): Promise<{ status: number; text: string }> {
    return this.#post(JSON.stringify(body), 'application/json');
  }

  async #post(body: string, contentType: string): Promise<{ status: number; text: string }> {
    const res = await fetch(this.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, ...slackSignatureHeaders(this.signingSecret, body) },
      body,
      // Slack gives an app three seconds to acknowledge; leave room for a slow laptop.
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, text: await res.text() };
  }
}
