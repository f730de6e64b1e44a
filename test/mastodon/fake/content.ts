const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const URL_RE = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'"]/g;
const MENTION_RE = /(^|[^\w/])@(\w+(?:[\w.-]*\w)?)(@[\w.-]+\w)?/g;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Mastodon's own count (StatusLengthValidator), written apart from the adapter's: graphemes, each
 * link counting 23, each remote mention counting only its local part.
 */
export function countLength(text: string, urlLength = 23): number {
  const countable = text
    .replace(URL_RE, 'x'.repeat(urlLength))
    .replace(MENTION_RE, (_m, before: string, user: string) => `${before}@${user}`);
  return [...segmenter.segment(countable)].length;
}

/** The usernames (local parts and domains) a text mentions. */
export function mentionsIn(text: string): { username: string; domain: string | null }[] {
  return [...text.matchAll(MENTION_RE)].map((m) => ({ username: m[2]!, domain: m[3] ? m[3].slice(1) : null }));
}

/** The HTML Mastodon renders a status's text to: paragraphs, <br>, links with hidden parts, mention cards. */
export function renderContent(text: string, host: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => {
    let html = '';
    let last = 0;
    const tokens = [...p.matchAll(new RegExp(`${URL_RE.source}|${MENTION_RE.source}`, 'g'))];
    for (const m of tokens) {
      html += escapeHtml(p.slice(last, m.index)).replace(/\n/g, '<br />');
      const token = m[0];
      if (/^https?:/.test(token)) {
        const scheme = /^https?:\/\//.exec(token)![0];
        const rest = token.slice(scheme.length);
        html +=
          `<a href="${escapeHtml(token)}" rel="nofollow noopener" target="_blank"><span ` +
          `class="invisible">${escapeHtml(scheme)}</span><span class="ellipsis">${escapeHtml(rest.slice(0, 30))}</span><span ` +
          `class="invisible">${escapeHtml(rest.slice(30))}</span></a>`;
      } else {
        const before = m[1] ?? '';
        const user = m[2] ?? '';
        html +=
          `${escapeHtml(before)}<span class="h-card" translate="no"><a href="https://${host}/@${escapeHtml(user)}" class="u-url ` +
          `mention">@<span>${escapeHtml(user)}</span></a></span>`;
      }
      last = m.index + token.length;
    }
    html += escapeHtml(p.slice(last)).replace(/\n/g, '<br />');
    return `<p>${html}</p>`;
  });
  return paragraphs.join('');
}
