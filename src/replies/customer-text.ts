/**
 * What an agent typed in a chat platform, as the platform's parser read it: plain text and the
 * things chat markup stands for. Each chat adapter parses its own markup (Slack's `<url|label>`
 * and `&amp;`, Teams' HTML and `<at>` mentions) into these parts; `customerText` turns them into
 * the one plain text a customer reads, the same way for every platform.
 */
export type MarkupPart =
  | { kind: 'text'; text: string }
  /** A link; `label` is the text shown for it, when the markup gave one. */
  | { kind: 'link'; url: string; label: string | null }
  /** A colleague mentioned by the agent, by the name people know them by. */
  | { kind: 'person'; name: string | null }
  /** A chat channel, by name. */
  | { kind: 'channel'; name: string | null }
  /** A group of colleagues (a Slack user group, a Teams tag), by name. */
  | { kind: 'group'; name: string | null }
  /** @here, @channel, @everyone: a call to the chat, meaningless (or a stranger's handle) to the customer. */
  | { kind: 'broadcast' }
  /** A line break the markup wrote as a tag (`<br>`, a paragraph end). */
  | { kind: 'break' };

/** A link's address without a scheme that means nothing to a reader (`mailto:`, `tel:`). */
function address(url: string): string {
  return url.replace(/^(?:mailto|tel|sms):/i, '');
}

/** Whether a link's label only repeats its address (`x.com` for `https://x.com/`). */
function labelRepeatsUrl(label: string, url: string): boolean {
  const bare = (value: string) =>
    address(value)
      .trim()
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .replace(/^www\./, '')
      .replace(/\/+$/, '');
  return bare(label) === bare(url);
}

function partText(part: MarkupPart): string {
  switch (part.kind) {
    case 'text':
      return part.text;
    case 'link': {
      const label = part.label?.trim();
      // The address itself, so the customer sees where it goes; the agent's words for it stay beside it.
      return !label || labelRepeatsUrl(label, part.url) ? address(part.url) : `${label} (${address(part.url)})`;
    }
    case 'person':
      // Never an @handle: on the customer's platform it would mention a stranger.
      return part.name?.trim().replace(/^@+/, '') || 'a colleague';
    case 'channel':
      return part.name?.trim() ? `#${part.name.trim().replace(/^#+/, '')}` : 'our team';
    case 'group':
      return part.name?.trim().replace(/^@+/, '') || 'our team';
    case 'broadcast':
      return '';
    case 'break':
      return '\n';
  }
}

/**
 * The plain text a customer reads for what an agent typed in chat: links as their address
 * (with the agent's label beside it when it says something else), colleagues by name, calls
 * to the whole channel left out, and no markup or escapes of any chat platform.
 */
export function customerText(parts: readonly MarkupPart[]): string {
  return parts
    .map(partText)
    .join('')
    .replace(/[^\S\n]+\n/g, '\n')
    .replace(/([^\s])[^\S\n]{2,}(?=[^\s])/g, '$1 ')
    .trim();
}
