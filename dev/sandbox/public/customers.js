// The customers' side: a form to write a mention (who, how many followers, VIP, where, when)
// and a button to replay the samples — both go to Klaxon's real /ingest — and the feed showing
// what customers wrote and what Klaxon's replies delivered back to them.

import { el } from './blocks.js';
import { escapeHtml } from './mrkdwn.js';

const SOURCES = [
  ['twitter', 'X / Twitter'],
  ['bluesky', 'Bluesky'],
  ['mastodon', 'Mastodon'],
  ['facebook', 'Facebook'],
  ['instagram', 'Instagram'],
  ['review', 'Review site'],
  ['email', 'E-mail'],
  ['chat', 'Web chat'],
];

/** How a customer's handle looks on each network, so the form starts with a believable one. */
const EXAMPLE_HANDLES = {
  twitter: '@jane_doe',
  bluesky: '@jane.bsky.social',
  mastodon: '@jane@mastodon.social',
  email: 'jane.doe@example.com',
};

function field(label, control, hint) {
  return el('label', { class: 'field' }, el('span', {}, label), control, hint ? el('small', {}, hint) : null);
}

function buildForm(page) {
  const f = {
    source: el('select', { name: 'source' }, ...SOURCES.map(([v, t]) => el('option', { value: v }, t))),
    handle: el('input', { name: 'handle', placeholder: '@jane', value: '@jane_doe' }),
    name: el('input', { name: 'name', placeholder: 'Jane Doe', value: 'Jane Doe' }),
    followers: el('input', { name: 'followers', type: 'number', min: 0, value: 4800 }),
    minutesAgo: el('input', { name: 'minutesAgo', type: 'number', min: 0, value: 0 }),
    verified: el('input', { name: 'verified', type: 'checkbox' }),
    vip: el('input', { name: 'vip', type: 'checkbox' }),
    private: el('input', { name: 'private', type: 'checkbox' }),
    text: el('textarea', { name: 'text', rows: 3, placeholder: 'What the customer wrote' }),
  };
  f.text.value = 'Charged twice for my order and nobody answers the phone. Sort it out or I am talking to my lawyer.';
  // Switching network swaps an example handle for that network's (a handle typed by hand stays);
  // e-mail is always private.
  f.source.addEventListener('change', () => {
    if (Object.values(EXAMPLE_HANDLES).includes(f.handle.value)) f.handle.value = EXAMPLE_HANDLES[f.source.value] ?? '@jane_doe';
    const email = f.source.value === 'email';
    if (email) f.private.checked = true;
    else if (f.private.disabled) f.private.checked = false;
    f.private.disabled = email;
  });
  const result = el('div', { class: 'form-result', role: 'status' });
  const send = el('button', { type: 'submit', class: 'primary' }, 'Send mention');
  const form = el(
    'form',
    { class: 'mention-form', id: 'mention-form', autocomplete: 'off' },
    el('div', { class: 'row' }, field('Source', f.source), field('Written', f.minutesAgo, 'minutes ago')),
    el('div', { class: 'row' }, field('Handle', f.handle), field('Name', f.name)),
    el(
      'div',
      { class: 'row' },
      field('Followers', f.followers),
      el(
        'div',
        { class: 'checks' },
        el('label', {}, f.verified, ' verified'),
        el('label', {}, f.vip, ' VIP'),
        el('label', {}, f.private, ' private (DM, email)'),
      ),
    ),
    field('Text', f.text),
    el('div', { class: 'row buttons' }, send, result),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    send.disabled = true;
    result.textContent = 'Sending…';
    const answer = await page.act('mention', {
      source: f.source.value,
      handle: f.handle.value.trim() || undefined,
      name: f.name.value.trim() || undefined,
      followers: f.followers.value === '' ? undefined : Number(f.followers.value),
      minutesAgo: f.minutesAgo.value === '' ? 0 : Number(f.minutesAgo.value),
      verified: f.verified.checked,
      vip: f.vip.checked,
      private: f.private.checked,
      text: f.text.value,
    });
    send.disabled = false;
    result.textContent = answer.ok ? 'Sent to /ingest — watch #social-triage.' : `Refused: ${describe(answer)}`;
    if (answer.ok && page.view !== 'CSBTRIAGE') page.show('CSBTRIAGE');
  });
  return form;
}

function describe(answer) {
  const body = answer.ingest?.body;
  if (body?.errors) return body.errors.map((e) => `${e.path} ${e.message}`).join('; ');
  return body?.error ?? answer.error ?? 'unknown error';
}

const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What a replay did: new cases, or — replayed before — nothing new, said plainly. */
export function replayOutcome(body) {
  if (body.accepted === 0 && body.duplicates > 0)
    return (
      `Already replayed: all ${count(body.duplicates, 'sample')} are in #social-triage, ` +
      `so no new cases (a mention is never stored twice).`
    );
  return (
    `${count(body.accepted, 'mention')} accepted${body.duplicates ? `, ${count(body.duplicates, 'duplicate')} ignored` : ''}. ` +
    `Cards are arriving in #social-triage.`
  );
}

function buildReplay(page) {
  const result = el('span', { class: 'form-result', role: 'status' });
  const button = el('button', { type: 'button', class: 'replay' }, '▶ Replay samples');
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.textContent = 'Sending the samples…';
    const answer = await page.act('replay', {});
    button.disabled = false;
    const body = answer.ingest?.body;
    result.textContent = answer.ok ? replayOutcome(body) : `Refused: ${describe(answer)}`;
    if (answer.ok && page.view !== 'CSBTRIAGE') page.show('CSBTRIAGE');
  });
  return el(
    'div',
    { class: 'replay-row' },
    button,
    el('small', {}, 'About 30 mentions: complaints, questions, praise, a VIP, an influencer, an outage storm.'),
    result,
  );
}

const SOURCE_NAMES = Object.fromEntries(SOURCES);

function post(p, highlighted) {
  const who = p.kind === 'reply' ? `${p.author.name ?? 'Support team'}` : (p.author.name ?? p.author.handle ?? 'customer');
  const handle = p.author.handle ? ` @${p.author.handle}` : '';
  const followers = p.author.followers
    ? ` · ${p.author.followers >= 1000 ? `${Math.round(p.author.followers / 100) / 10}k` : p.author.followers} followers`
    : '';
  const where = `${SOURCE_NAMES[p.source] ?? p.source}${p.visibility === 'private' ? ' · 🔒 private' : ''}`;
  const time = new Date(p.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return el(
    'div',
    { class: `post post-${p.kind}${highlighted ? ' highlight' : ''}`, id: `post-${p.id}` },
    el('div', {
      class: 'post-head',
      html:
        `<b>${escapeHtml(who)}</b>${p.author.verified ? ' <span class="verified" title="verified">✔</span>' : ''}<span ` +
        `class="muted">${escapeHtml(handle + followers)}</span>`,
    }),
    el('div', { class: 'post-text' }, p.text),
    el('div', { class: 'post-meta' }, `${where} · ${time}${p.caseRef ? ` · from ${p.caseRef}` : ''}`),
  );
}

function renderFeed(page, container) {
  const posts = page.state.feed;
  const key = JSON.stringify([posts.length, posts.at(-1)?.id, page.highlight]);
  if (container._key === key) return;
  container._key = key;
  if (posts.length === 0) {
    container.replaceChildren(el('div', { class: 'empty small' }, 'What customers write, and the replies they get, appear here.'));
    return;
  }
  const byParent = new Map();
  for (const p of posts) if (p.inReplyTo) byParent.set(p.inReplyTo, [...(byParent.get(p.inReplyTo) ?? []), p]);
  const roots = posts.filter((p) => !p.inReplyTo || !posts.some((q) => q.id === p.inReplyTo)).reverse();
  const thread = (p) =>
    el(
      'div',
      { class: 'post-thread' },
      post(p, p.id === page.highlight),
      ...(byParent.get(p.id) ?? []).map((r) => el('div', { class: 'post-replies' }, thread(r))),
    );
  container.replaceChildren(...roots.slice(0, 150).map(thread));
}

export function renderCustomers(page, root) {
  if (!root._built) {
    const feed = el('div', { class: 'feed' });
    root.replaceChildren(
      el(
        'div',
        { class: 'side-header' },
        el('b', {}, 'Customers'),
        el('span', { class: 'purpose' }, ' play the customer: mentions go to the real /ingest'),
      ),
      buildReplay(page),
      el('details', { class: 'mention-details', open: true }, el('summary', {}, 'New mention'), buildForm(page)),
      el('div', { class: 'side-subheader' }, 'Customer view — mentions and the replies that reached them'),
      feed,
    );
    root._built = true;
    root._feed = feed;
  }
  renderFeed(page, root._feed);
}
