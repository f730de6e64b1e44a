// Block Kit → DOM, for messages and modals: section (text, fields, accessory), context, actions,
// header, divider, image, input (plain_text_input, static_select, checkboxes, radio_buttons,
// users_select, conversations_select, channels_select), rich_text (as text). The page never
// trusts its own copy of a block: a click names the element by position and the server finds it
// in what the app sent.

import { plainText, textObject } from './mrkdwn.js';

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'html') node.innerHTML = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

export const blockIdOf = (block, index) => (block.block_id ? block.block_id : `b${index}`);

/**
 * Slack's confirmation dialog (a `confirm` object on a button or menu): the action is sent only
 * when the person confirms. Resolves true for confirm, false for deny (or Escape).
 */
export function confirmDialog(confirm, ctx) {
  return new Promise((resolve) => {
    const done = (ok) => {
      overlay.remove();
      resolve(ok);
    };
    const yes = el(
      'button',
      { type: 'button', class: confirm.style === 'danger' ? 'danger' : 'primary', onclick: () => done(true) },
      confirm.confirm?.text ?? 'Yes',
    );
    const box = el(
      'div',
      { class: 'confirm-box', role: 'alertdialog', 'aria-modal': 'true', 'aria-label': confirm.title?.text ?? 'Are you sure?' },
      el('h2', { html: plainText(confirm.title?.text ?? 'Are you sure?') }),
      el('div', { class: 'confirm-text', html: textObject(confirm.text ?? { type: 'plain_text', text: '' }, ctx) }),
      el(
        'div',
        { class: 'modal-foot' },
        el('button', { type: 'button', class: 'secondary', onclick: () => done(false) }, confirm.deny?.text ?? 'Cancel'),
        yes,
      ),
    );
    box.addEventListener('keydown', (event) => event.key === 'Escape' && done(false));
    const overlay = el('div', { class: 'overlay confirm-overlay' }, box);
    document.body.append(overlay);
    yes.focus();
  });
}

function button(element, onClick) {
  const style = element.style === 'primary' ? ' primary' : element.style === 'danger' ? ' danger' : '';
  return el('button', {
    class: `bk-button${style}`,
    type: 'button',
    'data-action-id': element.action_id,
    onclick: onClick,
    html: plainText(element.text?.text ?? ''),
  });
}

function optionsOf(element) {
  const groups = element.option_groups ?? [];
  return [...(element.options ?? []), ...groups.flatMap((g) => g.options ?? [])];
}

/** Choices for users_select / conversations_select: the sandbox's people and channels. */
function directoryOptions(element, ctx) {
  if (element.type === 'users_select') return ctx.users.map((u) => ({ value: u.id, text: `${u.realName}${u.lead ? ' (lead)' : ''}` }));
  return ctx.channels.filter((c) => c.kind === 'channel').map((c) => ({ value: c.id, text: `#${c.name}` }));
}

/**
 * An interactive element. `ctx.mode` is 'message' (a choice fires an action at once) or 'modal'
 * (choices are kept as state; elements with dispatch_action fire too). `report(input)` records
 * a change; `fire(input)` sends an action.
 */
function element(e, ctx, hooks) {
  switch (e.type) {
    case 'button':
      return button(e, async () => {
        if (e.confirm && !(await confirmDialog(e.confirm, ctx))) return;
        hooks.fire({});
      });
    case 'image':
      return el('img', { class: 'bk-accessory-image', src: e.image_url, alt: e.alt_text ?? '', referrerpolicy: 'no-referrer' });
    case 'static_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'overflow': {
      const options =
        e.type === 'static_select' || e.type === 'overflow'
          ? optionsOf(e).map((o) => ({ value: o.value, text: o.text?.text ?? o.value }))
          : directoryOptions(e, ctx);
      const initial =
        hooks.initial?.selected ?? e.initial_option?.value ?? e.initial_user ?? e.initial_conversation ?? e.initial_channel ?? '';
      const placeholder = e.placeholder?.text ?? (e.type === 'overflow' ? '⋯' : 'Select an item');
      const select = el(
        'select',
        { class: 'bk-select', 'data-action-id': e.action_id },
        el('option', { value: '' }, placeholder),
        ...options.map((o) => el('option', { value: o.value, selected: o.value === initial }, o.text)),
      );
      let previous = select.value;
      select.addEventListener('change', async () => {
        if (e.confirm && !(await confirmDialog(e.confirm, ctx))) {
          select.value = previous;
          return;
        }
        previous = select.value;
        const input = { selected: select.value || null };
        hooks.report(input);
        if (ctx.mode === 'message' || hooks.dispatch) hooks.fire(input);
      });
      return select;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const initial = new Set(
        hooks.initial?.selected ?? (e.initial_options ?? (e.initial_option ? [e.initial_option] : [])).map((o) => o.value),
      );
      const name = `${e.action_id}-${Math.random().toString(36).slice(2)}`;
      const boxes = optionsOf(e).map((o) =>
        el(
          'label',
          { class: 'bk-choice' },
          el('input', { type: e.type === 'checkboxes' ? 'checkbox' : 'radio', name, value: o.value, checked: initial.has(o.value) }),
          el('span', { html: textObject(o.text, ctx) }),
          o.description ? el('small', { html: textObject(o.description, ctx) }) : null,
        ),
      );
      const group = el('div', { class: 'bk-choices', 'data-action-id': e.action_id }, ...boxes);
      group.addEventListener('change', () => {
        const chosen = [...group.querySelectorAll('input:checked')].map((i) => i.value);
        const input = { selected: e.type === 'checkboxes' ? chosen : (chosen[0] ?? null) };
        hooks.report(input);
        if (ctx.mode === 'message' || hooks.dispatch) hooks.fire(input);
      });
      return group;
    }
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input': {
      const initial = hooks.initial?.value ?? e.initial_value ?? '';
      const field = e.multiline
        ? el('textarea', {
            class: 'bk-text',
            rows: 4,
            maxlength: e.max_length,
            placeholder: e.placeholder?.text,
            'data-action-id': e.action_id,
          })
        : el('input', {
            class: 'bk-text',
            type: e.type === 'number_input' ? 'number' : 'text',
            maxlength: e.max_length,
            placeholder: e.placeholder?.text,
            'data-action-id': e.action_id,
          });
      field.value = initial;
      const onCharacter =
        hooks.dispatch && (e.dispatch_action_config?.trigger_actions_on ?? ['on_enter_pressed']).includes('on_character_entered');
      let timer = null;
      field.addEventListener('input', () => {
        hooks.report({ value: field.value });
        // Slack sends on_character_entered actions as the person types, a little behind them.
        if (onCharacter) {
          clearTimeout(timer);
          timer = setTimeout(() => hooks.fire({ value: field.value }), 350);
        }
      });
      if (hooks.dispatch && !onCharacter && !e.multiline)
        field.addEventListener('keydown', (ev) => ev.key === 'Enter' && hooks.fire({ value: field.value }));
      return field;
    }
    default:
      return el('span', { class: 'bk-unsupported' }, `[${e.type}]`);
  }
}

function richText(block) {
  const walk = (node) => (node.text ?? '') + (node.elements ?? []).map(walk).join('');
  return (block.elements ?? []).map(walk).join('\n');
}

/**
 * Renders blocks. `ctx`: { mode, users, channels, userName, channelName, groupName,
 * onAction(path, input), errors: {blockId: text}, reuse(blockId, type) → node | null,
 * initialOf(blockId, actionId), report(blockId, actionId, input) }.
 */
export function renderBlocks(blocks, ctx) {
  const root = el('div', { class: 'bk' });
  (blocks ?? []).forEach((block, index) => {
    const blockId = blockIdOf(block, index);
    const hooksFor = (e, path, dispatch) => ({
      initial: ctx.initialOf?.(blockId, e.action_id),
      dispatch,
      report: (input) => ctx.report?.(blockId, e.action_id, input),
      fire: (input) => ctx.onAction({ block: index, element: path }, input),
    });
    let node;
    switch (block.type) {
      case 'section': {
        node = el('div', { class: 'bk-section' });
        const body = el('div', { class: 'bk-section-body' });
        if (block.text) body.append(el('div', { class: 'bk-text-block', html: textObject(block.text, ctx) }));
        if (block.fields?.length)
          body.append(
            el('div', { class: 'bk-fields' }, ...block.fields.map((f) => el('div', { class: 'bk-field', html: textObject(f, ctx) }))),
          );
        node.append(body);
        if (block.accessory)
          node.append(el('div', { class: 'bk-accessory' }, element(block.accessory, ctx, hooksFor(block.accessory, 'accessory', true))));
        break;
      }
      case 'context':
        node = el(
          'div',
          { class: 'bk-context' },
          ...(block.elements ?? []).map((e) =>
            e.type === 'image'
              ? el('img', { src: e.image_url, alt: e.alt_text ?? '', referrerpolicy: 'no-referrer' })
              : el('span', { html: textObject(e, ctx) }),
          ),
        );
        break;
      case 'actions':
        node = el('div', { class: 'bk-actions' }, ...(block.elements ?? []).map((e, i) => element(e, ctx, hooksFor(e, i, true))));
        break;
      case 'header':
        node = el('div', { class: 'bk-header', html: plainText(block.text?.text) });
        break;
      case 'divider':
        node = el('hr', { class: 'bk-divider' });
        break;
      case 'image':
        node = el(
          'figure',
          { class: 'bk-image' },
          block.title ? el('figcaption', { html: plainText(block.title.text) }) : null,
          el('img', { src: block.image_url ?? block.slack_file?.url, alt: block.alt_text ?? '', referrerpolicy: 'no-referrer' }),
        );
        break;
      case 'input': {
        const reused = ctx.reuse?.(blockId, block.element?.type);
        if (reused) {
          node = reused;
          break;
        }
        const label = el(
          'label',
          { class: 'bk-label' },
          el('span', { html: plainText(block.label?.text) }),
          block.optional ? el('small', {}, ' (optional)') : null,
        );
        node = el(
          'div',
          { class: 'bk-input', 'data-block-id': blockId },
          label,
          element(block.element, ctx, hooksFor(block.element, 0, block.dispatch_action === true)),
          block.hint ? el('div', { class: 'bk-hint', html: plainText(block.hint.text) }) : null,
          el('div', { class: 'bk-error' }),
        );
        break;
      }
      case 'rich_text':
        node = el('div', { class: 'bk-text-block', html: plainText(richText(block)) });
        break;
      default:
        node = el('div', { class: 'bk-unsupported' }, `[${block.type} block]`);
    }
    node.dataset.blockIndex = String(index);
    if (block.type === 'input') {
      const error = ctx.errors?.[blockId];
      const slot = node.querySelector('.bk-error');
      if (slot) slot.textContent = error ?? '';
      node.classList.toggle('has-error', Boolean(error));
    }
    root.append(node);
  });
  return root;
}
