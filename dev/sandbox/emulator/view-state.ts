import { blockIdOf, chosenOptions, type ElementInput } from './elements.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the page reports typed or chosen in an open modal: block id → action id → input. */
export type ViewInputs = Record<string, Record<string, ElementInput>>;

function initial(element: Json): ElementInput {
  if (typeof element.initial_value === 'string') return { value: element.initial_value };
  if (isObject(element.initial_option)) return { selected: String(element.initial_option.value) };
  if (Array.isArray(element.initial_options)) return { selected: element.initial_options.filter(isObject).map((o) => String(o.value)) };
  if (typeof element.initial_user === 'string') return { selected: element.initial_user };
  if (typeof element.initial_conversation === 'string') return { selected: element.initial_conversation };
  if (typeof element.initial_channel === 'string') return { selected: element.initial_channel };
  return {};
}

function stateEntry(element: Json, input: ElementInput): Json {
  const type = String(element.type);
  const chosen = Array.isArray(input.selected) ? input.selected : input.selected ? [input.selected] : [];
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: chosenOptions(element, chosen)[0] ?? null };
    case 'checkboxes':
    case 'multi_static_select':
      return { type, selected_options: chosenOptions(element, chosen) };
    case 'users_select':
      return { type, selected_user: chosen[0] ?? null };
    case 'conversations_select':
      return { type, selected_conversation: chosen[0] ?? null };
    case 'channels_select':
      return { type, selected_channel: chosen[0] ?? null };
    default:
      return { type, value: input.value === undefined || input.value === '' ? null : input.value };
  }
}

/**
 * `view.state.values` as Slack builds it: an entry for every input element of the view (the
 * value typed, or the element's initial value when untouched), in Slack's shape per element type.
 */
export function viewState(blocks: unknown[] | undefined, inputs: ViewInputs): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  (blocks ?? []).forEach((block, index) => {
    if (!isObject(block)) return;
    const blockId = blockIdOf(block, index);
    const elements =
      block.type === 'input' ? [block.element] : block.type === 'actions' ? (Array.isArray(block.elements) ? block.elements : []) : [];
    for (const element of elements) {
      if (!isObject(element) || typeof element.action_id !== 'string' || element.type === 'button') continue;
      const given = inputs[blockId]?.[element.action_id];
      (values[blockId] ??= {})[element.action_id] = stateEntry(element, given ?? initial(element));
    }
  });
  return values;
}
