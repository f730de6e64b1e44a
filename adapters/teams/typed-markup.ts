import { Parser } from 'htmlparser2';
import type { MarkupPart } from '../../src/replies/customer-text.js';

/** A mention entity of a Teams message: `text` is the `<at>…</at>` markup it stands for. */
export interface MentionEntity {
  type: string;
  text?: string;
  mentioned?: { id: string; name?: string; aadObjectId?: string };
}

/** What Teams typed text holds: neutral parts, and `<at>` mentions tied to their entity when there is one. */
export type TeamsTypedPart = MarkupPart | { kind: 'at'; name: string; entity: MentionEntity | null };

/** Elements whose content is never what someone typed (Teams does not send them; a forged activity may). */
const SKIP = new Set(['script', 'style', 'template', 'head', 'title']);
/** Tags that end a line in what the reader sees. */
const LINE_END = new Set(['br', 'p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre']);

const innerOf = (markup: string | undefined) => (markup ?? '').replace(/^<at[^>]*>/i, '').replace(/<\/at>$/i, '');

/**
 * A Teams message's `text` (HTML: entities, `<at>` mentions, `<a href>` links, paragraphs)
 * read into parts. Each `<at>` is matched to the first unused mention entity of the same text,
 * so two mentions of one name stay two people in order.
 */
export function parseTeamsTyped(html: string, mentions: readonly MentionEntity[] = []): TeamsTypedPart[] {
  const parts: TeamsTypedPart[] = [];
  const unused = [...mentions];
  let skipping = 0;
  let at: string | null = null;
  let link: { href: string; text: string } | null = null;
  const pushText = (raw: string) => {
    // Teams clients write a no-break space around mentions; to the reader it is a space.
    const text = raw.replace(/\u00a0/g, ' ');
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += text;
    else parts.push({ kind: 'text', text });
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SKIP.has(name)) skipping += 1;
        else if (name === 'at') at = '';
        else if (name === 'a') link = { href: attributes.href ?? '', text: '' };
        else if (name === 'br') parts.push({ kind: 'break' });
      },
      ontext(text) {
        if (skipping > 0) return;
        if (at !== null) at += text.replace(/\u00a0/g, ' ');
        else if (link) link.text += text;
        else pushText(text);
      },
      onclosetag(name, implied) {
        if (SKIP.has(name)) {
          skipping = Math.max(0, skipping - 1);
        } else if (name === 'at' && at !== null) {
          const typed = at;
          const index = unused.findIndex((m) => decodeInner(m.text) === typed);
          const entity = index === -1 ? null : unused.splice(index, 1)[0]!;
          parts.push({ kind: 'at', name: typed, entity });
          at = null;
        } else if (name === 'a' && link) {
          const { href, text } = link;
          link = null;
          // Only links a reader can follow; anything else (javascript:, data:) is just its text.
          if (/^(https?:|mailto:|tel:)/i.test(href)) parts.push({ kind: 'link', url: href, label: text.trim() || null });
          else pushText(text);
        } else if (LINE_END.has(name) && name !== 'br' && !implied) {
          parts.push({ kind: 'break' });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  // A trailing paragraph end is no line of its own.
  while (parts.at(-1)?.kind === 'break') parts.pop();
  return parts;
}

/** The decoded inner text of an entity's `<at>…</at>` markup, as the parser reads the message. */
function decodeInner(markup: string | undefined): string {
  let text = '';
  const parser = new Parser({ ontext: (t) => (text += t.replace(/\u00a0/g, ' ')) }, { decodeEntities: true });
  parser.write(innerOf(markup));
  parser.end();
  return text;
}
