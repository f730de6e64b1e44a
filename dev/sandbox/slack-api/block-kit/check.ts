/**
 * The limits Slack documents for Block Kit and the Web API (docs.slack.dev: Block Kit reference,
 * composition objects, chat.postMessage), as ../shared/PLATFORM-RULES.md lists them. Kept apart
 * from the renderers' own constants on purpose: the fake checks the renderers, it does not
 * share their assumptions.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputLength: 3000,
  placeholder: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  messageText: 40_000,
  imageUrl: 3000,
  altText: 2000,
} as const;

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Collects errors the way Slack words them: a message and the JSON pointer of what is wrong,
 * e.g. `must be less than 3001 characters [json-pointer:/blocks/1/text/text]`.
 */
export class Problems {
  readonly errors: string[] = [];

  add(pointer: string, message: string): void {
    this.errors.push(`${message} [json-pointer:${pointer}]`);
  }

  /** A string no longer than `max` (and not empty unless `min` is 0). */
  string(value: unknown, pointer: string, max: number, min = 1): value is string {
    if (typeof value !== 'string') {
      this.add(pointer, 'must be a string');
      return false;
    }
    if (value.length > max) this.add(pointer, `must be less than ${max + 1} characters`);
    if (value.length < min) this.add(pointer, `must be more than ${min - 1} characters`);
    return true;
  }

  optionalString(obj: Obj, key: string, pointer: string, max: number): void {
    if (key in obj) this.string(obj[key], `${pointer}/${key}`, max);
  }

  boolean(obj: Obj, key: string, pointer: string): void {
    if (key in obj && typeof obj[key] !== 'boolean') this.add(`${pointer}/${key}`, 'must be a boolean');
  }

  /** Slack refuses properties its schema does not define. */
  onlyKeys(obj: Obj, allowed: readonly string[], pointer: string): void {
    for (const key of Object.keys(obj)) if (!allowed.includes(key)) this.add(`${pointer}/${key}`, 'is not a valid property');
  }

  /** An array of `min`..`max` items. */
  array(value: unknown, pointer: string, max: number, min = 1): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(pointer, 'must be an array');
      return false;
    }
    if (value.length > max) this.add(pointer, `no more than ${max} items allowed`);
    if (value.length < min) this.add(pointer, `must provide at least ${min} items`);
    return true;
  }
}

/**
 * A text composition object. `plainOnly` where Slack accepts only plain_text (headers, button
 * labels, modal titles, labels, placeholders, option texts of menus).
 */
export function checkText(p: Problems, value: unknown, pointer: string, max: number, plainOnly = false): void {
  if (!isObj(value)) return p.add(pointer, 'must be a text object');
  const type = value.type;
  if (type !== 'plain_text' && type !== 'mrkdwn') return p.add(`${pointer}/type`, 'must be plain_text or mrkdwn');
  if (plainOnly && type !== 'plain_text') return p.add(`${pointer}/type`, 'must be plain_text');
  p.onlyKeys(value, type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim'], pointer);
  p.string(value.text, `${pointer}/text`, max);
  p.boolean(value, type === 'plain_text' ? 'emoji' : 'verbatim', pointer);
}
