import { SLACK_LIMITS as L, checkText, isObj, type Problems } from './check.js';

type Obj = Record<string, unknown>;

/** Action ids must be unique within a block (Slack answers `duplicate action_id`). */
export type ActionIds = Set<string>;

function actionId(p: Problems, el: Obj, pointer: string, seen: ActionIds): void {
  if (!('action_id' in el)) return;
  if (!p.string(el.action_id, `${pointer}/action_id`, L.actionId)) return;
  if (seen.has(el.action_id as string)) p.add(`${pointer}/action_id`, 'duplicate action_id');
  seen.add(el.action_id as string);
}

function confirm(p: Problems, el: Obj, pointer: string): void {
  if (!('confirm' in el)) return;
  const c = el.confirm;
  const at = `${pointer}/confirm`;
  if (!isObj(c)) return p.add(at, 'must be a confirmation object');
  p.onlyKeys(c, ['title', 'text', 'confirm', 'deny', 'style'], at);
  checkText(p, c.title, `${at}/title`, 100, true);
  checkText(p, c.text, `${at}/text`, 300);
  checkText(p, c.confirm, `${at}/confirm`, 30, true);
  checkText(p, c.deny, `${at}/deny`, 30, true);
}

/** An option of a menu, checkbox group or radio group. */
function option(p: Problems, value: unknown, pointer: string, plainOnly: boolean): string | null {
  if (!isObj(value)) {
    p.add(pointer, 'must be an option object');
    return null;
  }
  p.onlyKeys(value, ['text', 'value', 'description', 'url'], pointer);
  checkText(p, value.text, `${pointer}/text`, L.optionText, plainOnly);
  if ('description' in value) checkText(p, value.description, `${pointer}/description`, L.optionDescription, plainOnly);
  p.string(value.value, `${pointer}/value`, L.optionValue);
  return typeof value.value === 'string' ? value.value : null;
}

function options(p: Problems, el: Obj, pointer: string, max: number, plainOnly: boolean): void {
  if (!p.array(el.options, `${pointer}/options`, max)) return;
  const values = new Set<string>();
  (el.options as unknown[]).forEach((o, i) => {
    const v = option(p, o, `${pointer}/options/${i}`, plainOnly);
    if (v !== null && values.has(v)) p.add(`${pointer}/options/${i}/value`, 'duplicate option value');
    if (v !== null) values.add(v);
  });
  for (const key of ['initial_option', 'initial_options']) {
    if (!(key in el)) continue;
    const initial = key === 'initial_option' ? [el[key]] : el[key];
    if (!Array.isArray(initial)) p.add(`${pointer}/${key}`, 'must be an array');
    else {
      initial.forEach((o, i) => {
        option(p, o, `${pointer}/${key}${key === 'initial_option' ? '' : `/${i}`}`, plainOnly);
      });
    }
  }
}

const COMMON = ['type', 'action_id', 'confirm', 'focus_on_load'];

/** Interactive and display elements: what Slack accepts in actions, section accessories and inputs. */
export function checkElement(p: Problems, el: unknown, pointer: string, seen: ActionIds, where: 'actions' | 'accessory' | 'input'): void {
  if (!isObj(el)) return p.add(pointer, 'must be an element object');
  switch (el.type) {
    case 'button':
      if (where === 'input') return p.add(`${pointer}/type`, 'button is not allowed in an input block');
      p.onlyKeys(el, ['type', 'text', 'action_id', 'value', 'url', 'style', 'confirm', 'accessibility_label'], pointer);
      checkText(p, el.text, `${pointer}/text`, L.buttonText, true);
      actionId(p, el, pointer, seen);
      p.optionalString(el, 'value', pointer, L.buttonValue);
      p.optionalString(el, 'url', pointer, L.buttonUrl);
      p.optionalString(el, 'accessibility_label', pointer, L.buttonText);
      if ('style' in el && el.style !== 'primary' && el.style !== 'danger') p.add(`${pointer}/style`, 'must be primary or danger');
      return confirm(p, el, pointer);
    case 'static_select':
    case 'multi_static_select':
      p.onlyKeys(
        el,
        [...COMMON, 'placeholder', 'options', 'option_groups', 'initial_option', 'initial_options', 'max_selected_items'],
        pointer,
      );
      actionId(p, el, pointer, seen);
      if ('placeholder' in el) checkText(p, el.placeholder, `${pointer}/placeholder`, L.placeholder, true);
      options(p, el, pointer, L.selectOptions, true);
      return confirm(p, el, pointer);
    case 'checkboxes':
    case 'radio_buttons':
      p.onlyKeys(el, [...COMMON, 'options', 'initial_options', 'initial_option'], pointer);
      actionId(p, el, pointer, seen);
      options(p, el, pointer, L.checkboxOptions, false);
      return confirm(p, el, pointer);
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      p.onlyKeys(
        el,
        [
          ...COMMON,
          'placeholder',
          'initial_user',
          'initial_conversation',
          'initial_channel',
          'default_to_current_conversation',
          'response_url_enabled',
          'filter',
        ],
        pointer,
      );
      actionId(p, el, pointer, seen);
      if ('placeholder' in el) checkText(p, el.placeholder, `${pointer}/placeholder`, L.placeholder, true);
      if ('filter' in el) {
        const f = el.filter;
        if (!isObj(f)) p.add(`${pointer}/filter`, 'must be a filter object');
        else {
          p.onlyKeys(f, ['include', 'exclude_external_shared_channels', 'exclude_bot_users'], `${pointer}/filter`);
          if (
            'include' in f &&
            (!Array.isArray(f.include) || f.include.some((k) => !['im', 'mpim', 'private', 'public'].includes(String(k))))
          )
            p.add(`${pointer}/filter/include`, 'must list im, mpim, private or public');
        }
      }
      return confirm(p, el, pointer);
    case 'plain_text_input': {
      if (where !== 'input') return p.add(`${pointer}/type`, 'plain_text_input is only allowed in an input block');
      p.onlyKeys(
        el,
        [...COMMON, 'placeholder', 'initial_value', 'multiline', 'min_length', 'max_length', 'dispatch_action_config'],
        pointer,
      );
      actionId(p, el, pointer, seen);
      if ('placeholder' in el) checkText(p, el.placeholder, `${pointer}/placeholder`, L.placeholder, true);
      const max = el.max_length;
      if ('max_length' in el && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > L.plainTextInputLength))
        p.add(`${pointer}/max_length`, `must be an integer from 1 to ${L.plainTextInputLength}`);
      const min = el.min_length;
      if ('min_length' in el && (typeof min !== 'number' || !Number.isInteger(min) || min < 0 || min > L.plainTextInputLength))
        p.add(`${pointer}/min_length`, `must be an integer from 0 to ${L.plainTextInputLength}`);
      if ('initial_value' in el && p.string(el.initial_value, `${pointer}/initial_value`, L.plainTextInputLength, 0)) {
        if (typeof max === 'number' && (el.initial_value as string).length > max)
          p.add(`${pointer}/initial_value`, 'must not be longer than max_length');
      }
      p.boolean(el, 'multiline', pointer);
      return;
    }
    case 'image':
      if (where === 'input') return p.add(`${pointer}/type`, 'image is not allowed in an input block');
      p.onlyKeys(el, ['type', 'image_url', 'alt_text', 'slack_file'], pointer);
      p.optionalString(el, 'image_url', pointer, L.imageUrl);
      p.string(el.alt_text, `${pointer}/alt_text`, L.altText);
      return;
    case 'overflow':
      p.onlyKeys(el, [...COMMON, 'options'], pointer);
      actionId(p, el, pointer, seen);
      if (p.array(el.options, `${pointer}/options`, 5, 1)) {
        (el.options as unknown[]).forEach((o, i) => {
          option(p, o, `${pointer}/options/${i}`, true);
        });
      }
      return confirm(p, el, pointer);
    default:
      return p.add(`${pointer}/type`, `unsupported element type ${JSON.stringify(el.type)}`);
  }
}
