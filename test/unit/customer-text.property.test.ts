import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSlackTyped, slackTypedToPlain } from '../../adapters/slack/typed-markup.js';
import { parseTeamsTyped } from '../../adapters/teams/typed-markup.js';
import { customerText, type MarkupPart } from '../../src/replies/customer-text.js';

/**
 * Chat markup to the plain text a customer reads. Each platform writes the same intent its own
 * way (Slack: `&amp;` and `<url|label>`; Teams: HTML entities, `<a href>`, `<at>`); read back,
 * both must give exactly what `customerText` gives for the intent, and plain typed text must
 * come through untouched, whatever characters it holds.
 */

/** Typed text with every character markup cares about, other scripts, emoji and line breaks. */
const typed = fc.string({
  unit: fc.oneof(
    fc.constantFrom('&', '<', '>', '|', '"', "'", '@', '#', '!', ';', 'amp', 'lt', '\n', ' ', 'é', '中', '😀'),
    fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  ),
  maxLength: 40,
});
const name = fc
  .string({
    unit: fc.oneof(fc.constantFrom('&', '<', '>', 'é', ' '), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })),
    minLength: 1,
    maxLength: 20,
  })
  .filter((n) => n.trim().length > 0 && !n.includes('|'));
const url = fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => !/[<>|"\s]/.test(u));
const link = fc.record({ url, label: fc.option(name, { nil: null }) });

type Intent =
  | { kind: 'text'; text: string }
  | { kind: 'link'; url: string; label: string | null }
  | { kind: 'person'; name: string }
  | { kind: 'broadcast' };
const intent: fc.Arbitrary<Intent> = fc.oneof(
  typed.map((text) => ({ kind: 'text' as const, text })),
  link.map((l) => ({ kind: 'link' as const, ...l })),
  name.map((n) => ({ kind: 'person' as const, name: n })),
  fc.constant({ kind: 'broadcast' as const }),
);

const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const htmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The intents as Slack sends them in a slash command, with the names it would look up. */
function asSlack(intents: readonly Intent[]): { escaped: string; names: Map<string, string | null> } {
  const names = new Map<string, string | null>();
  const escaped = intents
    .map((i, n) => {
      switch (i.kind) {
        case 'text':
          return slackEscape(i.text);
        case 'link':
          return i.label === null ? `<${slackEscape(i.url)}>` : `<${slackEscape(i.url)}|${slackEscape(i.label)}>`;
        case 'person':
          names.set(`U${n}X`, i.name);
          return `<@U${n}X>`;
        default:
          return '<!here>';
      }
    })
    .join('');
  return { escaped, names };
}

/** The intents as a Teams message's HTML, with its mention entities (Teams has no broadcast in text). */
function asTeams(intents: readonly Intent[]): {
  html: string;
  entities: { type: string; text: string; mentioned: { id: string; name: string } }[];
} {
  const entities: { type: string; text: string; mentioned: { id: string; name: string } }[] = [];
  const html = intents
    .map((i, n) => {
      switch (i.kind) {
        case 'text':
          return htmlEscape(i.text).replace(/\n/g, '<br>');
        case 'link':
          return `<a href="${htmlEscape(i.url)}">${htmlEscape(i.label ?? i.url)}</a>`;
        case 'person': {
          const text = `<at>${htmlEscape(i.name)}</at>`;
          entities.push({ type: 'mention', text, mentioned: { id: `29:p${n}`, name: i.name } });
          return text;
        }
        default:
          return '';
      }
    })
    .join('');
  return { html, entities };
}

/** Whether the agent typed `<` or `&` themselves (in text, a name or a label): then they may rightly appear. */
const typedMarkupChars = (intents: readonly Intent[]) =>
  intents.some((i) => /[<&]/.test(i.kind === 'text' ? i.text : i.kind === 'person' ? i.name : i.kind === 'link' ? (i.label ?? '') : ''));

/** What the reader should get for the intents. */
const expected = (intents: readonly Intent[], platform: 'slack' | 'teams'): string =>
  customerText(
    intents.map((i): MarkupPart => {
      if (i.kind === 'person') return { kind: 'person', name: i.name };
      if (i.kind === 'link') return { kind: 'link', url: i.url, label: platform === 'teams' ? (i.label ?? i.url) : i.label };
      return i;
    }),
  );

/** Teams parts with each `<at>` read as the person it names (as the command reader does). */
const teamsPlain = (html: string, entities: Parameters<typeof parseTeamsTyped>[1]) =>
  customerText(
    parseTeamsTyped(html, entities).map(
      (p): MarkupPart => (p.kind === 'at' ? { kind: 'person', name: p.entity?.mentioned?.name ?? p.name } : p),
    ),
  );

describe('chat markup to customer text (fast-check)', () => {
  it('Slack: plain typed text comes back exactly as typed, whatever it holds', () => {
    fc.assert(
      fc.property(typed, (text) => {
        expect(parseSlackTyped(slackEscape(text))).toEqual(text ? [{ kind: 'text', text }] : []);
      }),
      { numRuns: 300 },
    );
  });

  it('Slack: links, people and broadcasts read as the customer should get them, never as markup', () => {
    fc.assert(
      fc.property(fc.array(intent, { maxLength: 8 }), (intents) => {
        const { escaped, names } = asSlack(intents);
        const plain = slackTypedToPlain(escaped, names);
        expect(plain).toBe(expected(intents, 'slack'));
        // No Slack control sequence survives unless the agent typed those characters as text.
        if (!typedMarkupChars(intents)) expect(plain).not.toMatch(/<[@#!]|<https?:|&amp;|&lt;|&gt;/);
      }),
      { numRuns: 300 },
    );
  });

  it('Teams: plain typed text comes back as typed (line breaks as <br>), whatever it holds', () => {
    fc.assert(
      fc.property(typed, (text) => {
        expect(teamsPlain(htmlEscape(text).replace(/\n/g, '<br>'), [])).toBe(customerText([{ kind: 'text', text }]));
      }),
      { numRuns: 300 },
    );
  });

  it('Teams: links and mentions read as the customer should get them, never as HTML or entities', () => {
    fc.assert(
      fc.property(fc.array(intent, { maxLength: 8 }), (intents) => {
        const { html, entities } = asTeams(intents);
        const plain = teamsPlain(html, entities);
        expect(plain).toBe(expected(intents, 'teams'));
        if (!typedMarkupChars(intents)) expect(plain).not.toMatch(/<\/?(?:at|a)\b|&(?:amp|lt|gt|quot|nbsp);/);
      }),
      { numRuns: 300 },
    );
  });

  it('examples from the review: a labelled link, a mention with a name, an escaped ampersand', () => {
    expect(slackTypedToPlain('See <https://x.com|x.com> &amp; ask <@U123|sam>')).toBe('See https://x.com & ask sam');
    expect(slackTypedToPlain('mail <mailto:help@acme.example|help@acme.example> or <#C1|support>')).toBe(
      'mail help@acme.example or #support',
    );
    expect(
      teamsPlain('<p>See <a href="https://x.com">x.com</a> &amp; ask <at>Sam&nbsp;Jones</at></p>', [
        { type: 'mention', text: '<at>Sam&nbsp;Jones</at>', mentioned: { id: '29:sam', name: 'Sam Jones' } },
      ]),
    ).toBe('See https://x.com & ask Sam Jones');
    expect(teamsPlain('<a href="javascript:alert(1)">click</a>', [])).toBe('click');
  });
});
