import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConversationPacing, refuseActivity, type Refusal } from './strict-rules.js';

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
  /** Why the connector refused it (size, card schema, pacing, authentication), when it did. */
  refusal?: string;
  /** The bearer token the call carried. */
  token: string | null;
}

/** Checks the bot's token on each call (the fake Bot Framework's `verifyBotToken`). */
export interface TokenCheck {
  verifyBotToken(authorization: string | undefined): string | null;
}

interface Failure {
  status: number;
  retryAfter?: string;
  method?: string;
  /** Teams' error code in the body (default: TooManyRequests for 429, ServiceError otherwise). */
  code?: string;
}

/**
 * A rule of this test's Teams on top of the documented ones (a tenant policy, a client quirk):
 * what it refuses, as the connector answers, or null. Rules see every activity posted or updated.
 */
export type ExtraRule = (activity: Record<string, any>, call: { method: string; conversationId: string }) => Refusal | null;

/** Why Teams no longer delivers into a conversation, as the connector answers every call to it. */
export const GONE_ANSWERS = {
  /** The app was removed from the team or chat (Klaxon missed the event, or it came late). */
  removed: { status: 403, code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
  /** The channel or chat was deleted. */
  deleted: { status: 404, code: 'ConversationNotFound', message: 'Conversation not found.' },
} as const satisfies Record<string, Refusal>;

/**
 * A loopback Bot Framework connector (the service behind an activity's `serviceUrl`): it answers
 * the calls botbuilder makes for Teams and stores what the bot sent — and refuses what Teams
 * refuses: a call without the bot's valid token (401), a message over Teams' size limit (413
 * `MessageSizeTooBig`), a card Teams cannot render (400), and an eighth operation within a second
 * in one conversation (429 with Retry-After). It can also be told to fail the next calls, to
 * refuse more than Teams documents (`extraRules`), and to answer for a conversation the bot was
 * removed from or that was deleted (`makeUnreachable`: 403 BotNotInConversationRoster, 404
 * ConversationNotFound).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly activities: ConnectorActivity[] = [];
  /** Channels per team, for `GET /v3/teams/:id/conversations`. */
  readonly teams = new Map<string, { id: string; name?: string }[]>();
  /** People per id (AAD or 29:), for `GET /v3/conversations/:id/members/:member`. */
  readonly members = new Map<string, { id: string; name: string; aadObjectId?: string }>();
  readonly #failures: Failure[] = [];
  /** Rules a test adds to the documented ones (see ExtraRule). */
  readonly extraRules: ExtraRule[] = [];
  /** Conversations Teams no longer delivers into, with its answer. */
  readonly #gone = new Map<string, Refusal>();
  #next = 1_700_000_000_000;
  #chats = 0;
  #server = createServer((req, res) => void this.#handle(req, res));
  url = '';
  readonly #auth: TokenCheck | null;
  readonly pacing: ConversationPacing | null;
  /** The tenant this service URL serves (Teams has one per region and tenant); null = any. */
  readonly tenantId: string | null;
  /** 1:1 chats the bot opened. */
  readonly createdChats: { id: string; tenantId: string; members: string[] }[] = [];

  constructor(options: { auth?: TokenCheck | null; pacing?: ConversationPacing | null; tenantId?: string | null } = {}) {
    this.#auth = options.auth ?? null;
    this.tenantId = options.tenantId ?? null;
    this.pacing = options.pacing === undefined ? new ConversationPacing() : options.pacing;
  }

  /** From now on every call to this conversation is answered as Teams answers for a conversation the bot cannot reach. */
  makeUnreachable(conversationId: string, why: keyof typeof GONE_ANSWERS): void {
    this.#gone.set(conversationId, GONE_ANSWERS[why]);
  }

  /** Calls the connector refused, with why. */
  refused(): ConnectorCall[] {
    return this.calls.filter((c) => c.refusal !== undefined);
  }

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

  #extraRefusal(activity: unknown, method: string, conversationId: string): Refusal | null {
    if (typeof activity !== 'object' || activity === null) return null;
    for (const rule of this.extraRules) {
      const refusal = rule(activity as Record<string, any>, { method, conversationId });
      if (refusal) return refusal;
    }
    return null;
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
    const authorization = req.headers.authorization;
    const call: ConnectorCall = {
      method: req.method ?? '',
      path,
      conversationId,
      activityId,
      body,
      status: 200,
      token: authorization?.startsWith('Bearer ') ? authorization.slice(7) : null,
    };
    this.calls.push(call);
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };
    const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) => {
      call.refusal = `${code}: ${message}`;
      send(status, { error: { code, message } }, headers);
    };

    if (this.#auth) {
      const problem = this.#auth.verifyBotToken(authorization);
      if (problem) return refuse(401, 'Unauthorized', `Authorization has been denied for this request (${problem})`);
    }

    const failure = this.#failures.findIndex((f) => !f.method || f.method === req.method);
    if (failure !== -1) {
      const f = this.#failures.splice(failure, 1)[0]!;
      send(
        f.status,
        { error: { code: f.code ?? (f.status === 429 ? 'TooManyRequests' : 'ServiceError'), message: 'fake failure' } },
        f.retryAfter ? { 'retry-after': f.retryAfter } : {},
      );
      return;
    }

    const gone = conversationId ? this.#gone.get(conversationId) : undefined;
    if (gone) return refuse(gone.status, gone.code, gone.message);

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
      // Teams needs the tenant as `tenantId` and in channelData, and opens chats only in the tenant this service serves.
      const tenant = body?.tenantId ?? null;
      if (!tenant || body?.channelData?.tenant?.id !== tenant)
        return refuse(400, 'BadArgument', 'the tenant id is required, as tenantId and channelData.tenant.id');
      if (this.tenantId && tenant !== this.tenantId) return refuse(403, 'Forbidden', `this service does not serve tenant ${tenant}`);
      this.#chats += 1;
      const id = `a:chat-${this.#chats}`;
      this.createdChats.push({ id, tenantId: tenant, members: (body?.members ?? []).map((m: { id: string }) => m.id) });
      send(200, { id });
      return;
    }
    if (!conversationId || !path.includes('/activities')) {
      send(404, { error: { code: 'NotFound', message: `no route for ${req.method} ${path}` } });
      return;
    }
    if (req.method === 'POST' || req.method === 'PUT') {
      const refusal = refuseActivity(body) ?? this.#extraRefusal(body, req.method, conversationId);
      if (refusal) return refuse(refusal.status, refusal.code, refusal.message);
      const wait = this.pacing?.take(conversationId) ?? null;
      if (wait !== null)
        return refuse(429, 'TooManyRequests', 'Too many requests for this conversation', { 'retry-after': String(Math.ceil(wait / 1000)) });
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
