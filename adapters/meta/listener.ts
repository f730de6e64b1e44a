import type { Counter } from 'prom-client';
import type { Clock } from '../../src/clock.js';
import type { MentionEdit } from '../../src/ingest/edit.js';
import type { RepostInput } from '../../src/ingest/amplify.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import type { InboxDelivery } from '../source-kit/inbox.js';
import type { SourceSink } from '../source-kit/types.js';
import { GraphError } from './errors.js';
import type { GraphClient } from './graph.js';
import type { ItemRecord, ItemStore } from './item-store.js';
import { itemText, mentionId, toMention, type MentionFields } from './mention.js';
import { parseDelivery, type MetaEvent, type Person } from './payload.js';
import type { ItemDetails, PlatformSpec } from './platforms.js';
import { requireStored } from '../source-kit/stored.js';

export type EventOutcome =
  | 'ingested'
  | 'duplicate'
  | 'own_reply'
  | 'answered_outside'
  | 'edited'
  | 'amplified'
  | 'ignored'
  | 'invalid'
  | 'unreadable'
  | 'not_stored';

export interface ListenerDeps {
  spec: PlatformSpec;
  graph: GraphClient;
  items: ItemStore;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  events: Counter<'source' | 'kind' | 'outcome'>;
}

type Comment = Extract<MetaEvent, { kind: 'comment' }>;
type Post = Extract<MetaEvent, { kind: 'post' }>;
type Message = Extract<MetaEvent, { kind: 'message' }>;
type Mention = Extract<MetaEvent, { kind: 'mention' }>;

/** What one delivery hands the core, in order, and what to remember once it is stored. */
class Batch {
  readonly mentions: MentionInput[] = [];
  readonly kinds: string[] = [];
  readonly after: (() => Promise<void>)[] = [];
  readonly edits: MentionEdit[] = [];
  readonly amplify: RepostInput[] = [];
}

/**
 * Turns stored Meta deliveries into mentions: comments, visitor posts, @mentions and direct
 * messages become cases (details read from the Graph API when usage allows); the brand's own
 * comments and messages sent outside Klaxon mark cases answered; Klaxon's own replies coming back
 * are skipped; edits update the case; reactions and shares add reach to a case, never open one.
 */
export class MetaListener {
  readonly #d: ListenerDeps;

  constructor(deps: ListenerDeps) {
    this.#d = deps;
  }

  async handle(delivery: InboxDelivery, sink: SourceSink): Promise<void> {
    const { spec, logger } = this.#d;
    const parsed = parseDelivery(delivery.body, delivery.receivedAt);
    if (parsed.skipped > 0) {
      logger.debug('Meta events skipped (malformed or not used by Klaxon)', { delivery: delivery.id, skipped: parsed.skipped });
      this.#count('unknown', 'ignored', parsed.skipped);
    }
    const batch = new Batch();
    for (const event of parsed.events) {
      if (event.platform !== spec.source) continue;
      await this.#event(event, batch);
    }
    await this.#handOver(batch, sink, delivery.id);
  }

  async #event(event: MetaEvent, batch: Batch): Promise<void> {
    switch (event.kind) {
      case 'comment':
        return event.verb === 'edited'
          ? this.#edit(event.commentId, event.text, event.createdAt, batch)
          : event.verb === 'add'
            ? this.#comment(event, batch)
            : this.#count('comment', 'ignored');
      case 'post':
        if (event.verb === 'edited') return this.#edit(event.postId, event.text, event.createdAt, batch);
        return event.verb === 'add' && event.from?.id !== event.ownerId ? this.#post(event, batch) : this.#count('post', 'ignored');
      case 'reaction':
      case 'share':
        return this.#reach(event, batch);
      case 'mention':
        return this.#mention(event, batch);
      case 'message':
        return event.echo || event.senderId === event.ownerId ? this.#echo(event, batch) : this.#message(event, batch);
      case 'message_edit':
        return this.#edit(event.mid, event.text, event.createdAt, batch);
    }
  }

  async #optional(read: () => Promise<ItemDetails | null>, what: string): Promise<ItemDetails | null> {
    try {
      return await read();
    } catch (error) {
      // Details only enrich the card: the webhook's own text and author are enough to open the case.
      this.#d.logger.debug(`${this.#d.spec.label} ${what} details not read; using the webhook's`, {
        err: error instanceof GraphError ? error.message : String(error),
      });
      return null;
    }
  }

  async #comment(e: Comment, batch: Batch): Promise<void> {
    const { spec, items } = this.#d;
    const own = e.from?.id === e.ownerId;
    if (own) {
      const where = e.parentId ?? e.postId ?? '';
      if (e.text !== null && (await items.isOwnReply(where, e.text))) return this.#count('comment', 'own_reply');
      return this.#add(
        batch,
        'comment',
        this.#fields(
          e.commentId,
          'outbound',
          e.from,
          spec.label,
          itemText(e.text, [], 'a comment'),
          null,
          e.createdAt,
          where || null,
          `post:${e.postId ?? e.commentId}`,
          false,
        ),
      );
    }
    const details = await this.#optional(() => spec.commentDetails(this.#d.graph, e.commentId), 'comment');
    const person = details?.author ?? e.from;
    const createdAt = details?.createdAt ?? e.createdAt;
    // Anonymous comments (no author shared) never share a case with each other.
    const conversationId = person ? `post:${e.postId ?? e.commentId}` : `comment:${e.commentId}`;
    const replyTo = e.parentId && e.parentId !== e.postId ? e.parentId : null;
    const record: ItemRecord = {
      kind: 'comment',
      ownerId: e.ownerId,
      authorId: person?.id ?? null,
      createdAt: createdAt.toISOString(),
      conversationId,
    };
    this.#add(
      batch,
      'comment',
      this.#fields(
        e.commentId,
        'inbound',
        person,
        null,
        itemText(details?.text ?? e.text, [], 'a comment'),
        details?.url ?? null,
        createdAt,
        replyTo,
        conversationId,
        false,
      ),
      () => items.rememberItem(mentionId(e.commentId), record),
    );
  }

  async #post(e: Post, batch: Batch): Promise<void> {
    const { spec, items } = this.#d;
    const details = await this.#optional(() => spec.postDetails(this.#d.graph, e.postId), 'post');
    const person = details?.author ?? e.from;
    const createdAt = details?.createdAt ?? e.createdAt;
    const conversationId = `post:${e.postId}`;
    const record: ItemRecord = {
      kind: 'post',
      ownerId: e.ownerId,
      authorId: person?.id ?? null,
      createdAt: createdAt.toISOString(),
      conversationId,
    };
    this.#add(
      batch,
      'post',
      this.#fields(
        e.postId,
        'inbound',
        person,
        null,
        itemText(details?.text ?? e.text, [], 'a post'),
        details?.url ?? null,
        createdAt,
        null,
        conversationId,
        false,
      ),
      () => items.rememberItem(mentionId(e.postId), record),
    );
  }

  async #mention(e: Mention, batch: Batch): Promise<void> {
    const { spec, items, logger } = this.#d;
    let details: ItemDetails | null;
    try {
      details = await spec.mentionDetails(this.#d.graph, e.ownerId, e.mediaId, e.commentId);
    } catch (error) {
      // A refusal (deleted comment, private account) will not change: skip it. Anything else is
      // retried with the whole delivery — a mention is never dropped for a passing reason.
      if (error instanceof GraphError && error.kind === 'refused') {
        logger.warn(`${spec.label} mention cannot be read and is skipped`, { err: error.message });
        return this.#count('mention', 'unreadable');
      }
      throw error;
    }
    if (!details) return this.#count('mention', 'unreadable');
    if (details.author?.id === e.ownerId) return this.#count('mention', 'ignored');
    const itemId = e.commentId ?? e.mediaId;
    const createdAt = details.createdAt ?? e.createdAt;
    const conversationId = `media:${e.mediaId}`;
    const record: ItemRecord = {
      kind: e.commentId ? 'mention' : 'media_mention',
      ownerId: e.ownerId,
      authorId: details.author?.id ?? null,
      createdAt: createdAt.toISOString(),
      conversationId,
      mediaId: details.mediaId ?? e.mediaId,
    };
    this.#add(
      batch,
      'mention',
      this.#fields(
        itemId,
        'inbound',
        details.author,
        null,
        itemText(details.text, [], 'a mention'),
        details.url,
        createdAt,
        null,
        conversationId,
        false,
      ),
      () => items.rememberItem(mentionId(itemId), record),
    );
  }

  async #message(e: Message, batch: Batch): Promise<void> {
    const { items } = this.#d;
    const conversationId = `dm:${e.senderId}`;
    const name = await this.#name(e.senderId);
    const record: ItemRecord = {
      kind: 'message',
      ownerId: e.ownerId,
      authorId: e.senderId,
      createdAt: e.createdAt.toISOString(),
      conversationId,
    };
    const id = mentionId(e.mid);
    this.#add(
      batch,
      'message',
      this.#fields(
        e.mid,
        'inbound',
        { id: e.senderId },
        name,
        itemText(e.text, e.attachments, 'a message'),
        null,
        e.createdAt,
        e.replyToMid,
        conversationId,
        true,
      ),
      async () => {
        await items.rememberItem(id, record);
        await items.customerWrote(conversationId, id, e.createdAt);
      },
    );
  }

  /** The brand's own message: Klaxon's reply coming back (skipped), or the team answering in Meta's inbox. */
  async #echo(e: Message, batch: Batch): Promise<void> {
    const { spec, items } = this.#d;
    const customer = e.senderId === e.ownerId ? e.recipientId : e.senderId;
    const conversationId = `dm:${customer}`;
    if (e.text !== null && (await items.isOwnReply(conversationId, e.text))) return this.#count('message', 'own_reply');
    const last = await items.conversation(conversationId);
    this.#add(
      batch,
      'message',
      this.#fields(
        e.mid,
        'outbound',
        { id: e.ownerId },
        spec.label,
        itemText(e.text, e.attachments, 'a message'),
        null,
        e.createdAt,
        last?.lastInboundMid ?? null,
        conversationId,
        true,
      ),
    );
  }

  async #edit(id: string, text: string | null, at: Date, batch: Batch): Promise<void> {
    if (text === null) return this.#count('edit', 'ignored');
    batch.edits.push({ source: this.#d.spec.source, id: mentionId(id), text: itemText(text, [], 'an edit'), editedAt: at });
  }

  async #reach(e: Extract<MetaEvent, { kind: 'reaction' | 'share' }>, batch: Batch): Promise<void> {
    const target = e.kind === 'reaction' ? e.targetId : e.postId;
    // Only reactions to something that is a case count: likes on the brand's own posts are not customer care.
    if (e.verb !== 'add' || !e.from || e.from.id === e.ownerId || !(await this.#d.items.item(mentionId(target))))
      return this.#count(e.kind, 'ignored');
    const what = e.kind === 'reaction' ? `reacted (${e.reaction.replace(/[^a-z_]/gi, '').slice(0, 20) || 'like'})` : 'shared it';
    const fields = this.#fields(
      `${e.kind}:${target}:${e.from.id}`,
      'inbound',
      e.from,
      null,
      what,
      null,
      e.createdAt,
      null,
      `post:${target}`,
      false,
    );
    const built = toMention(fields);
    if (!built.ok) return this.#count(e.kind, 'invalid');
    batch.amplify.push({ mention: built.mention, originalId: mentionId(target) });
  }

  async #name(userId: string): Promise<string | null> {
    const { items, spec } = this.#d;
    const known = await items.name(userId);
    if (known) return known;
    try {
      const name = await spec.profileName(this.#d.graph, userId);
      if (name) await items.rememberName(userId, name.slice(0, 200));
      return name;
    } catch {
      // A profile that cannot be read (permission, privacy) leaves the card with the id only.
      return null;
    }
  }

  #fields(
    id: string,
    direction: 'inbound' | 'outbound',
    person: Person | null,
    name: string | null,
    text: string,
    url: string | null,
    createdAt: Date,
    inReplyTo: string | null,
    conversationId: string,
    isPrivate: boolean,
  ): MentionFields {
    return { source: this.#d.spec.source, id, direction, person, name, text, url, createdAt, inReplyTo, conversationId, isPrivate };
  }

  #add(batch: Batch, kind: string, fields: MentionFields, after?: () => Promise<void>): void {
    const built = toMention(fields);
    if (!built.ok) {
      this.#d.logger.error(`a ${this.#d.spec.label} ${kind} cannot be stored as a mention`, { reason: built.reason });
      this.#count(kind, 'invalid');
      return;
    }
    batch.mentions.push(built.mention);
    batch.kinds.push(kind);
    if (after) batch.after.push(after);
  }

  async #handOver(batch: Batch, sink: SourceSink, delivery: number): Promise<void> {
    const { metrics, spec, logger } = this.#d;
    const source = spec.source;
    if (batch.mentions.length > 0) {
      const result = await sink.ingest(batch.mentions);
      const duplicate = new Set(result.duplicateIndexes);
      const failed = new Set(result.failed.map((f) => f.index));
      batch.mentions.forEach((m, i) => {
        const kind = batch.kinds[i] ?? 'item';
        if (failed.has(i)) this.#count(kind, 'not_stored');
        else if (duplicate.has(i)) {
          metrics.duplicates.inc({ source });
          this.#count(kind, 'duplicate');
        } else {
          metrics.ingested.inc({ source, direction: m.direction });
          this.#count(kind, m.direction === 'outbound' ? 'answered_outside' : 'ingested');
        }
      });
      // The delivery stays in the inbox and is processed again with backoff; what was stored comes back as duplicates.
      requireStored({ metrics, source }, result, batch.mentions.length);
    }
    // Remembered only once stored: "known" means "ingested" (replies and windows rely on it).
    for (const remember of batch.after) await remember();
    if (batch.amplify.length > 0) {
      const result = await sink.amplify(batch.amplify);
      if (result.accepted > 0) this.#count('reaction', 'amplified', result.accepted);
      if (result.duplicates > 0) this.#count('reaction', 'duplicate', result.duplicates);
    }
    if (batch.edits.length > 0) {
      if (!sink.edit) {
        logger.warn(`${spec.label} edits not applied: this core takes no edits`, { delivery, edits: batch.edits.length });
        return;
      }
      const result = await sink.edit(batch.edits);
      if (result.edited > 0) this.#count('edit', 'edited', result.edited);
      if (result.unchanged + result.unknown > 0) this.#count('edit', 'ignored', result.unchanged + result.unknown);
      for (const bad of result.invalid) logger.error(`a ${spec.label} edit cannot be applied`, { reason: bad.reason });
    }
  }

  #count(kind: string, outcome: EventOutcome, n = 1): void {
    this.#d.events.inc({ source: this.#d.spec.source, kind, outcome }, n);
  }
}
