import type { Clock } from '../../src/clock.js';
import { KlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { RetryableError, type DeliveryResult, type ReplyInput } from '../../src/ports.js';
import { replyFailure } from '../source-kit/failures.js';
import type { WriteBudget } from '../source-kit/write-budget.js';
import type { BlueskyClients } from './client.js';
import { classifyBlueskyError } from './errors.js';
import { buildFacets, type HandleResolver } from './facets.js';
import { parseAtUri, postRecordSchema, postUrl } from './map-post.js';
import type { OwnPosts } from './own-posts.js';
import { NO_DM_ACCESS, type BlueskySession } from './session.js';
import { dmProblem, graphemeLength, postProblem, POST_MAX_GRAPHEMES } from './text.js';

/** Write points a post costs on a Bluesky PDS (create 3, update 2, delete 1). */
export const POST_COST = 3;

/** Our clock and Bluesky's may differ a little: look a minute before the first attempt too. */
const CLOCK_SKEW_MS = 60_000;

/** Why Bluesky's chat service refuses to open a conversation, in words for the card. */
const DM_REFUSALS: Record<string, (who: string) => string> = {
  MessagesDisabled: (who) => `${who} does not accept direct messages on Bluesky (their chat settings). Reply in public instead.`,
  NotFollowedBySender: (who) =>
    `${who} accepts direct messages on Bluesky only from accounts they follow, and they do not follow the brand. Reply in public instead.`,
  BlockedActor: (who) => `${who} and the brand account block each other on Bluesky, so no message can reach them.`,
  RecipientNotFound: (who) => `${who} no longer has a Bluesky account that can receive messages.`,
  AccountSuspended: () => 'The brand account is suspended from Bluesky chat.',
  ConvoLocked: (who) => `The conversation with ${who} is locked on Bluesky; no new messages can be sent.`,
};

export interface BlueskyRepliesDeps {
  clients: BlueskyClients;
  session: BlueskySession;
  ownPosts: OwnPosts;
  budget: WriteBudget;
  clock: Clock;
  logger: Logger;
}

type What = 'reply' | 'direct message';

/**
 * Public replies (a post with the right reply refs and facets) and direct messages (the chat
 * service, through the PDS's atproto-proxy) as the brand. Limits are checked before Bluesky is
 * called; Bluesky's answers become what the outbox and the agent need: a RetryableError (with the
 * wait a 429 or the write budget asks for) when trying later may work, a refusal in words for the
 * card when it will not, and "uncertain" when the post may have gone out.
 */
export class BlueskyReplies {
  readonly #d: BlueskyRepliesDeps;
  /** Customers whose chat settings refused the brand, by DID (the card offers public replies only). */
  readonly refusedDms = new Map<string, string>();
  readonly #dids = new Map<string, string | null>();

  constructor(deps: BlueskyRepliesDeps) {
    this.#d = deps;
  }

  validate(text: string, mode: 'public' | 'private'): string | null {
    if (mode === 'public') return postProblem(text);
    return text.trim() ? dmProblem(text) : null;
  }

  measure(text: string): { used: number; limit: number } {
    return { used: graphemeLength(text), limit: POST_MAX_GRAPHEMES };
  }

  async replyPublic(input: ReplyInput): Promise<DeliveryResult> {
    const problem = postProblem(input.text);
    if (problem) throw new KlaxonError('invalid_input', problem);
    const { clients, session, budget, clock } = this.#d;
    const brand = await this.#call('reply', () => session.ensure());
    const parent = await this.#parent(input.inReplyTo);
    const facets = await buildFacets(input.text, this.#resolver(input, brand));
    await budget.load();
    const waitMs = budget.waitFor(POST_COST, clock.now());
    if (waitMs > 0)
      throw new RetryableError(
        `Bluesky's write limit (points per hour and day) is used up; the reply goes out in ${Math.ceil(waitMs / 60_000)} min`,
        waitMs,
      );
    // Counted before the call: a post whose answer is lost still cost its points.
    await budget.spend(POST_COST, clock.now());
    const sent = await this.#call('reply', () =>
      session.run(() =>
        clients.agent.post({
          text: input.text,
          facets,
          reply: { root: parent.root, parent: parent.ref },
          createdAt: clock.now().toISOString(),
        }),
      ),
    );
    try {
      await this.#d.ownPosts.rememberReply(sent.uri, input.inReplyTo);
    } catch (error) {
      // The reply is out: failing now would make the outbox post it again.
      this.#d.logger.warn('Bluesky reply sent but not remembered; its likes will not count toward the case', {
        caseId: input.caseId,
        err: error,
      });
    }
    return { id: sent.uri, url: postUrl(sent.uri, brand.handle) };
  }

  async sendPrivate(input: ReplyInput): Promise<DeliveryResult> {
    const problem = dmProblem(input.text);
    if (problem) throw new KlaxonError('invalid_input', problem);
    const { clients, session } = this.#d;
    if (session.dmAccess === 'no') throw new KlaxonError('delivery_failed', NO_DM_ACCESS);
    const brand = await this.#call('direct message', () => session.ensure());
    const did = await this.#customerDid(input);
    const who = input.author.handle ? `@${input.author.handle.replace(/^@/, '')}` : 'The customer';
    const convo = await this.#call(
      'direct message',
      () => session.run(() => clients.chat.chat.bsky.convo.getConvoForMembers({ members: [did] })),
      did,
      who,
    );
    const facets = await buildFacets(input.text, this.#resolver(input, brand));
    const sent = await this.#call(
      'direct message',
      () =>
        session.run(() =>
          clients.chat.chat.bsky.convo.sendMessage({
            convoId: convo.data.convo.id,
            message: { text: input.text, ...(facets.length ? { facets } : {}) },
          }),
        ),
      did,
      who,
    );
    return { id: sent.data.id, url: `https://bsky.app/messages/${encodeURIComponent(convo.data.convo.id)}` };
  }

  /**
   * Looks for this reply among the brand's latest posts (or the latest messages of the
   * conversation) made since the first attempt began, so a manual retry after an uncertain send
   * does not post it twice (Bluesky has no idempotency key).
   */
  async findDelivered(input: ReplyInput, mode: 'public' | 'private', since: Date): Promise<DeliveryResult | null> {
    const from = since.getTime() - CLOCK_SKEW_MS;
    const { clients, session } = this.#d;
    const brand = await session.ensure();
    if (mode === 'public') {
      const res = await session.run(() =>
        clients.agent.com.atproto.repo.listRecords({ repo: brand.did, collection: 'app.bsky.feed.post', limit: 50 }),
      );
      for (const r of res.data.records) {
        const value = postRecordSchema.safeParse(r.value);
        if (!value.success || Date.parse(value.data.createdAt) < from) continue;
        if (value.data.text === input.text && value.data.reply?.parent.uri === input.inReplyTo)
          return { id: r.uri, url: postUrl(r.uri, brand.handle) };
      }
      return null;
    }
    const did = await this.#customerDid(input);
    const convo = await session.run(() => clients.chat.chat.bsky.convo.getConvoForMembers({ members: [did] }));
    const messages = await session.run(() => clients.chat.chat.bsky.convo.getMessages({ convoId: convo.data.convo.id, limit: 50 }));
    for (const m of messages.data.messages) {
      const message = m as { id?: string; text?: string; sender?: { did?: string }; sentAt?: string };
      if (message.sentAt && Date.parse(message.sentAt) < from) continue;
      if (message.sender?.did === brand.did && message.text === input.text && message.id)
        return { id: message.id, url: `https://bsky.app/messages/${encodeURIComponent(convo.data.convo.id)}` };
    }
    return null;
  }

  /** The post answered and its thread's root, as strong refs (uri + cid); refused when it is gone. */
  async #parent(uri: string): Promise<{ ref: { uri: string; cid: string }; root: { uri: string; cid: string } }> {
    const { clients, session } = this.#d;
    if (!parseAtUri(uri)) throw new KlaxonError('invalid_input', 'This case has no Bluesky post to reply to.');
    const res = await this.#call('reply', () => session.run(() => clients.agent.app.bsky.feed.getPosts({ uris: [uri] })));
    const post = res.data.posts[0];
    if (!post)
      throw new KlaxonError(
        'delivery_failed',
        'The Bluesky post was deleted (or is hidden from the brand), so there is nothing to reply to. Send a private message instead.',
      );
    if (post.viewer?.replyDisabled)
      throw new KlaxonError(
        'delivery_failed',
        'The author limits who can reply to this Bluesky post, and the brand is not among them. Send a private message instead.',
      );
    const ref = { uri: post.uri, cid: post.cid };
    const record = postRecordSchema.safeParse(post.record);
    return { ref, root: record.success && record.data.reply ? record.data.reply.root : ref };
  }

  async #customerDid(input: ReplyInput): Promise<string> {
    if (input.author.id?.startsWith('did:')) return input.author.id;
    const fromUri = parseAtUri(input.inReplyTo)?.did;
    if (fromUri) return fromUri;
    const handle = input.author.handle?.replace(/^@/, '');
    const did = handle ? await this.#resolve(handle) : null;
    if (!did) throw new KlaxonError('delivery_failed', 'The customer has no Bluesky account Klaxon can address.');
    return did;
  }

  /** Mentions resolve to DIDs: the customer and the brand are known; anyone else is looked up once. */
  #resolver(input: ReplyInput, brand: { did: string; handle: string }): HandleResolver {
    const customer = input.author.handle?.replace(/^@/, '').toLowerCase();
    return async (handle) => {
      if (customer && handle === customer && input.author.id?.startsWith('did:')) return input.author.id;
      if (handle === brand.handle) return brand.did;
      return this.#resolve(handle);
    };
  }

  async #resolve(handle: string): Promise<string | null> {
    if (this.#dids.has(handle)) return this.#dids.get(handle) ?? null;
    try {
      const res = await this.#d.session.run(() => this.#d.clients.agent.com.atproto.identity.resolveHandle({ handle }));
      this.#dids.set(handle, res.data.did);
      return res.data.did;
    } catch {
      // An unknown handle stays plain text, as in the Bluesky app.
      this.#dids.set(handle, null);
      return null;
    }
  }

  /** Runs one call and turns Bluesky's failure into what the outbox and the agent need. */
  async #call<T>(what: What, call: () => Promise<T>, did?: string, who = 'The customer'): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof KlaxonError || error instanceof RetryableError) throw error;
      const failure = classifyBlueskyError(error, this.#d.clock);
      if (failure.kind === 'scope') {
        this.#d.session.dmAccess = 'no';
        throw new KlaxonError('delivery_failed', NO_DM_ACCESS, { cause: error });
      }
      const refusal = failure.kind === 'refused' && what === 'direct message' ? DM_REFUSALS[failure.error] : undefined;
      if (refusal) {
        const message = refusal(who);
        if (did) this.refusedDms.set(did, message);
        throw new KlaxonError('delivery_failed', message, {
          cause: error,
          details: { reason: failure.kind === 'refused' ? failure.error : null },
        });
      }
      throw replyFailure('Bluesky', what, failure, error, 'BLUESKY_HANDLE and BLUESKY_APP_PASSWORD');
    }
  }
}
