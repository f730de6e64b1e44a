// Slack's mrkdwn → safe HTML, for what Klaxon sends: *bold*, _italic_, ~strike~, `code`,
// ```blocks```, > quotes, <url|text> links, <@U…> and <!subteam^…> mentions, <#C…|name>
// channels and <!date^…|fallback> dates. Every piece of text is HTML-escaped; only the tags
// made here reach the page.

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Slack escapes &, < and > in message text; undo that before escaping for HTML. */
function decodeSlack(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Slack's date tokens, in the reader's own time zone, as Slack renders them. */
export function formatSlackDate(unix, format, fallback) {
  const d = new Date(unix * 1000);
  if (Number.isNaN(d.getTime())) return fallback;
  const now = new Date();
  const yesterday = new Date(now.getTime() - 86_400_000);
  const tomorrow = new Date(now.getTime() + 86_400_000);
  const pretty = (long) => (sameDay(d, now) ? 'today' : sameDay(d, yesterday) ? 'yesterday' : sameDay(d, tomorrow) ? 'tomorrow' : long);
  const short = `${MONTHS[d.getMonth()].slice(0, 3)} ${d.getDate()}, ${d.getFullYear()}`;
  const long = `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`;
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const ago = () => {
    const s = Math.round((now.getTime() - d.getTime()) / 1000);
    const abs = Math.abs(s);
    const [n, unit] =
      abs < 60
        ? [abs, 'second']
        : abs < 3600
          ? [Math.round(abs / 60), 'minute']
          : abs < 86400
            ? [Math.round(abs / 3600), 'hour']
            : [Math.round(abs / 86400), 'day'];
    return s >= 0 ? `${n} ${unit}${n === 1 ? '' : 's'} ago` : `in ${n} ${unit}${n === 1 ? '' : 's'}`;
  };
  const tokens = {
    date_num: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
    date: long,
    date_short: short,
    date_long: `${d.toLocaleDateString([], { weekday: 'long' })}, ${long}`,
    date_pretty: pretty(long),
    date_short_pretty: pretty(short),
    date_long_pretty: pretty(`${d.toLocaleDateString([], { weekday: 'long' })}, ${long}`),
    time,
    time_secs: d.toLocaleTimeString(),
    ago: ago(),
  };
  let unknown = false;
  const out = format.replace(/\{(\w+)\}/g, (whole, key) => {
    if (key in tokens) return tokens[key];
    unknown = true;
    return whole;
  });
  return unknown ? fallback : out;
}

/**
 * One `<…>` token: people, groups, channels, dates, links. `ctx.userName(id)` names people.
 * Returns HTML.
 */
function token(inner, ctx) {
  const [target, label] = splitLabel(inner);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention" data-user="${escapeHtml(id)}">@${escapeHtml(label || ctx.userName(id))}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `<span class="mention channel">#${escapeHtml(label || ctx.channelName(id))}</span>`;
  }
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    return `<span class="mention group">${escapeHtml(label || `@${ctx.groupName(id)}`)}</span>`;
  }
  if (target.startsWith('!date^')) {
    const [, unix, format = '{date_short}'] = target.split('^');
    return escapeHtml(formatSlackDate(Number(unix), format, decodeSlack(label || '')));
  }
  if (target === '!here' || target === '!channel' || target === '!everyone') {
    return `<span class="mention group">@${target.slice(1)}</span>`;
  }
  const url = decodeSlack(target);
  if (/^(https?:|mailto:)/i.test(url) || url.startsWith('/')) {
    const text = label ? decodeSlack(label) : url;
    return (
      `<a href="${escapeHtml(url)}" target="${url.includes('/sandbox') ? '_self' : '_blank'}" rel="noopener ` +
      `noreferrer">${escapeHtml(text)}</a>`
    );
  }
  return escapeHtml(decodeSlack(label || target));
}

function splitLabel(inner) {
  const bar = inner.indexOf('|');
  return bar === -1 ? [inner, ''] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** Inline text: tokens become placeholders while *bold*, _italic_, ~strike~ are applied around them. */
function inline(text, ctx) {
  const held = [];
  const hold = (html) => `\u0000${held.push(html) - 1}\u0000`;
  // Slack turns bare web addresses in text into links too — unless the text object is verbatim.
  const plain = (segment) =>
    ctx.verbatim
      ? escapeHtml(decodeSlack(segment))
      : escapeHtml(decodeSlack(segment)).replace(/https?:\/\/[^\s<>"]+?(?=[.,;:!?)]*(?:\s|$))/g, (url) =>
          hold(`<a href="${url}" target="${url.includes('/sandbox') ? '_self' : '_blank'}" rel="noopener noreferrer">${url}</a>`),
        );
  let out = '';
  let last = 0;
  const re = /`([^`\n]+)`|<([^<>\n]+)>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += plain(text.slice(last, m.index));
    out += m[1] !== undefined ? hold(`<code>${escapeHtml(decodeSlack(m[1]))}</code>`) : hold(token(m[2], ctx));
    last = re.lastIndex;
  }
  out += plain(text.slice(last));
  const edge = '(^|[\\s(\\u0000>.,;:!?"\'-])';
  out = out
    .replace(new RegExp(`${edge}\\*(?!\\s)([^*\\n]+?)\\*(?=$|[\\s).,;:!?"'\\u0000<-])`, 'g'), '$1<b>$2</b>')
    .replace(new RegExp(`${edge}_(?!\\s)([^_\\n]+?)_(?=$|[\\s).,;:!?"'\\u0000<-])`, 'g'), '$1<i>$2</i>')
    .replace(new RegExp(`${edge}~(?!\\s)([^~\\n]+?)~(?=$|[\\s).,;:!?"'\\u0000<-])`, 'g'), '$1<s>$2</s>');
  return out.replace(/\u0000(\d+)\u0000/g, (_, i) => held[Number(i)]);
}

/** Lines: > quotes are grouped; the rest keep their line breaks. */
function lines(text, ctx) {
  const parts = [];
  let quote = [];
  const flush = () => {
    if (quote.length) parts.push(`<blockquote>${quote.map((l) => inline(l, ctx)).join('<br>')}</blockquote>`);
    quote = [];
  };
  const plain = [];
  const flushPlain = () => {
    if (plain.length) parts.push(plain.map((l) => inline(l, ctx)).join('<br>'));
    plain.length = 0;
  };
  for (const line of text.split('\n')) {
    const q = /^>\s?(.*)$/.exec(line);
    if (q) {
      flushPlain();
      quote.push(q[1]);
    } else {
      flush();
      plain.push(line);
    }
  }
  flush();
  flushPlain();
  return parts.join('<br>').replace(/<\/blockquote><br>/g, '</blockquote>');
}

/** mrkdwn → HTML. `ctx` names people, groups and channels. */
export function mrkdwn(text, ctx) {
  const source = String(text ?? '');
  const out = [];
  let last = 0;
  const re = /```([\s\S]*?)```/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > last) out.push(lines(source.slice(last, m.index).replace(/\n$/, ''), ctx));
    out.push(`<pre>${escapeHtml(decodeSlack(m[1].replace(/^\n/, '')))}</pre>`);
    last = re.lastIndex;
  }
  if (last < source.length) out.push(lines(source.slice(last).replace(/^\n/, ''), ctx));
  return out.join('');
}

/** plain_text objects: escaped; `emoji` needs nothing here (Klaxon writes Unicode emoji). */
export function plainText(text) {
  return escapeHtml(text ?? '').replace(/\n/g, '<br>');
}

/** A Block Kit text object of either type. */
export function textObject(obj, ctx) {
  if (!obj) return '';
  return obj.type === 'mrkdwn' ? mrkdwn(obj.text, obj.verbatim === true ? { ...ctx, verbatim: true } : ctx) : plainText(obj.text);
}
