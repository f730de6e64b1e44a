import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One activity the bot sent, as the connector stored it (updates replace its content). */
export interface ConnectorActivity {
  conversationId: string;
  id: string;
  replyToId: string | null;
  activity: Record<string, any>;
  /** How many times it was replaced in place (PUT). */
  updates: number;
}

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string | null;
  activityId: string | null;
  body: any;
  status: number;
}

interface Failure {
  status: number;
  retryAfter?: string;
  method?: string;
}

/**
 * A loopback Bot Framework connector (the service behind an activity's `serviceUrl`): it answers
 * the calls botbuilder makes for Teams, stores what the bot sent, and can be told to answer the
 * next calls with an error (429 with Retry-After, 503).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly activities: ConnectorActivity[] = [];
  /** Channels per team, for `GET /v3/teams/:id/conversations`. */
  readonly teams = new Map<string, { id: string; name?: string }[]>();
  /** People per id (AAD or 29:), for `GET /v3/conversations/:id/members/:member`. */
  readonly members = new Map<string, { id: string; name: string; aadObjectId?: string }>();
  readonly #failures: Failure[] = [];
  #next = 1_700_000_000_000;
  #chats = 0;
  #server = createServer((req, res) => void this.#handle(req, res));
  url = '';

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  /** The next `count` calls (optionally of one method) fail with this status. */
  failNext(count: number, failure: Failure): void {
    for (let i = 0; i < count; i++) this.#failures.push(failure);
  }

  /** Messages posted at the top of a conversation (not replies). */
  topLevel(conversationId: string): ConnectorActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId && a.replyToId === null);
  }

  /** Replies under an activity (a card's thread, or the answer to a command). */
  replies(conversationId: string, activityId: string): ConnectorActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId && a.replyToId === activityId);
  }

  find(conversationId: string, activityId: string): ConnectorActivity | undefined {
    return this.activities.find((a) => a.conversationId === conversationId && a.id === activityId);
  }

  /** The Adaptive Card an activity carries now, if any. */
  static card(activity: ConnectorActivity | undefined): Record<string, any> | null {
    return activity?.activity.attachments?.[0]?.content ?? null;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? JSON.parse(raw) : null;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const match = /^\/v3\/conversations\/([^/]+)(?:\/activities(?:\/([^/]+))?|\/members\/([^/]+))?$/.exec(path);
    // A channel thread is addressed as `<channel>;messageid=<root>`: it is the channel's conversation.
    const addressed = match?.[1] ? decodeURIComponent(match[1]) : null;
    const conversationId = addressed ? addressed.split(';')[0]! : null;
    const threadRoot = /;messageid=([^;]+)/.exec(addressed ?? '')?.[1] ?? null;
    const activityId = match?.[2] ? decodeURIComponent(match[2]) : null;
    const call: ConnectorCall = { method: req.method ?? '', path, conversationId, activityId, body, status: 200 };
    this.calls.push(call);
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };

    const failure = this.#failures.findIndex((f) => !f.method || f.method === req.method);
    if (failure !== -1) {
      const f = this.#failures.splice(failure, 1)[0]!;
      send(f.status, { error: { code: f.status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'fake failure' } }, f.retryAfter ? { 'retry-after': f.retryAfter } : {});
      return;
    }

    const team = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(path);
    if (req.method === 'GET' && team?.[1]) {
      send(200, { conversations: this.teams.get(decodeURIComponent(team[1])) ?? [] });
      return;
    }
    if (req.method === 'GET' && match?.[3]) {
      const member = this.members.get(decodeURIComponent(match[3]));
      if (member) send(200, member);
      else send(404, { error: { code: 'MemberNotFoundInConversation', message: 'no such member' } });
      return;
    }
    if (req.method === 'POST' && path === '/v3/conversations') {
      this.#chats += 1;
      send(200, { id: `a:chat-${this.#chats}` });
      return;
    }
    if (!conversationId || !path.includes('/activities')) {
      send(404, { error: { code: 'NotFound', message: `no route for ${req.method} ${path}` } });
      return;
    }
    if (req.method === 'POST') {
      const id = String((this.#next += 1));
      this.activities.push({ conversationId, id, replyToId: activityId ?? threadRoot, activity: body, updates: 0 });
      send(200, { id });
      return;
    }
    if (req.method === 'PUT' && activityId) {
      const stored = this.find(conversationId, activityId);
      if (!stored) {
        send(404, { error: { code: 'ActivityNotFound', message: 'no such activity' } });
        return;
      }
      stored.activity = body;
      stored.updates += 1;
      send(200, { id: activityId });
      return;
    }
    send(405, { error: { code: 'MethodNotAllowed', message: `${req.method} ${path}` } });
  }
}
