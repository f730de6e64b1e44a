import { z } from 'zod';
import type { RepostInput } from '../../src/ingest/amplify.js';
import { mentionSchema, type MentionInput } from '../../src/ingest/schema.js';
import { htmlToText } from './html-text.js';

export const SOURCE = 'mastodon';

/** The parts of an account Klaxon reads (camelCase, as masto gives them). */
const accountSchema = z.object({
  id: z.string(),
  acct: z.string(),
  username: z.string().optional(),
  displayName: z.string().optional().catch(undefined),
  followersCount: z.number().optional().catch(undefined),
  bot: z.boolean().optional().catch(undefined),
});

export const statusSchema = z.object({
  id: z.string(),
  uri: z.string().optional(),
  url: z.string().nullable().optional(),
  createdAt: z.string(),
  account: accountSchema,
  content: z.string(),
  visibility: z.enum(['public', 'unlisted', 'private', 'direct']).catch('public'),
  spoilerText: z.string().optional().catch(undefined),
  inReplyToId: z.string().nullable().optional(),
  mediaAttachments: z.array(z.unknown()).optional().catch(undefined),
});
export type StatusJson = z.infer<typeof statusSchema>;

export const notificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  createdAt: z.string(),
  account: accountSchema,
  status: statusSchema.nullable().optional(),
});
export type NotificationJson = z.infer<typeof notificationSchema>;

/** Mastodon ids are numeric strings (snowflakes): compare them as integers, never as text. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** snake_case keys (the streaming API's raw JSON) as masto's camelCase. */
export function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()), camelize(v)]),
  );
}

function authorOf(account: StatusJson['account']): MentionInput['author'] {
  return {
    id: account.id,
    ...(account.acct.length <= 100 ? { handle: account.acct } : {}),
    ...(account.displayName?.trim() ? { name: account.displayName.trim().slice(0, 200) } : {}),
    ...(typeof account.followersCount === 'number' && account.followersCount >= 0 ? { followers: account.followersCount } : {}),
  };
}

/** What the card shows: the content warning first (people see it before the text), then the text. */
function textOf(status: StatusJson): string {
  const body = htmlToText(status.content);
  const warning = status.spoilerText?.trim();
  const text = warning ? `CW: ${warning}\n${body}` : body;
  if (text.trim()) return text.slice(0, 10_000);
  return (status.mediaAttachments?.length ?? 0) > 0 ? '(a post with media and no text)' : '(a post with no text)';
}

export type Mapped = { ok: true; mention: MentionInput } | { ok: false; reason: string };

/**
 * A status that mentions the brand, as a mention. Its id is the status id on the brand's instance
 * (stable; replies refer to it); a direct message is private. The conversation is the status's
 * own id, or the conversation of the brand's reply it answers, so a customer answering Klaxon's
 * reply joins the case. `seenAt` is when the brand's instance learnt of it (the notification's
 * time): a remote server sets the status's own createdAt and may backdate it.
 */
export function statusToMention(status: StatusJson, options: { conversationOf?: string | null; brandId: string; seenAt?: string }): Mapped {
  const raw = {
    id: status.id,
    source: SOURCE,
    direction: status.account.id === options.brandId ? 'outbound' : 'inbound',
    author: authorOf(status.account),
    text: textOf(status),
    ...(status.url || status.uri ? { url: status.url ?? status.uri } : {}),
    createdAt: options.seenAt ?? status.createdAt,
    ...(status.inReplyToId ? { inReplyTo: status.inReplyToId } : {}),
    ...(options.conversationOf ? { conversationId: options.conversationOf } : status.inReplyToId ? {} : { conversationId: status.id }),
    private: status.visibility === 'direct',
  };
  const parsed = mentionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') };
  return { ok: true, mention: parsed.data };
}

/** A boost or favourite of the brand's reply: reach for the customer's case, never a case. */
export function amplification(n: NotificationJson, customerStatusId: string): RepostInput | null {
  const parsed = mentionSchema.safeParse({
    id: `${n.type}:${n.id}`,
    source: SOURCE,
    author: authorOf(n.account),
    text: n.type === 'favourite' ? '(favourited the post)' : '(boosted the post)',
    createdAt: n.createdAt,
  });
  return parsed.success ? { mention: parsed.data, originalId: customerStatusId } : null;
}
