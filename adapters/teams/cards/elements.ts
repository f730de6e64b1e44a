/**
 * The small slice of the Adaptive Card 1.5 schema Klaxon uses, and helpers to build it. Cards are
 * plain JSON: no renderer library is needed to send them, and tests read them as data.
 */

import type { Markup } from '../../../src/cases/card-text.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type CardElement = { type: string } & Record<string, unknown>;
export type CardAction = { type: 'Action.Execute' | 'Action.OpenUrl' | 'Action.Submit' | 'Action.ShowCard'; title: string } & Record<
  string,
  unknown
>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  /** 1.5: the first version with Action.Execute (Universal Actions), so a card can refresh in place. */
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  fallbackText?: string;
  msteams?: { width?: 'Full'; entities?: MentionEntity[] };
}

export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

/** The data every Klaxon action carries: the verb again, so an Action.Submit fallback routes the same way. */
export type ActionData = Record<string, string | number | boolean | null> & { klaxonVerb: string };

export function adaptiveCard(
  body: CardElement[],
  opts: { actions?: CardAction[]; fallbackText?: string; entities?: MentionEntity[] } = {},
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(opts.actions?.length ? { actions: opts.actions } : {}),
    // Shown where the card is not (notifications, old clients): short, and inert like any run.
    ...(opts.fallbackText ? { fallbackText: inert(truncate(opts.fallbackText.replace(/\s+/g, ' '), 300)) } : {}),
    msteams: { width: 'Full', ...(opts.entities?.length ? { entities: opts.entities } : {}) },
  };
}

/**
 * Teams renders a markdown subset in TextBlocks and FactSets. Klaxon writes only its own words
 * there (labels, numbers, dates, config values): anything from outside — customers' words and
 * names, handles, notes, reasons, URLs, error texts — goes into TextRuns (`plainText`, `runs`),
 * which Teams never parses. `escapeMd` remains for config values shown in Klaxon's markdown.
 */
export function escapeMd(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** Characters Klaxon uses as run markers (Unicode private use): never let outside text carry them. */
const MARKERS = /[\uE000-\uE00F]/g;

/**
 * Outside text made inert for a TextRun: no lone surrogates, no `<at>` that a card's mention
 * entities could turn into a mention, no `{{DATE(…)}}` the client would rewrite, no run markers.
 * A word joiner (U+2060) keeps the text looking the same.
 */
export function inert(text: string): string {
  return text
    .toWellFormed()
    .replace(MARKERS, '\uFFFD')
    .replace(/<(\/?)at\b/gi, '<\u2060$1at')
    .replace(/\{\{/g, '{\u2060{');
}

/** The URL, when Klaxon may link to it: http(s) only, absolute, of a sane length. */
export function linkableUrl(url: string | null | undefined): string | null {
  if (!url || url.length > 2048) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Cuts at a code point boundary (never half an emoji), with an ellipsis when it cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A markdown TextBlock: only for text Klaxon writes (interpolated values go through escapeMd). */
export function textBlock(text: string, opts: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...opts };
}

export type Run = string | ({ text: string } & Record<string, unknown>);

/**
 * A RichTextBlock: TextRuns are never parsed as markdown, so customer text shows exactly as
 * written (a tweet saying "[click](http://…)" stays text). Every run's text is made inert.
 */
export function plainText(runs: Run | Run[], opts: Record<string, unknown> = {}): CardElement {
  const list = Array.isArray(runs) ? runs : [runs];
  return {
    type: 'RichTextBlock',
    inlines: list.map((r) =>
      typeof r === 'string' ? { type: 'TextRun', text: inert(r) } : { type: 'TextRun', ...r, text: inert(r.text) },
    ),
    ...opts,
  };
}

/** A run that opens a link when clicked (only for URLs `linkableUrl` allowed). */
export function linkRun(label: string, url: string, opts: Record<string, unknown> = {}): Run {
  return { text: label, selectAction: { type: 'Action.OpenUrl', url }, ...opts };
}

export function container(items: CardElement[], opts: Record<string, unknown> = {}): CardElement {
  return { type: 'Container', items, ...opts };
}

export function factSet(facts: [string, string][]): CardElement {
  return { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) };
}

export function actionSet(actions: CardAction[]): CardElement {
  return { type: 'ActionSet', actions };
}

/** An Action.Execute: Teams sends an `adaptiveCard/action` invoke and shows the card it answers with. */
export function execute(
  title: string,
  verb: string,
  data: Record<string, string | number | boolean | null> = {},
  opts: { style?: 'positive' | 'destructive'; fallback?: boolean } = {},
): CardAction {
  const payload: ActionData = { ...data, klaxonVerb: verb };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: payload,
    ...(opts.style ? { style: opts.style } : {}),
    // Clients without Universal Actions (older Outlook/Teams builds) send an Action.Submit instead;
    // the bot routes both by `klaxonVerb`.
    ...(opts.fallback ? { fallback: { type: 'Action.Submit', title, data: payload } } : {}),
  };
}

export function openUrl(title: string, url: string): CardAction {
  return { type: 'Action.OpenUrl', title, url };
}

/**
 * A date each reader sees in their own time zone (Adaptive Card date functions). The functions
 * want RFC 3339 without fractions.
 */
export function cardDate(date: Date): string {
  const iso = `${date.toISOString().slice(0, 19)}Z`;
  return `{{DATE(${iso},SHORT)}} {{TIME(${iso})}}`;
}

/** An error or confirmation line at the top of a form or result card; its text may come from outside. */
export function banner(text: string, color: 'attention' | 'good' | 'warning' = 'attention'): CardElement {
  return plainText({ text, color, weight: 'Bolder' });
}

const BOLD_ON = '\uE001';
const BOLD_OFF = '\uE002';
const OUT_ON = '\uE003';
const OUT_OFF = '\uE004';
const LINK_ON = '\uE005';
const LINK_MID = '\uE006';
const LINK_OFF = '\uE007';

/**
 * The shared card phrases (src/cases/card-text.ts) written as TextRuns instead of markdown:
 * bold becomes a run's weight, a link becomes a run that opens its URL, and escaped (outside)
 * text stays plain. Dates cannot be localised inside a run, so phrases with dates are written
 * as TextBlocks by the caller instead; here a date is shown in UTC.
 */
export const RUN_MARKUP: Markup = {
  bold: (text) => `${BOLD_ON}${text}${BOLD_OFF}`,
  escape: (text) => `${OUT_ON}${text.replace(MARKERS, '\uFFFD')}${OUT_OFF}`,
  date: (date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  link: (url, label) => `${LINK_ON}${url.replace(MARKERS, '')}${LINK_MID}${label}${LINK_OFF}`,
  owner: (owner) => `${BOLD_ON}${OUT_ON}${(owner.name ?? owner.id).replace(MARKERS, '\uFFFD')}${OUT_OFF}${BOLD_OFF}`,
};

/** Turns a string written with RUN_MARKUP into runs (links only to URLs `linkableUrl` accepts). */
export function markupRuns(marked: string): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let text = '';
  const flush = () => {
    if (text) runs.push(bold ? { text, weight: 'Bolder' } : text);
    text = '';
  };
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i]!;
    if (c === BOLD_ON || c === BOLD_OFF) {
      flush();
      bold = c === BOLD_ON;
    } else if (c === LINK_ON) {
      flush();
      const mid = marked.indexOf(LINK_MID, i);
      const end = marked.indexOf(LINK_OFF, mid);
      const url = linkableUrl(marked.slice(i + 1, mid));
      const label = marked.slice(mid + 1, end).replace(MARKERS, '');
      runs.push(url ? linkRun(label, url) : label);
      i = end;
    } else if (c !== OUT_ON && c !== OUT_OFF) {
      text += c;
    }
  }
  flush();
  return runs;
}
