import { z } from 'zod';
import { KlaxonError } from '../../src/errors.js';
import { DeliveryError, RetryableError, type DeliveryResult, type ReplyInput } from '../../src/ports.js';
import { InboxProcessor } from '../source-kit/inbox-processor.js';
import { backoffDelay, systemTimers } from '../source-kit/timers.js';
import type { CapabilityItem, SinkSource, SourceCapabilities, SourceDeps, SourceSink } from '../source-kit/types.js';
import type { MetaConnection } from './connection.js';
import { GraphError, replyError } from './errors.js';
import { seg } from './graph.js';
import { ItemStore, type ItemRecord } from './item-store.js';
import { MetaListener } from './listener.js';
import type { PlatformSpec, ReplyCall } from './platforms.js';
import type { MetaSettings } from './settings.js';
import { formatSpan, MESSAGING_WINDOW_MS, messagingRefusal, PRIVATE_REPLY_WINDOW_MS, privateReplyRefusal, windowFrom } from './windows.js';

export interface MetaAdapterDeps extends SourceDeps<MetaSettings> {
  /** The Meta app's webhook, inbox and Graph client, shared by Facebook and Instagram. */
  connection: MetaConnection;
}

export interface MetaSourceAdapter extends SinkSource {
  /** Resolves once no delivery is being processed (tests drive the timers that start the next round). */
  settled(): Promise<void>;
}

/** A failed delivery waits at least this long; a token problem needs a person, so it waits longer. */
const RETRY = { baseMs: 5_000, maxMs: 15 * 60_000 };
const TOKEN_RETRY_MS = 10 * 60_000;

const sentId = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  message_id: z.string().max(1024).optional(),
});
/** GET …/conversations?user_id=…: the brand's conversation with one person and its latest messages. */
const conversations = z.object({
  data: z
    .array(
      z.object({
        messages: z
          .object({
            data: z
              .array(
                z.object({
                  id: z.string().max(1024),
                  message: z.string().optional(),
                  created_time: z.string().max(40).optional(),
                  from: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).optional(),
                }),
              )
              .max(100),
          })
          .optional(),
      }),
    )
    .max(25),
});
/** Clocks differ: a message found up to this long before the first attempt began still counts as it. */
const FOUND_SKEW_MS = 5 * 60_000;
const ownReplies = z.object({
  data: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        message: z.string().optional(),
        text: z.string().optional(),
        from: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).optional(),
      }),
    )
    .max(500),
});

/**
 * One Meta source (Facebook Page or Instagram account) in the source shape: listens by processing
 * the deliveries the shared webhook stored, replies in public and in private within Meta's rules
 * (24-hour messaging window, one private reply within 7 days), and says on the card what is
 * possible now. `start`/`stop` are idempotent and touch only this replica's processing.
 */
export function createMetaSourceAdapter(spec: PlatformSpec, deps: MetaAdapterDeps): MetaSourceAdapter {
  const { connection, clock, logger, metrics } = deps;
  const items = new ItemStore(deps.cursors);
  const listener = new MetaListener({ spec, graph: connection.graph, items, clock, logger, metrics, events: connection.eventCounter });
  const random = deps.random ?? Math.random;
  let sink: SourceSink | null = null;
  let unsubscribe: (() => void) | null = null;
  const processor = new InboxProcessor({
    inbox: connection.inbox,
    topic: spec.topic,
    clock,
    timers: deps.timers ?? systemTimers,
    logger,
    handle: async (delivery) => {
      if (!sink) throw new RetryableError(`the ${spec.label} source is stopping`, 1000);
      await listener.handle(delivery, sink);
    },
    delayAfter(error, attempts) {
      if (error instanceof GraphError && error.kind === 'token') return TOKEN_RETRY_MS;
      if (error instanceof GraphError && error.waitMs !== null) return Math.max(1000, error.waitMs);
      if (error instanceof RetryableError && error.retryAfterMs !== null) return error.retryAfterMs;
      return backoffDelay(attempts, RETRY, random);
    },
    pending: (count) => connection.inboxPending.set({ topic: spec.topic }, count),
    describe: (error) => connection.redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300),
  });

  async function itemFor(input: ReplyInput): Promise<ItemRecord> {
    const item = await items.item(input.inReplyTo);
    if (!item)
      throw new KlaxonError(
        'delivery_failed',
        `Klaxon has no record of this ${spec.label} item (it did not arrive through the Meta webhook), so it cannot answer it: ` +
          `reply on ${spec.label} directly.`,
      );
    return item;
  }

  async function send(call: ReplyCall, what: string): Promise<DeliveryResult> {
    try {
      const answer = sentId.safeParse(await connection.graph.write(spec.source, call.op, call.path, call.body));
      const id = answer.success ? (answer.data.message_id ?? answer.data.id) : undefined;
      return id ? { id } : {};
    } catch (error) {
      if (error instanceof GraphError) throw replyError(error, spec.label, what);
      throw error;
    }
  }

  /** The reply may have gone (written, then the answer was lost): the outbox's "uncertain". */
  const uncertain = (error: unknown) =>
    error instanceof DeliveryError && error.phase === 'sent' && (error.status === null || (error.status >= 500 && error.status !== 503));

  function refuse(reason: string): never {
    throw new KlaxonError('delivery_failed', reason);
  }

  return {
    source: spec.source,
    routes: [],
    settled: () => processor.idle(),

    capabilities(item: CapabilityItem): SourceCapabilities {
      const problem = connection.tokenProblem();
      if (problem) return { publicReply: { possible: false, why: problem }, privateReply: { possible: false, why: problem } };
      const now = clock.now();
      if (item.isPrivate) {
        const publicReply = { possible: false, why: `a ${spec.messaging} conversation is private: replies are sent as messages` };
        if (!item.createdAt) return { publicReply, privateReply: { possible: true } };
        const w = windowFrom(item.createdAt, MESSAGING_WINDOW_MS, now);
        return w.open
          ? {
              publicReply,
              privateReply: { possible: true, why: `${spec.messaging} window closes in ${formatSpan(w.leftMs)}`, until: w.closesAt },
            }
          : {
              publicReply,
              privateReply: {
                possible: false,
                why: `${spec.messaging}'s 24-hour window closed ${formatSpan(-w.leftMs)} ago: no message until the customer writes again`,
              },
            };
      }
      if (!item.createdAt) return { publicReply: { possible: true }, privateReply: { possible: true } };
      const w = windowFrom(item.createdAt, PRIVATE_REPLY_WINDOW_MS, now);
      return {
        publicReply: { possible: true },
        privateReply: w.open
          ? { possible: true, why: `one private reply possible for ${formatSpan(w.leftMs)} more`, until: w.closesAt }
          : { possible: false, why: `no private reply: the comment is more than 7 days old (answer in public)` },
      };
    },

    validate(text, mode) {
      const limit = mode === 'public' ? spec.limits.publicReply : spec.limits.privateMessage;
      const what = mode === 'public' ? `A ${spec.label} comment reply` : `A ${spec.messaging} message`;
      return text.length > limit
        ? `${what} can be at most ${limit.toLocaleString('en-US')} characters (this one has ${text.length.toLocaleString('en-US')}).`
        : null;
    },

    async replyPublic(input) {
      const item = await itemFor(input);
      const call = spec.publicReply(item, input.inReplyTo, input.text);
      if (typeof call === 'string') refuse(call);
      await items.markOwnReply(input.inReplyTo, input.text, clock.now());
      return send(call, 'public reply');
    },

    async sendPrivate(input) {
      const item = await itemFor(input);
      const now = clock.now();
      if (item.kind === 'message') {
        if (!item.authorId) refuse(`This ${spec.messaging} message has no sender Klaxon can answer.`);
        const conversation = await items.conversation(item.conversationId);
        const last = Math.max(new Date(item.createdAt).getTime(), conversation ? new Date(conversation.lastInboundAt).getTime() : 0);
        const closed = messagingRefusal(spec.messaging, new Date(last), now);
        if (closed) refuse(closed);
        await items.markOwnReply(item.conversationId, input.text, now);
        return send(spec.directMessage(item, item.authorId, input.text), `${spec.messaging} message`);
      }
      const call = spec.privateReply(item, input.inReplyTo, input.text);
      if (typeof call === 'string') refuse(call);
      // After an attempt whose answer never came (and a look in the conversation that did not find
      // it) a person's retry may send: Meta itself refuses a second private reply to one comment.
      const earlier = await items.privateReplySent(input.inReplyTo);
      const refusal = privateReplyRefusal(spec.label, new Date(item.createdAt), earlier === 'sent', now);
      if (refusal) refuse(refusal);
      try {
        const result = await send(call, 'private reply');
        await items.markPrivateReply(input.inReplyTo, now);
        return result;
      } catch (error) {
        // It may have gone: the outbox will not resend it by itself; a person's retry looks first.
        if (uncertain(error)) await items.markPrivateReply(input.inReplyTo, now, 'uncertain');
        throw error;
      }
    },

    /**
     * A manual retry first looks for what an earlier attempt may have left: a public reply on the
     * item, or a private message in the brand's conversation with the customer (Messenger and
     * Instagram have no idempotency key, so a message lost in a timeout is found, never resent).
     * A failed look throws: the outbox then leaves the reply uncertain rather than send blindly.
     */
    async findDelivered(input, mode, since) {
      if (mode === 'private') {
        const item = await items.item(input.inReplyTo);
        const personId = item?.authorId ?? input.author.id;
        if (!item || !personId) return null;
        const read = spec.conversationWith(item, personId);
        let found: unknown;
        try {
          found = await connection.graph.read(spec.source, 'find_message', read.path, read.params);
        } catch (error) {
          // The outbox's one rule reads it: not reached = retried (the look comes first again), else uncertain.
          if (error instanceof GraphError) throw replyError(error, spec.label, `look for the earlier ${spec.messaging} message`);
          throw error;
        }
        const answer = conversations.safeParse(found);
        if (!answer.success) {
          throw new DeliveryError(`could not read the ${spec.messaging} conversation to check for the earlier attempt`, 'sent', null, null);
        }
        const from = since.getTime() - FOUND_SKEW_MS;
        const text = input.text.trim();
        for (const conversation of answer.data.data) {
          const mine = conversation.messages?.data.find(
            (m) => m.from?.id !== personId && (m.message ?? '').trim() === text && (!m.created_time || Date.parse(m.created_time) >= from),
          );
          if (mine) return { id: mine.id };
        }
        return null;
      }
      const item = await items.item(input.inReplyTo);
      if (!item || item.kind === 'message' || item.kind === 'media_mention' || item.kind === 'mention') return null;
      const edge = spec.source === 'facebook' ? 'comments' : 'replies';
      const fields = spec.source === 'facebook' ? 'id,message,from' : 'id,text,from';
      const answer = ownReplies.safeParse(
        await connection.graph.read(spec.source, 'find_reply', `${seg(input.inReplyTo)}/${edge}`, { fields, limit: '100' }),
      );
      if (!answer.success) return null;
      const mine = answer.data.data.find((c) => c.from?.id === item.ownerId && (c.message ?? c.text ?? '').trim() === input.text.trim());
      return mine ? { id: mine.id } : null;
    },

    async start(s) {
      if (sink) return;
      sink = s;
      unsubscribe = connection.onStored(spec.topic, () => processor.kick());
      logger.info(`${spec.label} listening`, {
        via: 'POST /webhooks/meta',
        graph: `${connection.settings.graphUrl}/${connection.settings.apiVersion}`,
      });
      processor.start();
    },

    async stop() {
      unsubscribe?.();
      unsubscribe = null;
      await processor.stop();
      sink = null;
    },
  };
}
