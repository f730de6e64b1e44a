import { createHash } from 'node:crypto';
import { mentionSchema, type MentionInput } from '../../src/ingest/schema.js';
import type { Person } from './payload.js';

/** The ingest format's limit on a mention's text. */
const MAX_TEXT = 10_000;
const MAX_ID = 256;

/** A platform id as a mention id: Meta's message ids can outgrow the ingest format's 256 characters. */
export function mentionId(raw: string): string {
  return raw.length <= MAX_ID ? raw : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** The words of an item, or what it was when it had none (a photo, a sticker, a voice note). */
export function itemText(text: string | null, attachments: readonly string[], what: string): string {
  const words = (text ?? '').replace(/\u0000/g, '').trim();
  const listed =
    attachments.length > 0
      ? `📎 ` +
        `${attachments.length === 1 ? attachments[0] : `${attachments.length} attachments (${[...new Set(attachments)].join(', ')})`}` +
        ` (not stored)`
      : '';
  const body = [words, listed].filter(Boolean).join('\n\n') || `(${what} with no text)`;
  return body.length > MAX_TEXT
    ? `${body.slice(0, MAX_TEXT - 40).trimEnd()}\n\n[… shortened: ${body.length - (MAX_TEXT - 40)} more characters]`
    : body;
}

function author(person: Person | null, name: string | null): MentionInput['author'] {
  if (!person) return name ? { name: name.slice(0, 200) } : {};
  const handle = person.username && /^[A-Za-z0-9_.]{1,100}$/.test(person.username) ? person.username : undefined;
  const display = (name ?? person.name)
    ?.replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, 200);
  return { id: person.id, ...(handle ? { handle } : {}), ...(display ? { name: display } : {}) };
}

export interface MentionFields {
  source: 'facebook' | 'instagram';
  id: string;
  direction: 'inbound' | 'outbound';
  person: Person | null;
  name: string | null;
  text: string;
  url: string | null;
  createdAt: Date;
  inReplyTo: string | null;
  conversationId: string;
  isPrivate: boolean;
}

/** A mention in the ingest format, validated like any other, or the reason it cannot be one (never its text). */
export function toMention(f: MentionFields): { ok: true; mention: MentionInput } | { ok: false; reason: string } {
  const candidate = {
    id: mentionId(f.id),
    source: f.source,
    direction: f.direction,
    author: author(f.person, f.name),
    text: f.text,
    ...(f.url ? { url: f.url } : {}),
    createdAt: f.createdAt.toISOString(),
    ...(f.inReplyTo && f.inReplyTo !== f.id ? { inReplyTo: mentionId(f.inReplyTo) } : {}),
    conversationId: f.conversationId,
    private: f.isPrivate,
  };
  const result = mentionSchema.safeParse(candidate);
  if (!result.success) return { ok: false, reason: result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') };
  return { ok: true, mention: result.data };
}
