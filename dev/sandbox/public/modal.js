// The top modal of the person's stack. What is typed is kept per view and block (as Slack keeps
// it): an update from the app (views.update, response_action: update/errors) redraws the view
// but keeps an input's node, value and cursor while its block_id stays the same.

import { el, renderBlocks } from './blocks.js';
import { plainText } from './mrkdwn.js';

/** viewId → blockId → actionId → { value } | { selected } */
const inputs = new Map();
/** `${viewId}|${blockId}|${type}` → the input block's node */
const nodes = new Map();
let shownKey = null;

function inputsOf(viewId) {
  if (!inputs.has(viewId)) inputs.set(viewId, {});
  return inputs.get(viewId);
}

function forget(liveIds) {
  for (const id of [...inputs.keys()]) if (!liveIds.has(id)) inputs.delete(id);
  for (const key of [...nodes.keys()]) if (!liveIds.has(key.split('|')[0])) nodes.delete(key);
}

export function renderModal(page, root) {
  const stack = page.state.modals;
  forget(new Set(stack.map((m) => m.id)));
  const top = stack.at(-1);
  if (!top) {
    if (shownKey !== null) root.replaceChildren();
    shownKey = null;
    return;
  }
  const key = JSON.stringify([top.id, top.hash, top.errors, stack.length]);
  if (key === shownKey) return;
  shownKey = key;

  const view = top.view;
  const state = inputsOf(top.id);
  const focused = document.activeElement;
  const selection = focused && 'selectionStart' in focused ? [focused.selectionStart, focused.selectionEnd] : null;
  const blocks = renderBlocks(view.blocks ?? [], {
    mode: 'modal',
    users: page.state.users,
    channels: page.state.channels,
    userName: page.userName,
    channelName: page.channelName,
    groupName: page.groupName,
    errors: top.errors,
    initialOf: (blockId, actionId) => state[blockId]?.[actionId],
    report: (blockId, actionId, input) => {
      (state[blockId] ??= {})[actionId] = input;
    },
    reuse: (blockId, type) => nodes.get(`${top.id}|${blockId}|${type}`) ?? null,
    onAction: (path, input) => page.act('view-action', { viewId: top.id, path, inputs: state, input }),
  });
  // Remember every input block drawn now, so the next redraw of this view reuses it.
  for (const node of blocks.querySelectorAll('.bk-input')) {
    const blockId = node.dataset.blockId;
    const type = (view.blocks ?? [])[Number(node.dataset.blockIndex)]?.element?.type;
    nodes.set(`${top.id}|${blockId}|${type}`, node);
  }

  const close = () => page.act('close', { viewId: top.id, inputs: state });
  const submit = async () => {
    const button = root.querySelector('.modal-submit');
    if (button) button.disabled = true;
    const outcome = await page.act('submit', { viewId: top.id, inputs: state });
    if (button) button.disabled = false;
    if (outcome.status === 'failed')
      page.toast(`The app did not accept the form${outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : ''}.`, 'error');
  };
  const box = el(
    'div',
    { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-label': view.title?.text ?? 'Modal' },
    el(
      'div',
      { class: 'modal-head' },
      stack.length > 1 ? el('button', { type: 'button', class: 'back', title: 'Back', onclick: close }, '←') : null,
      el('h2', { html: plainText(view.title?.text ?? '') }),
      el('button', { type: 'button', class: 'close', title: 'Close', onclick: close }, '×'),
    ),
    el('div', { class: 'modal-body' }, blocks),
    el(
      'div',
      { class: 'modal-foot' },
      el('button', { type: 'button', class: 'secondary', onclick: close }, view.close?.text ?? 'Cancel'),
      view.submit ? el('button', { type: 'button', class: 'primary modal-submit', onclick: submit }, view.submit.text) : null,
    ),
  );
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  root.replaceChildren(el('div', { class: 'overlay' }, box));
  // Moving a focused field in the page blurs it; give the person their cursor back.
  if (focused && box.contains(focused)) {
    focused.focus();
    if (selection) focused.setSelectionRange(selection[0], selection[1]);
  }
}
