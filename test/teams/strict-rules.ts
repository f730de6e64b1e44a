/**
 * What Microsoft Teams refuses, encoded for the loopback connector and the property tests
 * (../../../shared/PLATFORM-RULES.md, learn.microsoft.com "Format your bot messages", "Adaptive
 * Cards in Teams", "Rate limiting for bots"):
 * - a message (card included) over about 100 KB, counted as UTF-16, base64-encoded images not
 *   counted → 413 `MessageSizeTooBig`;
 * - a card above schema 1.5, or with an element or action type the schema does not define;
 * - more than 7 operations per second, or 1,800 per hour, in one conversation → 429 with Retry-After.
 * Written independently of the adapter's own size accounting, so one cannot hide the other's bug.
 */

/** Teams' documented ceiling for one bot message. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 100 * 1024;
/** What Klaxon promises to stay under (PLATFORM-RULES: "keep it under 80 KB"). */
export const KLAXON_MESSAGE_BUDGET_BYTES = 80 * 1024;

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** `data:image/…;base64,…` payloads: not counted towards the size limit. */
const BASE64_IMAGE = /data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/gi;

/** The size Teams counts: the activity's JSON as UTF-16 (two bytes per code unit), images left out. */
export function countedBytes(activity: unknown): number {
  return JSON.stringify(activity).replace(BASE64_IMAGE, '').length * 2;
}

const ELEMENTS = new Set([
  'TextBlock',
  'RichTextBlock',
  'Image',
  'ImageSet',
  'Media',
  'Container',
  'ColumnSet',
  'Column',
  'FactSet',
  'ActionSet',
  'Table',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
]);
const ACTIONS = new Set(['Action.OpenUrl', 'Action.Submit', 'Action.ShowCard', 'Action.ToggleVisibility', 'Action.Execute']);
const INLINES = new Set(['TextRun']);
const SUPPORTED_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class CardProblems {
  readonly list: string[] = [];
  readonly inputIds = new Set<string>();
  texts: string[] = [];
  add(path: string, problem: string): void {
    if (this.list.length < 20) this.list.push(`${path}: ${problem}`);
  }
}

function checkAction(action: unknown, path: string, p: CardProblems): void {
  if (!isObject(action)) return p.add(path, 'an action must be an object');
  const type = action.type;
  if (typeof type !== 'string' || !ACTIONS.has(type)) return p.add(path, `unknown action type ${JSON.stringify(type)}`);
  if (action.title !== undefined && typeof action.title !== 'string') p.add(`${path}.title`, 'must be a string');
  if (type === 'Action.OpenUrl') {
    if (typeof action.url !== 'string') p.add(`${path}.url`, 'is required');
    else {
      try {
        const url = new URL(action.url);
        if (!['https:', 'http:', 'mailto:', 'tel:', 'msteams:'].includes(url.protocol))
          p.add(`${path}.url`, `scheme ${url.protocol} is not allowed`);
      } catch {
        p.add(`${path}.url`, 'must be an absolute URL');
      }
    }
  }
  if (type === 'Action.Execute' && action.verb !== undefined && typeof action.verb !== 'string') p.add(`${path}.verb`, 'must be a string');
  if (type === 'Action.ShowCard') checkCard(action.card, `${path}.card`, p, false);
  if (action.data !== undefined && !isObject(action.data) && typeof action.data !== 'string')
    p.add(`${path}.data`, 'must be an object or a string');
  if (action.fallback !== undefined && action.fallback !== 'drop') checkAction(action.fallback, `${path}.fallback`, p);
}

function checkElements(items: unknown, path: string, p: CardProblems): void {
  if (items === undefined) return;
  if (!Array.isArray(items)) return p.add(path, 'must be an array');
  items.forEach((item, i) => {
    checkElement(item, `${path}[${i}]`, p);
  });
}

function checkElement(element: unknown, path: string, p: CardProblems): void {
  if (!isObject(element)) return p.add(path, 'an element must be an object');
  const type = element.type;
  if (typeof type !== 'string' || !ELEMENTS.has(type)) return p.add(path, `unknown element type ${JSON.stringify(type)}`);
  if (type.startsWith('Input.')) {
    if (typeof element.id !== 'string' || !element.id) p.add(`${path}.id`, 'an input needs an id');
    else if (p.inputIds.has(element.id)) p.add(`${path}.id`, `duplicate input id ${element.id}`);
    else p.inputIds.add(element.id);
  }
  switch (type) {
    case 'TextBlock':
      if (typeof element.text !== 'string') p.add(`${path}.text`, 'is required');
      else p.texts.push(element.text);
      break;
    case 'RichTextBlock':
      if (!Array.isArray(element.inlines)) p.add(`${path}.inlines`, 'is required');
      else
        element.inlines.forEach((inline, i) => {
          if (typeof inline === 'string') return;
          if (!isObject(inline) || typeof inline.type !== 'string' || !INLINES.has(inline.type))
            p.add(`${path}.inlines[${i}]`, 'must be a TextRun');
          else if (typeof inline.text !== 'string') p.add(`${path}.inlines[${i}].text`, 'is required');
        });
      break;
    case 'Image':
      if (typeof element.url !== 'string' || !/^(https?:|data:image\/)/.test(element.url))
        p.add(`${path}.url`, 'must be an http(s) or data:image URL');
      break;
    case 'Container':
    case 'Column':
      checkElements(element.items, `${path}.items`, p);
      break;
    case 'ColumnSet':
      if (element.columns !== undefined) {
        if (!Array.isArray(element.columns)) p.add(`${path}.columns`, 'must be an array');
        else {
          element.columns.forEach((c, i) => {
            if (isObject(c) && (c.type === undefined || c.type === 'Column')) checkElements(c.items, `${path}.columns[${i}].items`, p);
            else p.add(`${path}.columns[${i}]`, 'must be a Column');
          });
        }
      }
      break;
    case 'FactSet':
      if (!Array.isArray(element.facts)) p.add(`${path}.facts`, 'is required');
      else
        element.facts.forEach((f, i) => {
          if (!isObject(f) || typeof f.title !== 'string' || typeof f.value !== 'string')
            p.add(`${path}.facts[${i}]`, 'needs a string title and value');
          else p.texts.push(f.title, f.value);
        });
      break;
    case 'ActionSet':
      if (!Array.isArray(element.actions)) p.add(`${path}.actions`, 'is required');
      else {
        element.actions.forEach((a, i) => {
          checkAction(a, `${path}.actions[${i}]`, p);
        });
      }
      break;
    case 'Input.Toggle':
      if (typeof element.title !== 'string') p.add(`${path}.title`, 'is required');
      break;
    case 'Input.ChoiceSet':
      if (!Array.isArray(element.choices)) p.add(`${path}.choices`, 'is required');
      else {
        element.choices.forEach((c, i) => {
          if (!isObject(c) || typeof c.title !== 'string' || typeof c.value !== 'string')
            p.add(`${path}.choices[${i}]`, 'needs a string title and value');
        });
      }
      break;
  }
  if (isObject(element.selectAction)) checkAction(element.selectAction, `${path}.selectAction`, p);
}

function checkCard(card: unknown, path: string, p: CardProblems, topLevel: boolean): void {
  if (!isObject(card)) return p.add(path, 'the card must be an object');
  if (card.type !== 'AdaptiveCard') p.add(`${path}.type`, 'must be "AdaptiveCard"');
  if (topLevel || card.version !== undefined) {
    if (typeof card.version !== 'string' || !SUPPORTED_VERSIONS.includes(card.version))
      p.add(`${path}.version`, `Teams supports Adaptive Cards up to 1.5, not ${JSON.stringify(card.version)}`);
  }
  checkElements(card.body, `${path}.body`, p);
  if (card.actions !== undefined) {
    if (!Array.isArray(card.actions)) p.add(`${path}.actions`, 'must be an array');
    else {
      card.actions.forEach((a, i) => {
        checkAction(a, `${path}.actions[${i}]`, p);
      });
    }
  }
  const entities = isObject(card.msteams) && Array.isArray(card.msteams.entities) ? card.msteams.entities : [];
  entities.forEach((e, i) => {
    if (
      !isObject(e) ||
      e.type !== 'mention' ||
      typeof e.text !== 'string' ||
      !isObject(e.mentioned) ||
      typeof e.mentioned.id !== 'string'
    ) {
      p.add(`${path}.msteams.entities[${i}]`, 'a mention needs text and mentioned.id');
      return;
    }
    if (!p.texts.some((t) => t.includes(e.text as string)))
      p.add(`${path}.msteams.entities[${i}]`, `the mention ${e.text} is not in any TextBlock`);
  });
}

/** Problems with an Adaptive Card's content (schema version, element and action types, required fields). */
export function cardProblems(card: unknown): string[] {
  const p = new CardProblems();
  checkCard(card, 'card', p, true);
  return p.list;
}

/** What Teams answers a bot that posts or updates this activity; null when it is accepted. */
export function refuseActivity(activity: unknown): Refusal | null {
  if (!isObject(activity)) return { status: 400, code: 'BadArgument', message: 'the activity must be an object' };
  const bytes = countedBytes(activity);
  if (bytes > TEAMS_MESSAGE_LIMIT_BYTES)
    return {
      status: 413,
      code: 'MessageSizeTooBig',
      message: `Message size too big: ${bytes} bytes counted, the limit is ${TEAMS_MESSAGE_LIMIT_BYTES}`,
    };
  const attachments = activity.attachments;
  if (attachments !== undefined && !Array.isArray(attachments))
    return { status: 400, code: 'BadArgument', message: 'attachments must be an array' };
  for (const [i, attachment] of (attachments ?? []).entries()) {
    if (!isObject(attachment) || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
    const problems = cardProblems(attachment.content);
    if (problems.length > 0)
      return {
        status: 400,
        code: 'BadArgument',
        message: `attachments[${i}] is not a valid Adaptive Card for Teams: ${problems.join('; ')}`,
      };
  }
  if (activity.type === 'message' && !activity.text && !(attachments as unknown[] | undefined)?.length)
    return { status: 400, code: 'BadArgument', message: 'a message needs text or an attachment' };
  return null;
}

/**
 * Teams' per-conversation pacing: at most 7 operations in any second and 1,800 in any hour. The
 * windows slide, so a burst split across a one-second boundary is still a burst.
 */
export class ConversationPacing {
  readonly #sent = new Map<string, number[]>();
  constructor(
    readonly now: () => number = Date.now,
    readonly limits: { perSecond: number; perHour: number } = { perSecond: 7, perHour: 1800 },
  ) {}

  /** Records an operation, or says how long to wait (ms) when it is over the limit. */
  take(conversationId: string): number | null {
    const now = this.now();
    const times = (this.#sent.get(conversationId) ?? []).filter((t) => t > now - 3_600_000);
    const lastSecond = times.filter((t) => t > now - 1000);
    let wait = 0;
    if (lastSecond.length >= this.limits.perSecond)
      wait = Math.max(wait, lastSecond[lastSecond.length - this.limits.perSecond]! + 1000 - now);
    if (times.length >= this.limits.perHour) wait = Math.max(wait, times[times.length - this.limits.perHour]! + 3_600_000 - now);
    this.#sent.set(conversationId, times);
    if (wait > 0) return wait;
    times.push(now);
    return null;
  }
}
