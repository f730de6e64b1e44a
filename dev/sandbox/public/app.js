// The sandbox page: fetches the workspace as the chosen person sees it, redraws on every live
// notice, and sends what the person does to /sandbox/ui/*, where the server turns it into the
// signed Slack requests the real app receives.

import { el } from './blocks.js';
import { renderCustomers } from './customers.js';
import { renderChannel, renderThread } from './messages.js';
import { renderModal } from './modal.js';

const $ = (id) => document.getElementById(id);

export const page = {
  state: null,
  me: localStorage.getItem('klaxon-sandbox-user') || '',
  view: localStorage.getItem('klaxon-sandbox-view') || 'CSBTRIAGE',
  thread: null,
  side: 'customers',
  highlight: null,

  userName(id) {
    if (id === page.state?.bot.id) return 'Klaxon';
    return page.state?.users.find((u) => u.id === id)?.realName ?? id;
  },
  channelName(id) {
    return page.state?.channels.find((c) => c.id === id)?.name ?? id;
  },
  groupName(id) {
    return id.startsWith('S') ? 'on-call' : id;
  },

  /** Sends one page action; failures become a toast (the change itself arrives live). */
  async act(action, body) {
    try {
      const res = await fetch(`/sandbox/ui/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: page.me, ...body }),
      });
      const answer = await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }));
      if (!res.ok || answer.ok === false) toast(answer.error ?? 'That did not work', 'error');
      return answer;
    } catch (error) {
      toast(`The sandbox is not answering (${error.message}). Is Klaxon still running?`, 'error');
      return { ok: false };
    }
  },

  show(view) {
    page.view = view;
    localStorage.setItem('klaxon-sandbox-view', view);
    if (view === 'home') page.act('home', {});
    render();
  },

  openThread(channel, ts) {
    page.thread = { channel, ts };
    page.side = 'thread';
    render();
  },

  showSide(side) {
    page.side = side;
    render();
  },

  /** A link to a post on the stand-in networks: show it in the customers panel. */
  showPost(id) {
    page.highlight = id;
    page.side = 'customers';
    render();
    document.getElementById(`post-${id}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  },

  refresh,
  toast,
};

function toast(text, kind = 'info') {
  const node = el('div', { class: `toast ${kind}` }, text);
  $('toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 8000 : 4000);
}

let fetching = null;
let again = false;

/** Fetches the state; a notice during a fetch triggers one more fetch after it. */
async function refresh() {
  if (fetching) {
    again = true;
    return fetching;
  }
  fetching = (async () => {
    try {
      do {
        again = false;
        const asked = page.me;
        const res = await fetch(`/sandbox/state?user=${encodeURIComponent(asked)}`, { cache: 'no-store' });
        if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.json().catch(() => ({}))).error ?? ''}`);
        const state = await res.json();
        // The person switched users while this was in flight: this state is someone else's view.
        if (page.me !== asked) {
          again = true;
          continue;
        }
        page.state = state;
        page.me = state.me;
        render();
      } while (again);
    } catch (error) {
      toast(`Could not load the sandbox: ${error.message}`, 'error');
    } finally {
      fetching = null;
    }
  })();
  return fetching;
}

function renderUsers() {
  const select = $('user-switch');
  const key = page.state.users.map((u) => u.id).join() + page.me;
  if (select.dataset.key === key) return;
  select.dataset.key = key;
  select.replaceChildren(
    ...page.state.users.map((u) => el('option', { value: u.id, selected: u.id === page.me }, `${u.realName} — ${u.title}`)),
  );
}

function navItem(id, label, icon, extra) {
  const active = page.view === id;
  return el(
    'li',
    {},
    el(
      'button',
      { type: 'button', class: `nav-item${active ? ' active' : ''}`, 'data-view': id, onclick: () => page.show(id) },
      el('span', { class: 'nav-icon' }, icon),
      label,
      extra ? el('span', { class: 'badge' }, extra) : null,
    ),
  );
}

function renderSidebar() {
  const s = page.state;
  const countIn = (channel) => s.messages.filter((m) => m.channel === channel && !m.threadTs && !m.ephemeral).length;
  $('channel-list').replaceChildren(
    ...s.channels.filter((c) => c.kind === 'channel').map((c) => navItem(c.id, c.name, '#', countIn(c.id) || null)),
  );
  $('dm-list').replaceChildren(...s.channels.filter((c) => c.kind === 'dm').map((c) => navItem(c.id, c.name, '●', countIn(c.id) || null)));
  $('app-list').replaceChildren(navItem('home', 'Klaxon — Home', '⌂'));
}

/**
 * Payloads Slack refused (invalid_blocks, not_in_channel…): a real workspace would simply not
 * show them, so the sandbox says so in red, with Slack's own error list, until dismissed.
 */
function renderRefusals() {
  const box = $('refusals');
  const seen = Number(localStorage.getItem('klaxon-sandbox-refusals-seen') || 0);
  const fresh = (page.state.refusals ?? []).filter((r) => r.at > seen);
  box.hidden = fresh.length === 0;
  if (box.hidden) return box.replaceChildren();
  const items = fresh.map((r) =>
    el(
      'li',
      {},
      el('b', {}, `Slack refused ${r.method}: ${r.error}`),
      r.errors.length ? el('ul', {}, ...r.errors.map((e) => el('li', {}, el('code', {}, e)))) : null,
    ),
  );
  const dismiss = el(
    'button',
    {
      type: 'button',
      onclick: () => {
        localStorage.setItem('klaxon-sandbox-refusals-seen', String(fresh.at(-1).at));
        renderRefusals();
      },
    },
    'Dismiss',
  );
  box.replaceChildren(
    el('div', { class: 'refusals-head' }, '⚠️ Slack refused what Klaxon sent — in a real workspace nothing would appear.', dismiss),
    el('ul', {}, ...items),
  );
}

function render() {
  if (!page.state) return;
  renderRefusals();
  if (page.view !== 'home' && !page.state.channels.some((c) => c.id === page.view)) page.view = page.state.channels[0].id;
  renderUsers();
  renderSidebar();
  renderChannel(page);
  $('tab-customers').classList.toggle('active', page.side === 'customers');
  $('tab-thread').classList.toggle('active', page.side === 'thread');
  $('tab-thread').disabled = !page.thread;
  $('customers-panel').hidden = page.side !== 'customers';
  $('thread-panel').hidden = page.side !== 'thread';
  renderCustomers(page, $('customers-panel'));
  if (page.thread) renderThread(page, $('thread-panel'));
  renderModal(page, $('modal-root'));
}

function connect() {
  const live = new EventSource('/sandbox/live');
  live.addEventListener('change', () => refresh());
  live.addEventListener('open', () => $('connection').classList.remove('down'));
  live.addEventListener('error', () => $('connection').classList.add('down'));
}

function wire() {
  $('user-switch').addEventListener('change', (event) => {
    page.me = event.target.value;
    localStorage.setItem('klaxon-sandbox-user', page.me);
    page.thread = null;
    page.side = 'customers';
    refresh().then(() => page.view === 'home' && page.act('home', {}));
  });
  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('composer-input');
    const text = input.value.trim();
    if (!text || page.view === 'home') return;
    input.value = '';
    // Like Slack: what you send (and its answer) shows at the bottom, wherever you had scrolled.
    $('messages')._bottomUntil = Date.now() + 3000;
    await page.act('say', { channel: page.view, text });
  });
  $('tab-customers').addEventListener('click', () => page.showSide('customers'));
  $('tab-thread').addEventListener('click', () => page.thread && page.showSide('thread'));
  // Links Klaxon puts in cards to a delivered reply point at this page: show the post in place.
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href*="#post-"]');
    if (!link) return;
    const url = new URL(link.href);
    if (!url.pathname.startsWith('/sandbox')) return;
    event.preventDefault();
    page.showPost(url.hash.slice('#post-'.length));
  });
  if (location.hash.startsWith('#post-')) page.highlight = location.hash.slice('#post-'.length);
}

wire();
refresh().then(connect);
