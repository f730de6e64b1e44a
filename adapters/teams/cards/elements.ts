/**
 * The small slice of the Adaptive Card 1.5 schema Klaxon uses, and helpers to build it. Cards are
 * plain JSON: no renderer library is needed to send them, and tests read them as data.
 */

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type CardElement = { type: string } & Record<string, unknown>;
export type CardAction = { type: 'Action.Execute' | 'Action.OpenUrl' | 'Action.Submit' | 'Action.ShowCard'; title: string } & Record<string, unknown>;

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

export function adaptiveCard(body: CardElement[], opts: { actions?: CardAction[]; fallbackText?: string; entities?: MentionEntity[] } = {}): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(opts.actions?.length ? { actions: opts.actions } : {}),
    ...(opts.fallbackText ? { fallbackText: opts.fallbackText } : {}),
    msteams: { width: 'Full', ...(opts.entities?.length ? { entities: opts.entities } : {}) },
  };
}

/**
 * Teams renders a markdown subset in TextBlocks. Short values Klaxon interpolates into its own
 * markdown (a name, a reason) must not turn into emphasis or links: the inline syntax characters
 * are backslash-escaped. Longer text from customers goes into `plainText` instead, never markdown.
 */
export function escapeMd(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** A URL safe inside a markdown link: parentheses and spaces would end it early. */
export function mdUrl(url: string): string {
  return encodeURI(url).replace(/\(/g, '%28').replace(/\)/g, '%29');
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A markdown TextBlock: only for text Klaxon writes (interpolated values go through escapeMd). */
export function textBlock(text: string, opts: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...opts };
}

export type Run = string | ({ text: string } & Record<string, unknown>);

/**
 * A RichTextBlock: TextRuns are never parsed as markdown, so customer text shows exactly as
 * written (a tweet saying "[click](http://…)" stays text).
 */
export function plainText(runs: Run | Run[], opts: Record<string, unknown> = {}): CardElement {
  const list = Array.isArray(runs) ? runs : [runs];
  return { type: 'RichTextBlock', inlines: list.map((r) => (typeof r === 'string' ? { type: 'TextRun', text: r } : { type: 'TextRun', ...r })), ...opts };
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
export function execute(title: string, verb: string, data: Record<string, string | number | boolean | null> = {}, opts: { style?: 'positive' | 'destructive'; fallback?: boolean } = {}): CardAction {
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

/** An error or confirmation line at the top of a form or result card. */
export function banner(text: string, color: 'attention' | 'good' | 'warning' = 'attention'): CardElement {
  return textBlock(text, { color, weight: 'Bolder' });
}
