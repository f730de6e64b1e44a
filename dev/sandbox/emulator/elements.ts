import type { ActionElement } from '../slack-events/payloads.js';

/** Where an interactive element sits in a list of blocks: block index, then element index or the section's accessory. */
export interface ElementPath {
  block: number;
  element: number | 'accessory';
}

/** What the person chose, for elements that carry a choice (selects, checkboxes, text inputs). */
export interface ElementInput {
  value?: string | null;
  selected?: string | string[] | null;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Slack gives every block a `block_id`; when the app set none, Slack makes one up. The sandbox
 * uses the block's position, stable for as long as the message does not change shape.
 */
export function blockIdOf(block: Json, index: number): string {
  return typeof block.block_id === 'string' && block.block_id ? block.block_id : `b${index}`;
}

/** Finds the element the page says was used, in the blocks the app actually sent (never trusting the page's copy). */
export function findElement(
  blocks: unknown[] | null | undefined,
  path: ElementPath,
): { block: Json; blockId: string; element: Json } | null {
  const block = blocks?.[path.block];
  if (!isObject(block)) return null;
  let element: unknown;
  if (path.element === 'accessory') element = block.accessory;
  else if (block.type === 'input') element = path.element === 0 ? block.element : undefined;
  else element = Array.isArray(block.elements) ? block.elements[path.element] : undefined;
  if (!isObject(element) || typeof element.action_id !== 'string') return null;
  return { block, blockId: blockIdOf(block, path.block), element };
}

function optionsOf(element: Json): Json[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((g) => (isObject(g) && Array.isArray(g.options) ? g.options : []))
    : [];
  return [...direct, ...grouped].filter(isObject);
}

/** The option objects (as the app defined them) whose values were chosen. */
export function chosenOptions(element: Json, values: string[]): Json[] {
  const options = optionsOf(element);
  return values.flatMap((value) => options.filter((o) => o.value === value));
}

/** The `actions[]` entry Slack sends for a use of this element. */
export function actionFor(found: { blockId: string; element: Json }, input: ElementInput, actionTs: string): ActionElement {
  const e = found.element;
  const base: ActionElement = { type: String(e.type), action_id: String(e.action_id), block_id: found.blockId, action_ts: actionTs };
  const selected = input.selected;
  const many = Array.isArray(selected) ? selected : selected ? [selected] : [];
  switch (e.type) {
    case 'button':
      return {
        ...base,
        text: e.text,
        ...(typeof e.value === 'string' ? { value: e.value } : {}),
        ...(typeof e.style === 'string' ? { style: e.style } : {}),
      };
    case 'static_select':
    case 'overflow':
    case 'radio_buttons':
      return { ...base, selected_option: chosenOptions(e, many)[0] ?? null };
    case 'checkboxes':
    case 'multi_static_select':
      return { ...base, selected_options: chosenOptions(e, many) };
    case 'users_select':
      return { ...base, selected_user: many[0] ?? null };
    case 'conversations_select':
      return { ...base, selected_conversation: many[0] ?? null };
    case 'channels_select':
      return { ...base, selected_channel: many[0] ?? null };
    default:
      return { ...base, value: input.value ?? '' };
  }
}
