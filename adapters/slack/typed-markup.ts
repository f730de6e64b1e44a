import { customerText, type MarkupPart } from '../../src/replies/customer-text.js';

/** Slack escapes exactly these three in what people type; nothing else is an entity in mrkdwn. */
const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };
const decode = (text: string) => text.replace(/&(amp|lt|gt);/g, (_m, name: string) => ENTITY[name]!);

/** One `<…>` control sequence: a link, a person, a channel, a group, a broadcast or a date. */
function controlPart(inner: string, names: ReadonlyMap<string, string | null>): MarkupPart {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : decode(inner.slice(bar + 1));
  if (/^@[UW][A-Z0-9]+$/.test(target)) return { kind: 'person', name: names.get(target.slice(1)) ?? label };
  if (/^#[CG][A-Z0-9]+$/.test(target)) return { kind: 'channel', name: label ?? names.get(target.slice(1)) ?? null };
  if (/^!(?:here|channel|everyone)$/.test(target)) return { kind: 'broadcast' };
  if (target.startsWith('!subteam^')) return { kind: 'group', name: label };
  // `<!date^…|fallback>` and anything else Slack may add: its fallback text, if it has one.
  if (target.startsWith('!')) return { kind: 'text', text: label ?? '' };
  return { kind: 'link', url: decode(target), label };
}

/**
 * What someone typed in Slack (a slash command's text, which Slack sends escaped, with people,
 * channels and links as `<…>` control sequences) read into platform-neutral parts. `names`
 * holds the names of people and channels looked up beforehand (by id, without `@`/`#`).
 */
export function parseSlackTyped(escaped: string, names: ReadonlyMap<string, string | null> = new Map()): MarkupPart[] {
  const parts: MarkupPart[] = [];
  let at = 0;
  for (const m of escaped.matchAll(/<([^<>]*)>/g)) {
    if (m.index > at) parts.push({ kind: 'text', text: decode(escaped.slice(at, m.index)) });
    parts.push(controlPart(m[1]!, names));
    at = m.index + m[0].length;
  }
  if (at < escaped.length) parts.push({ kind: 'text', text: decode(escaped.slice(at)) });
  return parts;
}

/** Slack-typed text as the customer should read it (see `customerText`). */
export function slackTypedToPlain(escaped: string, names: ReadonlyMap<string, string | null> = new Map()): string {
  return customerText(parseSlackTyped(escaped, names));
}
