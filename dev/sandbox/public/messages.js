// Channel timelines and threads: messages (blocks or mrkdwn text), files, ephemeral messages,
// "N replies" links. Nodes are kept while a message is unchanged, so a redraw never steals
// focus or scroll from the person.

import { el, renderBlocks } from './blocks.js';
import { mrkdwn } from './mrkdwn.js';

const $ = (id) => document.getElementById(id);

/** Slack timestamps compare as (seconds, sequence), not as floats. */
export function tsCompare(a, b) {
  const [as, au] = a.split('.').map(Number);
  const [bs, bu] = b.split('.').map(Number);
  return as - bs || au - bu;
}

const COLORS = ['#2bac76', '#1d9bd1', '#e8912d', '#9b59b6', '#d14b6b'];
function avatar(page, userId) {
  if (userId === page.state.bot.id) return el('div', { class: 'avatar bot' }, 'K');
  const name = page.userName(userId);
  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const color = COLORS[[...userId].reduce((n, c) => n + c.charCodeAt(0), 0) % COLORS.length];
  return el('div', { class: 'avatar', style: `background:${color}` }, initials);
}

function timeOf(ts) {
  return new Date(Number(ts.split('.')[0]) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function blockContext(page, m) {
  return {
    mode: 'message',
    users: page.state.users,
    channels: page.state.channels,
    userName: page.userName,
    channelName: page.channelName,
    groupName: page.groupName,
    onAction: (path, input) =>
      page.act('click', m.ephemeral ? { ephemeralId: m.ephemeral.id, path, input } : { channel: m.channel, ts: m.ts, path, input }),
  };
}

function replies(page, m) {
  return page.state.messages.filter((r) => r.channel === m.channel && r.threadTs === m.ts);
}

function messageNode(page, m, inThread) {
  const bot = m.user === page.state.bot.id;
  const head = el(
    'div',
    { class: 'msg-head' },
    el('b', {}, page.userName(m.user)),
    bot ? el('span', { class: 'app-tag' }, 'APP') : null,
    el('time', {}, timeOf(m.ts)),
    m.edited ? el('span', { class: 'edited' }, '(edited)') : null,
  );
  const body = m.blocks?.length
    ? renderBlocks(m.blocks, blockContext(page, m))
    : el('div', { class: 'msg-text', html: mrkdwn(m.text, page) });
  const files = m.files.map((f) =>
    el(
      'figure',
      { class: 'msg-file' },
      el('figcaption', {}, f.title || f.filename),
      /\.(png|jpe?g|gif)$/i.test(f.filename) ? el('img', { src: f.url, alt: f.title }) : el('a', { href: f.url }, f.filename),
    ),
  );
  const threadReplies = inThread || m.threadTs ? [] : replies(page, m);
  const summary = threadReplies.length
    ? el(
        'button',
        { type: 'button', class: 'thread-link', onclick: () => page.openThread(m.channel, m.ts) },
        `${threadReplies.length} ${threadReplies.length === 1 ? 'reply' : 'replies'}`,
        el('span', {}, ` Last reply ${timeOf(threadReplies.at(-1).ts)}`),
      )
    : null;
  const main = el(
    'div',
    { class: 'msg-main' },
    head,
    m.ephemeral ? el('div', { class: 'eph-note' }, '👁 Only visible to you') : null,
    m.ephemeral?.command ? el('div', { class: 'cmd-echo' }, m.ephemeral.command) : null,
    body,
    ...files,
    summary,
  );
  const canThread = !inThread && !m.threadTs && !m.ephemeral;
  return el(
    'div',
    { class: `msg${m.ephemeral ? ' ephemeral' : ''}${bot ? ' from-bot' : ''}`, 'data-ts': m.ts },
    avatar(page, m.user),
    main,
    canThread
      ? el(
          'button',
          { type: 'button', class: 'msg-reply', title: 'Reply in thread', onclick: () => page.openThread(m.channel, m.ts) },
          '💬 Reply in thread',
        )
      : null,
  );
}

/** Redraws a list, keeping the node of every message whose content did not change. */
function drawList(page, container, list, inThread) {
  const cache = (container._nodes ??= new Map());
  const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 120;
  const keep = new Map();
  const nodes = list.map((m) => {
    const key = JSON.stringify([m, inThread ? 0 : replies(page, m).map((r) => r.ts), page.me]);
    const cached = cache.get(m.ts);
    const node = cached && cached.key === key ? cached.node : messageNode(page, m, inThread);
    keep.set(m.ts, { key, node });
    return node;
  });
  container._nodes = keep;
  const same = nodes.length === container.children.length && nodes.every((n, i) => container.children[i] === n);
  if (!same) container.replaceChildren(...nodes);
  const pinned = (container._bottomUntil ?? 0) > Date.now();
  if (nearBottom || pinned || container._view !== page.view) container.scrollTop = container.scrollHeight;
  container._view = page.view;
}

export function renderChannel(page) {
  const list = $('messages');
  const input = $('composer-input');
  if (page.view === 'home') {
    $('channel-title').textContent = 'Klaxon — Home';
    $('channel-purpose').textContent = 'Your open cases, the unassigned queue and your week';
    input.disabled = true;
    input.placeholder = 'The Home tab has no message box';
    const home = page.state.home;
    const key = JSON.stringify(home);
    if (list._homeKey !== key || list._view !== 'home') {
      list._nodes = new Map();
      list.replaceChildren(
        home
          ? el(
              'div',
              { class: 'home' },
              renderBlocks(home.blocks ?? [], {
                ...blockContext(page, {}),
                onAction: (path, input) => page.act('home-click', { path, input }),
              }),
            )
          : el('div', { class: 'empty' }, 'Opening the Home tab…'),
      );
      list._homeKey = key;
      list._view = 'home';
      list.scrollTop = 0;
    }
    return;
  }
  list._homeKey = undefined;
  const channel = page.state.channels.find((c) => c.id === page.view);
  $('channel-title').textContent = channel.kind === 'dm' ? `${channel.name} (direct messages)` : `# ${channel.name}`;
  $('channel-purpose').textContent = channel.purpose;
  input.disabled = false;
  input.placeholder = channel.kind === 'dm' ? 'Message Klaxon — or type /klaxon help' : `Message #${channel.name} — or type /klaxon help`;
  const messages = page.state.messages.filter((m) => m.channel === page.view && !m.threadTs).sort((a, b) => tsCompare(a.ts, b.ts));
  if (messages.length === 0) {
    list._nodes = new Map();
    list.replaceChildren(
      el(
        'div',
        { class: 'empty' },
        channel.id === 'CSBTRIAGE'
          ? 'No cards yet. Write a mention or press "Replay samples" in the Customers panel →'
          : 'Nothing here yet.',
      ),
    );
    list._view = page.view;
    return;
  }
  if (list.querySelector('.empty')) list.replaceChildren();
  drawList(page, list, messages, false);
}

/** The thread pane: the parent message, its replies, and a box for internal notes. */
export function renderThread(page, root) {
  const { channel, ts } = page.thread;
  const parent = page.state.messages.find((m) => m.channel === channel && m.ts === ts);
  if (!root._built || root._for !== `${channel}:${ts}`) {
    const list = el('div', { class: 'thread-messages' });
    const input = el('textarea', {
      rows: 2,
      placeholder: 'Reply in thread — an internal note on the case, never sent to the customer',
      'aria-label': 'Reply in thread',
    });
    const form = el('form', { class: 'composer thread-composer' }, input, el('button', { type: 'submit' }, 'Send'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      await page.act('say', { channel, text, threadTs: ts });
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    const close = el(
      'button',
      {
        type: 'button',
        class: 'close',
        title: 'Close thread',
        onclick: () => {
          page.thread = null;
          page.showSide('customers');
        },
      },
      '×',
    );
    root.replaceChildren(
      el('div', { class: 'side-header' }, el('b', {}, 'Thread'), el('span', { class: 'purpose' }, ` #${page.channelName(channel)}`), close),
      list,
      form,
    );
    root._built = true;
    root._for = `${channel}:${ts}`;
    root._list = list;
  }
  const thread = parent ? [parent, ...replies(page, parent).sort((a, b) => tsCompare(a.ts, b.ts))] : [];
  drawList(page, root._list, thread, true);
}
