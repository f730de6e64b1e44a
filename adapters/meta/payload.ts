import { z } from 'zod';

/**
 * Meta's webhook deliveries, read defensively: the envelope first, then every entry, change and
 * messaging event on its own, so one malformed or unknown event is skipped (and counted) without
 * losing the others. zod objects keep only the fields named here — unknown fields, `__proto__` and
 * `constructor` keys included, never reach the rest of the code.
 */

/** Graph ids that go into URL paths: digits and underscores (`<page>_<post>`), never `.` or `/`. */
const graphId = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^[A-Za-z0-9_]{1,128}$/));
/** Message ids (`m_…`) are opaque and never go into a path. */
const messageId = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[\x21-\x7e]+$/);
const text = z.string().max(200_000);
const seconds = z.union([z.number().finite(), z.string().max(40)]);

/** How many entries and events of one delivery are read (Meta batches up to 1,000). */
export const MAX_EVENTS = 2_000;

export type MetaPlatform = 'facebook' | 'instagram';

export interface Person {
  id: string;
  name?: string;
  username?: string;
}

/** A normalised event from a delivery. `ownerId` is the Page (or Instagram account) it arrived for. */
export type MetaEvent =
  | {
      kind: 'comment';
      platform: MetaPlatform;
      verb: string;
      ownerId: string;
      commentId: string;
      postId: string | null;
      parentId: string | null;
      from: Person | null;
      text: string | null;
      createdAt: Date;
    }
  | {
      kind: 'post';
      platform: 'facebook';
      verb: string;
      ownerId: string;
      postId: string;
      from: Person | null;
      text: string | null;
      createdAt: Date;
    }
  | {
      kind: 'reaction';
      platform: 'facebook';
      verb: string;
      ownerId: string;
      targetId: string;
      from: Person | null;
      reaction: string;
      createdAt: Date;
    }
  | { kind: 'share'; platform: 'facebook'; verb: string; ownerId: string; postId: string; from: Person | null; createdAt: Date }
  | { kind: 'mention'; platform: 'instagram'; ownerId: string; mediaId: string; commentId: string | null; createdAt: Date }
  | {
      kind: 'message';
      platform: MetaPlatform;
      ownerId: string;
      senderId: string;
      recipientId: string;
      mid: string;
      text: string | null;
      attachments: string[];
      echo: boolean;
      replyToMid: string | null;
      createdAt: Date;
    }
  | { kind: 'message_edit'; platform: MetaPlatform; ownerId: string; senderId: string; mid: string; text: string; createdAt: Date };

export interface ParsedDelivery {
  events: MetaEvent[];
  /** Entries or events that were malformed or of a kind Klaxon does not use (counted, never logged with content). */
  skipped: number;
}

const envelope = z.object({ object: z.string(), entry: z.array(z.unknown()) });
const entrySchema = z.object({
  id: graphId,
  time: z.number().finite().optional(),
  changes: z.array(z.unknown()).optional(),
  messaging: z.array(z.unknown()).optional(),
});
const person = z.object({ id: graphId, name: z.string().max(500).optional(), username: z.string().max(200).optional() });
const change = z.object({ field: z.string().max(64), value: z.unknown() });

const feedValue = z.object({
  item: z.string().max(32),
  verb: z.string().max(32),
  post_id: graphId.optional(),
  comment_id: graphId.optional(),
  parent_id: graphId.optional(),
  from: person.optional(),
  message: text.optional(),
  created_time: seconds.optional(),
  reaction_type: z.string().max(32).optional(),
});
const igComment = z.object({
  id: graphId,
  text: text.optional(),
  from: person.optional(),
  parent_id: graphId.optional(),
  media: z.object({ id: graphId }).optional(),
});
const igMention = z.object({ media_id: graphId, comment_id: graphId.optional() });
const attachment = z.object({ type: z.string().max(32).optional() });
const messaging = z.object({
  sender: z.object({ id: graphId }),
  recipient: z.object({ id: graphId }),
  timestamp: z.number().finite().optional(),
  message: z
    .object({
      mid: messageId,
      text: text.optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      attachments: z.array(attachment).max(100).optional(),
      reply_to: z.object({ mid: messageId.optional() }).optional(),
    })
    .optional(),
  message_edit: z.object({ mid: messageId, text: text }).optional(),
});

/** Meta's times: Unix seconds (most fields), milliseconds (messaging), or ISO strings (some Graph reads). */
export function toDate(value: number | string | undefined, fallback: Date): Date {
  if (value === undefined) return fallback;
  if (typeof value === 'number') {
    const ms = value > 1e11 ? value : value * 1000;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? fallback : d;
  }
  const numeric = /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
  if (numeric !== null) return toDate(numeric, fallback);
  // Graph writes offsets as +0000, which Date parses.
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? fallback : d;
}

function feedEvent(ownerId: string, raw: unknown, at: Date): MetaEvent | null {
  const v = feedValue.safeParse(raw);
  if (!v.success) return null;
  const f = v.data;
  const createdAt = toDate(f.created_time, at);
  const from = f.from ?? null;
  switch (f.item) {
    case 'comment':
      if (!f.comment_id) return null;
      return {
        kind: 'comment',
        platform: 'facebook',
        verb: f.verb,
        ownerId,
        commentId: f.comment_id,
        postId: f.post_id ?? null,
        parentId: f.parent_id ?? null,
        from,
        text: f.message ?? null,
        createdAt,
      };
    case 'status':
    case 'post':
    case 'photo':
    case 'video':
      if (!f.post_id) return null;
      return { kind: 'post', platform: 'facebook', verb: f.verb, ownerId, postId: f.post_id, from, text: f.message ?? null, createdAt };
    case 'reaction':
    case 'like': {
      const target = f.comment_id ?? f.post_id;
      if (!target) return null;
      return {
        kind: 'reaction',
        platform: 'facebook',
        verb: f.verb,
        ownerId,
        targetId: target,
        from,
        reaction: f.reaction_type ?? 'like',
        createdAt,
      };
    }
    case 'share':
      if (!f.post_id) return null;
      return { kind: 'share', platform: 'facebook', verb: f.verb, ownerId, postId: f.post_id, from, createdAt };
    default:
      return null;
  }
}

function instagramChange(ownerId: string, field: string, raw: unknown, at: Date): MetaEvent | null {
  if (field === 'comments') {
    const v = igComment.safeParse(raw);
    if (!v.success) return null;
    const c = v.data;
    return {
      kind: 'comment',
      platform: 'instagram',
      verb: 'add',
      ownerId,
      commentId: c.id,
      postId: c.media?.id ?? null,
      parentId: c.parent_id ?? null,
      from: c.from ?? null,
      text: c.text ?? null,
      createdAt: at,
    };
  }
  if (field === 'mentions') {
    const v = igMention.safeParse(raw);
    if (!v.success) return null;
    return {
      kind: 'mention',
      platform: 'instagram',
      ownerId,
      mediaId: v.data.media_id,
      commentId: v.data.comment_id ?? null,
      createdAt: at,
    };
  }
  return null;
}

function messagingEvent(platform: MetaPlatform, ownerId: string, raw: unknown, at: Date): MetaEvent | null {
  const v = messaging.safeParse(raw);
  if (!v.success) return null;
  const m = v.data;
  const createdAt = toDate(m.timestamp, at);
  if (m.message_edit) {
    return {
      kind: 'message_edit',
      platform,
      ownerId,
      senderId: m.sender.id,
      mid: m.message_edit.mid,
      text: m.message_edit.text,
      createdAt,
    };
  }
  if (!m.message || m.message.is_deleted) return null;
  const attachments = (m.message.attachments ?? []).map((a) => (a.type ?? 'file').replace(/[^a-z_]/gi, '').slice(0, 32) || 'file');
  return {
    kind: 'message',
    platform,
    ownerId,
    senderId: m.sender.id,
    recipientId: m.recipient.id,
    mid: m.message.mid,
    text: m.message.text ?? null,
    attachments,
    echo: m.message.is_echo === true,
    replyToMid: m.message.reply_to?.mid ?? null,
    createdAt,
  };
}

/**
 * The events of one delivery. `receivedAt` stands in for a time Meta did not send. Never throws:
 * a body that is not a delivery at all yields no events and one skip.
 */
export function parseDelivery(body: string, receivedAt: Date): ParsedDelivery {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { events: [], skipped: 1 };
  }
  const env = envelope.safeParse(json);
  if (!env.success) return { events: [], skipped: 1 };
  const platform: MetaPlatform | null = env.data.object === 'page' ? 'facebook' : env.data.object === 'instagram' ? 'instagram' : null;
  if (!platform) return { events: [], skipped: env.data.entry.length };
  const out: ParsedDelivery = { events: [], skipped: 0 };
  let seen = 0;
  for (const rawEntry of env.data.entry) {
    if (seen >= MAX_EVENTS) {
      out.skipped += 1;
      continue;
    }
    const e = entrySchema.safeParse(rawEntry);
    if (!e.success) {
      out.skipped += 1;
      continue;
    }
    const at = toDate(e.data.time, receivedAt);
    for (const rawChange of e.data.changes ?? []) {
      seen += 1;
      const c = seen <= MAX_EVENTS ? change.safeParse(rawChange) : null;
      const event = c?.success
        ? platform === 'facebook'
          ? c.data.field === 'feed'
            ? feedEvent(e.data.id, c.data.value, at)
            : null
          : instagramChange(e.data.id, c.data.field, c.data.value, at)
        : null;
      if (event) out.events.push(event);
      else out.skipped += 1;
    }
    for (const rawEvent of e.data.messaging ?? []) {
      seen += 1;
      const event = seen <= MAX_EVENTS ? messagingEvent(platform, e.data.id, rawEvent, at) : null;
      if (event) out.events.push(event);
      else out.skipped += 1;
    }
  }
  return out;
}
